import type { TpsCode } from '../../domain/codes/codes.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';

/** A cell of the grid: row = TPS (in desa order), col = figure (in paper order). */
export interface GridPos {
  row: number;
  col: number;
}

/**
 * Enter/Tab (step 1) and Shift+Enter/Shift+Tab (step -1): along the row, then on to the first
 * (last) cell of the next (previous) row that can be typed — a row already entered is skipped, so
 * the typist is never walked through 28 read-only cells.
 */
export function stepAlong(pos: GridPos, step: 1 | -1, columns: number, rows: number, editable: (row: number) => boolean): GridPos | undefined {
  const col = pos.col + step;
  if (col >= 0 && col < columns) return { row: pos.row, col };
  for (let row = pos.row + step; row >= 0 && row < rows; row += step) {
    if (editable(row)) return { row, col: step === 1 ? 0 : columns - 1 };
  }
  return undefined;
}

/** Arrow up/down: the same figure of the TPS above/below (read-only rows too: they are read). */
export function stepVertical(pos: GridPos, step: 1 | -1, rows: number): GridPos | undefined {
  const row = pos.row + step;
  return row >= 0 && row < rows ? { row, col: pos.col } : undefined;
}

/** The DOM id of a grid cell's input. */
export const gridCellId = (tps: TpsCode, path: FieldPath): string => `grid-${tps}-${path.replaceAll('.', '-')}`;

/** Focuses a cell and selects its digits, so typing replaces them (as in the single form). */
export function focusGridCell(tps: TpsCode, path: FieldPath): boolean {
  const el = document.getElementById(gridCellId(tps, path));
  if (!(el instanceof HTMLInputElement)) return false;
  el.focus();
  el.select();
  return true;
}
