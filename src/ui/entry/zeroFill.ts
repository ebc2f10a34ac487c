import type { FieldPath } from '../../domain/tally/fields.ts';

/** The key that fills the empty candidate cells of a party (or of the ballot) with 0: on screen in the votes section. */
export const ZERO_FILL_KEY = '*';

const PARTY_CANDIDATE = /^votes\.(\d+)\.candidates\.\d+$/;
const CANDIDATE = /^votes\.\d+$/;

/**
 * The candidate cells a zero fill from `path` covers, in paper order: the A.2 cells of the same
 * party (DPR/DPRD), or every candidate's cell (PPWP/DPD). Null for any other cell: a party's A.1, its
 * total B or a figure of sections I–III is never filled (a 0 there is a figure someone must read).
 */
export function zeroFillGroup(path: FieldPath, order: readonly FieldPath[]): FieldPath[] | null {
  const party = PARTY_CANDIDATE.exec(path);
  if (party) return order.filter((p) => PARTY_CANDIDATE.exec(p)?.[1] === party[1]);
  if (CANDIDATE.test(path)) return order.filter((p) => CANDIDATE.test(p));
  return null;
}
