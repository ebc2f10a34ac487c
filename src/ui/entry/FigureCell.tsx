import { memo, useMemo, useState, type ChangeEvent, type FocusEvent, type KeyboardEvent } from 'react';
import { fieldLabel } from '../../domain/setup/lookup.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import { useEntry, useStoreKeys } from './context.ts';
import type { CellSeverity } from './entryStore.ts';
import { m } from './messages.ts';
import { markPanelId } from './markPanel.ts';
import { ZERO_FILL_KEY, zeroFillGroup } from './zeroFill.ts';
import { DIGITS, TOO_LONG } from './digits.ts';
import { cellKey } from './storeKeys.ts';

const REFUSAL_TEXT = { digits: 'digitsOnly', tooLong: 'fourthDigit', zeroFillHere: 'zeroFillNotHere' } as const;


/** Why a keystroke was refused: shown beside the cell until the next good one. */
type Refusal = 'digits' | 'tooLong' | 'zeroFillHere' | null;

/** The DOM id of a cell's input (findings point at it with aria-describedby / buttons focus it). */
export const cellId = (prefix: string, path: FieldPath): string => `${prefix}cell-${path.replaceAll('.', '-')}`;

/**
 * One figure box of the paper form: three digits, 0–999, empty means "not entered" (null, never 0).
 * Anything else typed is refused (the stored value does not change) with a short inline hint.
 * Enter/Tab move on in paper order, Shift+Enter/Shift+Tab back.
 */
export const FigureCell = memo(function FigureCell({ path, label }: { path: FieldPath; label?: string }) {
  const { store, contest, lang, focusPath, neighbour, idPrefix } = useEntry();
  // Woken only when this cell changes (a primitive snapshot): a keystroke elsewhere costs nothing here.
  const keys = useMemo(() => [cellKey(path)], [path]);
  const snapshot = useStoreKeys(
    store,
    keys,
    (s) => `${s.severities.get(path) ?? ''}|${s.hasDraft(path) ? 1 : 0}|${s.frozen ? 1 : 0}|${s.watching ? 1 : 0}|${s.text(path)}`,
  );
  const [sev, draftFlag, finalFlag, watchFlag, text = ''] = snapshot.split('|');
  const severity = (sev || null) as CellSeverity;
  const draft = draftFlag === '1';
  const [refused, setRefused] = useState<Refusal>(null);
  const accessibleName = label ?? fieldLabel(contest, path, lang);
  const id = cellId(idPrefix, path);
  const hintId = `${id}-hint`;

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const raw = e.target.value;
    if (!DIGITS.test(raw)) {
      // React puts the controlled value back: the stored figure is untouched. A fourth digit is
      // said so, not silently dropped: "1234" is a misread of the paper, not "123".
      setRefused(TOO_LONG.test(raw) ? 'tooLong' : 'digits');
      return;
    }
    setRefused(null);
    if (store.locked) store.setDraft(path, raw === '' ? '' : String(Number(raw)));
    else store.setCell(path, raw === '' ? null : Number(raw));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && store.hasDraft(path)) {
      e.preventDefault();
      store.discardDraft(path);
      return;
    }
    if (e.key === ZERO_FILL_KEY) {
      e.preventDefault();
      const group = zeroFillGroup(path, store.order);
      if (!group || store.locked) {
        setRefused(group ? 'digits' : 'zeroFillHere');
        return;
      }
      store.fillZeros(group);
      const after = neighbour(group[group.length - 1]!, 1);
      if (after !== undefined) focusPath(after);
      return;
    }
    if (e.key !== 'Enter' && e.key !== 'Tab') return;
    if (e.nativeEvent.isComposing) return;
    store.commitCell(path);
    const step = e.shiftKey ? -1 : 1;
    const next = neighbour(path, step);
    // A correction to an entered form: ask for the reason before anything is saved.
    if (store.hasDraft(path)) {
      e.preventDefault();
      store.commitDraft(path, next);
      return;
    }
    if (next === undefined) {
      // Past the last cell Tab leaves the form normally; Enter goes on to "Selesai dientri".
      if (e.key === 'Enter') {
        e.preventDefault();
        finishForm();
      }
      return;
    }
    e.preventDefault();
    focusPath(next);
  };

  /** Enter on the last cell: the first empty cell if any, else the "Selesai dientri" panel. */
  const finishForm = () => {
    const missing = store.missing()[0];
    if (missing !== undefined) {
      focusPath(missing);
      return;
    }
    const panel = document.getElementById(markPanelId(idPrefix));
    const button = panel?.querySelector<HTMLButtonElement>('button.entry-primary:not(:disabled)');
    // Warnings still to accept: their reason comes first.
    (button ?? panel?.querySelector<HTMLElement>('input, textarea, button:not(:disabled)'))?.focus();
  };

  const onBlur = (_e: FocusEvent<HTMLInputElement>) => {
    setRefused(null);
    store.commitCell(path);
    if (store.hasDraft(path) && !store.correction) store.commitDraft(path, undefined);
  };

  const className = [
    'entry-cell',
    severity === 'error' ? 'entry-cell--error' : '',
    severity === 'warning' ? 'entry-cell--warning' : '',
    severity === 'accepted' ? 'entry-cell--accepted' : '',
    text === '' ? 'entry-cell--empty' : '',
    draft ? 'entry-cell--draft' : '',
  ]
    .filter(Boolean)
    .join(' ');

  // A device that only reads the form gets no input at all (issue 16): the figure as text, named for screen readers.
  if (watchFlag === '1') {
    return (
      <span className="entry-cell-wrap">
        <span id={id} className={`${className} entry-cell--readout`} data-path={path} data-severity={severity ?? undefined}>
          <span className="visually-hidden">{accessibleName}: </span>
          {text === '' ? '—' : text}
        </span>
      </span>
    );
  }
  return (
    <span className="entry-cell-wrap">
      <input
        id={id}
        className={className}
        data-path={path}
        data-severity={severity ?? undefined}
        aria-label={accessibleName}
        aria-invalid={severity === 'error' ? true : undefined}
        aria-describedby={refused ? hintId : undefined}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        readOnly={finalFlag === '1'}
        size={3}
        value={text}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        onFocus={(e) => e.currentTarget.select()}
      />
      {refused ? (
        <span id={hintId} className="entry-hint" role="status">
          {m[REFUSAL_TEXT[refused]][lang]}
        </span>
      ) : null}
    </span>
  );
});
