import { useEntry, useStore } from './context.ts';
import { m } from './messages.ts';

/** "Tersimpan" once the database holds every typed figure; failures (e.g. a full disk) stay visible. */
export function SaveIndicator({ hasRow }: { hasRow: boolean }) {
  const { store, lang } = useEntry();
  const state = useStore(store, (s) => s.saveState);
  let label: string;
  switch (state.kind) {
    case 'saving':
      label = m.saving[lang];
      break;
    case 'error':
      label = `${m.saveFailed[lang]}: ${state.message[lang]}`;
      break;
    case 'saved':
      label = m.saved[lang];
      break;
    default:
      label = hasRow ? m.saved[lang] : m.notSaved[lang];
  }
  return (
    <span
      className={`entry-save entry-save--${state.kind}`}
      data-testid="save-state"
      data-state={state.kind === 'idle' ? (hasRow ? 'saved' : 'idle') : state.kind}
      role={state.kind === 'error' ? 'alert' : 'status'}
    >
      {label}
    </span>
  );
}
