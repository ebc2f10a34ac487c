import { CONTEST_IDS, type ContestId } from '../tally/contest.ts';
import type { Finding } from './types.ts';

const CONTEST_RANK = Object.fromEntries(CONTEST_IDS.map((id, i) => [id, i])) as Record<ContestId, number>;

export function contestRank(contest: ContestId): number {
  return CONTEST_RANK[contest];
}

export function byCode(a: Finding, b: Finding): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** Errors first, then TPS code, contest (counting order), code; ties keep the checks' order. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  if (a.tps !== b.tps) return a.tps < b.tps ? -1 : 1;
  if (a.contest !== b.contest) return CONTEST_RANK[a.contest] - CONTEST_RANK[b.contest];
  return byCode(a, b);
}
