import { checkTally, type Finding } from '../../domain/checks/index.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import type { Tally } from '../../domain/tally/tally.ts';

/**
 * The checks of a pushed form, run once per op: the audit row's findings and the workflow's facts
 * both read them (keyed by the parsed record, which lives as long as the push).
 */
const cache = new WeakMap<Tally, readonly Finding[]>();

export function checksOf(tally: Tally, contest: ContestSetup | undefined): readonly Finding[] {
  let found = cache.get(tally);
  if (!found) {
    found = checkTally(tally, contest);
    cache.set(tally, found);
  }
  return found;
}
