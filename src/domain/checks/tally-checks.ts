import type { ContestSetup } from '../setup/index.ts';
import type { Tally } from '../tally/tally.ts';
import { checkBallots } from './ballots.ts';
import { checkFigures } from './figures.ts';
import { byCode } from './order.ts';
import { checkVoters, checkTurnout } from './voters.ts';
import { checkVotes } from './votes.ts';
import type { Finding } from './types.ts';

/**
 * The checks of one tally: E01–E11 and W01–W03, sorted by code. Linear in the number of cells and
 * allocation-free while the tally is clean, since the entry form runs it on every keystroke.
 * `contest` (the tally's contest setup) supplies the W03 threshold and the list of choices: a
 * choice of the setup that the tally lacks counts as not entered.
 */
export function checkTally(tally: Tally, contest?: ContestSetup): Finding[] {
  if (contest && contest.id !== tally.contest) {
    throw new Error(`checkTally: contest setup ${contest.id} given for a ${tally.contest} tally`);
  }
  const out: Finding[] = [];
  checkVoters(tally, out);
  checkBallots(tally, out);
  checkVotes(tally, contest, out);
  checkFigures(tally, out);
  checkTurnout(tally, out);
  return out.length > 1 ? out.sort(byCode) : out;
}
