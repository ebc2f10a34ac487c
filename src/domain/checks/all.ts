import { desaOfTps } from '../codes/codes.ts';
import type { ContestSetup, Setup } from '../setup/index.ts';
import type { ContestId } from '../tally/contest.ts';
import type { Tally } from '../tally/tally.ts';
import { checkDesaDuplicates } from './desa-duplicates.ts';
import { compareFindings } from './order.ts';
import { checkTally } from './tally-checks.ts';
import { checkTpsContests } from './tps-contests.ts';
import type { Finding } from './types.ts';

/**
 * Every check over a set of tallies (a kecamatan export, say): checkTally on each (with its contest
 * setup when a setup is given), W04 per TPS and W05 per desa × contest. W06 needs two entries of the
 * same tally and is not part of it. Sorted: errors first, then TPS, contest (counting order), code.
 */
export function checkAll(tallies: readonly Tally[], setup?: Setup): Finding[] {
  const contests = new Map<ContestId, ContestSetup>();
  for (const c of setup?.contests ?? []) contests.set(c.id, c);

  const out: Finding[] = [];
  const byTps = new Map<string, Tally[]>();
  const byDesaContest = new Map<string, Tally[]>();
  for (const t of tallies) {
    for (const f of checkTally(t, contests.get(t.contest))) out.push(f);
    push(byTps, t.tps, t);
    push(byDesaContest, `${desaOfTps(t.tps)}|${t.contest}`, t);
  }
  for (const group of byTps.values()) if (group.length > 1) for (const f of checkTpsContests(group)) out.push(f);
  for (const group of byDesaContest.values()) if (group.length > 1) for (const f of checkDesaDuplicates(group)) out.push(f);
  return out.sort(compareFindings);
}

function push(map: Map<string, Tally[]>, key: string, t: Tally): void {
  const group = map.get(key);
  if (group) group.push(t);
  else map.set(key, [t]);
}
