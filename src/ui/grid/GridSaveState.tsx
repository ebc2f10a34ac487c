import type { LocalizedText } from '../../domain/common/text.ts';
import { m } from '../entry/messages.ts';
import { useGrid } from './context.ts';
import { useRowsVersion } from './useRowsVersion.ts';

/**
 * The single form's save indicator for the whole grid: a failure in any row stays visible (with its
 * TPS), "Menyimpan…" while any row writes, "Tersimpan" once every typed figure is stored.
 */
export function GridSaveState() {
  const { rows, lang } = useGrid();
  useRowsVersion(rows);
  let saving = false;
  let saved = false;
  let failure: { number: string; message: LocalizedText } | null = null;
  for (const r of rows) {
    const s = r.store.saveState;
    if (s.kind === 'error' && failure === null) failure = { number: r.number, message: s.message };
    if (s.kind === 'saving') saving = true;
    if (s.kind === 'saved') saved = true;
  }
  const kind = failure ? 'error' : saving ? 'saving' : saved ? 'saved' : 'idle';
  if (kind === 'idle') return <span className="entry-save" data-testid="save-state" data-state="idle" role="status" />;
  const label = failure
    ? `${m.saveFailed[lang]} (TPS ${failure.number}): ${failure.message[lang]}`
    : kind === 'saving'
      ? m.saving[lang]
      : m.saved[lang];
  return (
    <span className={`entry-save entry-save--${kind}`} data-testid="save-state" data-state={kind} role={failure ? 'alert' : 'status'}>
      {label}
    </span>
  );
}
