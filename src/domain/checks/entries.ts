import { formatNumber as n } from '../common/text.ts';
import { figurePaths, getFigure, type FieldPath } from '../tally/fields.ts';
import type { Tally } from '../tally/tally.ts';
import { report } from './finding.ts';
import { cellLabel, fmt } from './labels.ts';
import type { Finding } from './types.ts';

/** How many differing cells the W06 message quotes before "… and N more". */
const QUOTED = 3;

/**
 * W06: blind double entry. Compares the cells entered in both entries (a cell left empty in one
 * entry is not a difference: completeness is required before a tally can be "entered", and this
 * lets the form compare while the second clerk is still typing). Fields are every differing cell in
 * paper order; the finding is on the second entry's TPS and contest.
 */
export function compareEntries(first: Tally, second: Tally): Finding[] {
  if (first.tps !== second.tps || first.contest !== second.contest) {
    throw new Error(`compareEntries: ${first.tps}:${first.contest} compared with ${second.tps}:${second.contest}`);
  }
  const fields: FieldPath[] = [];
  const pairs: [number, number][] = [];
  for (const path of figurePaths(first)) {
    const a = getFigure(first, path);
    const b = getFigure(second, path);
    if (a === null || a === undefined || b === null || b === undefined || Object.is(a, b) || a === b) continue;
    fields.push(path);
    pairs.push([a, b]);
  }
  if (fields.length === 0) return [];
  const quote = (lang: 'id' | 'en') => {
    const items = fields
      .slice(0, QUOTED)
      .map((path, i) => `${cellLabel(first.contest, path, lang)} (${fmt(pairs[i]![0], lang)} → ${fmt(pairs[i]![1], lang)})`);
    const more = fields.length - QUOTED;
    if (more > 0) items.push(lang === 'id' ? `… dan ${n(more, 'id')} lainnya` : `… and ${n(more, 'en')} more`);
    return items.join('; ');
  };
  const count = fields.length;
  const out: Finding[] = [];
  report(
    out, 'W06', second, fields,
    `Entri kedua berbeda dari entri pertama di ${n(count, 'id')} sel: ${quote('id')}`,
    `Second entry differs from the first in ${n(count, 'en')} ${count === 1 ? 'cell' : 'cells'}: ${quote('en')}`,
  );
  return out;
}
