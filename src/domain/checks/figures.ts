import { formatNumber as n, type Language } from '../common/text.ts';
import { fieldPath, type FieldPath } from '../tally/fields.ts';
import { BALLOT_FIELDS, GENDER_COLUMNS, VOTER_ROWS, type Figure, type Tally } from '../tally/tally.ts';
import { report } from './finding.ts';
import { cellLabel } from './labels.ts';
import type { Finding } from './types.ts';

/**
 * Three digit boxes on paper: a figure is a whole number 0–999. Every boundary already refuses what
 * is no figure at all (negative, fractional, above MAX_FIGURE: src/domain/tally/figure.ts); 1,000 …
 * 999,999 gets there and is flagged here for people to decide. Negative and fractional values are
 * still named, for tallies built in memory.
 */
export const PAPER_MAX_FIGURE = 999;

function isBad(v: Figure | undefined): v is number {
  return v !== null && v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= PAPER_MAX_FIGURE);
}

const REASON: Record<'negative' | 'fraction' | 'large', Record<Language, string>> = {
  negative: { id: 'negatif', en: 'negative' },
  fraction: { id: 'bukan bilangan bulat', en: 'not a whole number' },
  large: { id: 'lebih dari 999', en: 'above 999' },
};

/**
 * E11, one finding per bad figure. Walks the cells directly (no path list) because this runs on
 * every keystroke; a path string is built only for a cell that fails.
 */
export function checkFigures(tally: Tally, out: Finding[]): void {
  for (const row of VOTER_ROWS) {
    const r = tally.voters[row];
    for (const col of GENDER_COLUMNS) if (isBad(r[col])) bad(tally, fieldPath.voter(row, col), r[col], out);
  }
  for (const b of BALLOT_FIELDS) if (isBad(tally.ballots[b])) bad(tally, fieldPath.ballot(b), tally.ballots[b], out);
  for (const col of GENDER_COLUMNS) if (isBad(tally.disabled[col])) bad(tally, fieldPath.disabled(col), tally.disabled[col], out);
  switch (tally.contest) {
    case 'PPWP':
    case 'DPD':
      for (const k in tally.votes) {
        const v = tally.votes[k];
        if (isBad(v)) bad(tally, fieldPath.candidateVotes(k), v, out);
      }
      break;
    default:
      for (const p in tally.votes) {
        const party = tally.votes[p]!;
        if (isBad(party.partyOnly)) bad(tally, fieldPath.partyOnly(p), party.partyOnly, out);
        for (const c in party.candidates) {
          const v = party.candidates[c];
          if (isBad(v)) bad(tally, fieldPath.partyCandidate(p, c), v, out);
        }
        if (isBad(party.total)) bad(tally, fieldPath.partyTotal(p), party.total, out);
      }
  }
  if (isBad(tally.valid)) bad(tally, fieldPath.valid, tally.valid, out);
  if (isBad(tally.invalid)) bad(tally, fieldPath.invalid, tally.invalid, out);
  if (isBad(tally.total)) bad(tally, fieldPath.total, tally.total, out);
}

function bad(tally: Tally, path: FieldPath, value: number, out: Finding[]): void {
  const reason = value < 0 ? REASON.negative : !Number.isInteger(value) ? REASON.fraction : REASON.large;
  report(
    out, 'E11', tally, [path],
    `${cellLabel(tally.contest, path, 'id')} (${n(value, 'id')}) ${reason.id}; harus bilangan bulat 0–999`,
    `${cellLabel(tally.contest, path, 'en')} (${n(value, 'en')}) is ${reason.en}; must be a whole number 0–999`,
  );
}
