import { formatNumber, type Language } from '../domain/common/text.ts';
import type { Figure } from '../domain/tally/tally.ts';

export type Align = 'left' | 'right';
export interface Column {
  header: string;
  align: Align;
}

/** Not entered is shown as a dash, never as 0 (DESIGN.md §2: an empty cell is not zero). */
export const NOT_ENTERED = '–';

export function formatFigure(value: Figure, lang: Language): string {
  return value === null ? NOT_ENTERED : formatNumber(value, lang);
}

/** Code points, not UTF-16 units, so "–" and accented names line up. */
const width = (s: string): number => [...s].length;
const pad = (s: string, w: number, align: Align): string =>
  align === 'right' ? ' '.repeat(w - width(s)) + s : s + ' '.repeat(w - width(s));

/**
 * A plain-text table for a terminal: columns separated by two spaces, a rule under the header,
 * and a rule before each row index listed in `rulesBefore` (e.g. the kecamatan total row).
 */
export function renderTable(columns: readonly Column[], rows: readonly string[][], rulesBefore: readonly number[] = []): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    columns.map((c, i) => pad(cells[i] ?? '', widths[i]!, c.align)).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [line(columns.map((c) => c.header)), rule];
  rows.forEach((r, i) => {
    if (rulesBefore.includes(i)) out.push(rule);
    out.push(line(r));
  });
  return `${out.join('\n')}\n`;
}
