import { assertNever } from './contest.ts';
import { BALLOT_FIELDS, GENDER_COLUMNS, VOTER_ROWS, type Figure, type Tally } from './tally.ts';

const isEmpty = (figure: Figure | undefined): number => (figure === null ? 1 : 0);

/**
 * How many cells of the form are still empty: the same count as
 * `figurePaths(t).filter((p) => getFigure(t, p) === null).length`, walked directly. The server
 * counts it for every pushed form (the workflow's facts), where building and splitting ~200 path
 * strings per form was a visible part of a push.
 */
export function countMissing(tally: Tally): number {
  let n = 0;
  for (const row of VOTER_ROWS) for (const col of GENDER_COLUMNS) n += isEmpty(tally.voters[row]?.[col]);
  for (const field of BALLOT_FIELDS) n += isEmpty(tally.ballots[field]);
  for (const col of GENDER_COLUMNS) n += isEmpty(tally.disabled[col]);
  switch (tally.contest) {
    case 'PPWP':
    case 'DPD':
      for (const figure of Object.values(tally.votes)) n += isEmpty(figure);
      break;
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      for (const party of Object.values(tally.votes)) {
        n += isEmpty(party.partyOnly) + isEmpty(party.total);
        for (const figure of Object.values(party.candidates)) n += isEmpty(figure);
      }
      break;
    default:
      assertNever(tally);
  }
  return n + isEmpty(tally.valid) + isEmpty(tally.invalid) + isEmpty(tally.total);
}
