import { memo, useMemo, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useStoreKeys } from '../entry/context.ts';
import type { CellSeverity } from '../entry/entryStore.ts';
import { m } from '../entry/messages.ts';
import { useGrid } from './context.ts';
import { focusGridCell, gridCellId, stepAlong, stepVertical, type GridPos } from './navigation.ts';
import { DIGITS, TOO_LONG } from '../entry/digits.ts';
import { cellKey } from '../entry/storeKeys.ts';


type Refusal = 'digitsOnly' | 'fourthDigit' | null;

/**
 * One figure of one TPS: the single form's cell rules (0–999, empty = not entered, a refused
 * keystroke said aloud, committed on Enter/Tab/blur) with the grid's moves. A row whose form is no
 * longer typed freely (entered, verified, final) or that this device may not write is read-only:
 * its corrections need a reason, given in the single form.
 */
export const GridCell = memo(function GridCell({ row, col, label }: { row: number; col: number; label: string }) {
  const { rows, order, lang } = useGrid();
  const { tps, store } = rows[row]!;
  const path = order[col]!;
  // Woken only when this cell changes, not by every keystroke in its row.
  const keys = useMemo(() => [cellKey(path)], [path]);
  const snapshot = useStoreKeys(store, keys, (s) => `${s.severities.get(path) ?? ''}|${s.locked ? 1 : 0}|${s.text(path)}`);
  const [sev, lockedFlag, text = ''] = snapshot.split('|');
  const severity = (sev || null) as CellSeverity;
  const locked = lockedFlag === '1';
  const [refused, setRefused] = useState<Refusal>(null);
  const id = gridCellId(tps, path);
  const hintId = `${id}-hint`;

  const focusAt = (pos: GridPos | undefined): boolean => pos !== undefined && focusGridCell(rows[pos.row]!.tps, order[pos.col]!);

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    if (store.locked) return;
    const raw = e.target.value;
    if (!DIGITS.test(raw)) {
      // The stored figure is untouched; "1234" is a misread of the paper, not "123".
      setRefused(TOO_LONG.test(raw) ? 'fourthDigit' : 'digitsOnly');
      return;
    }
    setRefused(null);
    store.setCell(path, raw === '' ? null : Number(raw));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    const here = { row, col };
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(stepVertical(here, e.key === 'ArrowDown' ? 1 : -1, rows.length));
      return;
    }
    if (e.key !== 'Enter' && e.key !== 'Tab') return;
    store.commitCell(path);
    const next = stepAlong(here, e.shiftKey ? -1 : 1, order.length, rows.length, (r) => !rows[r]!.store.locked);
    if (focusAt(next)) {
      e.preventDefault();
      return;
    }
    // Past the last cell Tab leaves the grid normally; Enter goes back to the first empty cell.
    if (e.key === 'Enter') {
      e.preventDefault();
      focusAt(firstEmpty());
    }
  };

  const firstEmpty = (): GridPos | undefined => {
    for (const [r, ref] of rows.entries()) {
      if (ref.store.locked) continue;
      const missing = ref.store.missing()[0];
      if (missing !== undefined) return { row: r, col: ref.store.positionOf(missing) };
    }
    return undefined;
  };

  const className = [
    'entry-cell',
    'grid-cell',
    severity === 'error' ? 'entry-cell--error' : '',
    severity === 'warning' ? 'entry-cell--warning' : '',
    severity === 'accepted' ? 'entry-cell--accepted' : '',
    text === '' ? 'entry-cell--empty' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <td className="grid-td">
      <input
        id={id}
        className={className}
        data-path={path}
        data-severity={severity ?? undefined}
        aria-label={label}
        aria-invalid={severity === 'error' ? true : undefined}
        aria-describedby={refused ? hintId : undefined}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        readOnly={locked}
        size={3}
        value={text}
        onChange={onChange}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setRefused(null);
          store.commitCell(path);
        }}
        onFocus={(e) => e.currentTarget.select()}
      />
      {refused ? (
        <span id={hintId} className="entry-hint grid-hint" role="status">
          {m[refused][lang]}
        </span>
      ) : null}
    </td>
  );
});
