import { checkDesaDuplicates, checkTally, checkTpsContests, isWarningAccepted, type Finding } from '../../domain/checks/index.ts';
import { contestRank } from '../../domain/checks/order.ts';
import { desaOfTps, type DesaCode } from '../../domain/codes/codes.ts';
import { coversTally, type Objection } from '../../domain/objections/index.ts';
import type { ContestSetup, Setup } from '../../domain/setup/index.ts';
import type { Tally, TallyStatus } from '../../domain/tally/tally.ts';
import type { TallyRow } from '../../db/index.ts';

/** open: needs attention; accepted: a warning accepted with a reason; covered: an error kept under a decided objection/special event. */
export type DiscrepancyState = 'open' | 'accepted' | 'covered';

export interface Discrepancy {
  finding: Finding;
  desa: DesaCode;
  state: DiscrepancyState;
  /** The status of the tally the finding is about. */
  status: TallyStatus;
}

/**
 * The checks are cached per record revision (as the navigation chips are): after one autosave only
 * that tally is re-checked, and only its TPS's W04 and its desa × contest's W05 run again.
 * Entries stay until the page reloads; a kecamatan has at most ~8,000 tallies.
 */
const perTally = new Map<string, { print: string; findings: Finding[] }>();
const perGroup = new Map<string, { print: string; findings: Finding[] }>();

const printOf = (row: TallyRow) => `${row.revision}|${row.updatedAt}`;

function tallyFindings(row: TallyRow, contest: ContestSetup | undefined): Finding[] {
  const print = printOf(row);
  const hit = perTally.get(row.key);
  if (hit && hit.print === print) return hit.findings;
  const findings = row.tally.status === 'empty' ? [] : checkTally(row.tally, contest);
  perTally.set(row.key, { print, findings });
  return findings;
}

function groupFindings(cacheKey: string, rows: readonly TallyRow[], check: (tallies: Tally[]) => Finding[]): Finding[] {
  const print = rows.map(printOf).join(';');
  const hit = perGroup.get(cacheKey);
  if (hit && hit.print === print) return hit.findings;
  const findings = rows.length > 1 ? check(rows.map((r) => r.tally)) : [];
  perGroup.set(cacheKey, { print, findings });
  return findings;
}

const STATE_RANK: Record<DiscrepancyState, number> = { open: 0, covered: 1, accepted: 2 };

/** Errors first; within a severity what is open first; then TPS, contest (counting order), code. */
export function compareDiscrepancies(a: Discrepancy, b: Discrepancy): number {
  const fa = a.finding;
  const fb = b.finding;
  if (fa.severity !== fb.severity) return fa.severity === 'error' ? -1 : 1;
  if (a.state !== b.state) return STATE_RANK[a.state] - STATE_RANK[b.state];
  if (fa.tps !== fb.tps) return fa.tps < fb.tps ? -1 : 1;
  if (fa.contest !== fb.contest) return contestRank(fa.contest) - contestRank(fb.contest);
  return fa.code < fb.code ? -1 : fa.code > fb.code ? 1 : 0;
}

/**
 * Every finding over the stored tallies of the setup: each tally's own checks, W04 per TPS (the
 * DPT across contests) and W05 per desa × contest (duplicate vote figures). Warnings accepted on
 * their tally are 'accepted'; errors under a decided objection/special event of their TPS 'covered'.
 */
export function buildDiscrepancies(setup: Setup, rows: readonly TallyRow[], objections: readonly Objection[]): Discrepancy[] {
  const contests = new Map(setup.contests.map((c) => [c.id, c]));
  const byKey = new Map<string, TallyRow>();
  const byTps = new Map<string, TallyRow[]>();
  const byDesaContest = new Map<string, TallyRow[]>();
  for (const row of rows) {
    if (!contests.has(row.contest) || row.status === 'empty') continue;
    byKey.set(row.key, row);
    push(byTps, row.tps, row);
    push(byDesaContest, `${row.desa}|${row.contest}`, row);
  }
  const findings: Finding[] = [];
  for (const row of byKey.values()) findings.push(...tallyFindings(row, contests.get(row.contest)));
  for (const [tps, group] of byTps) findings.push(...groupFindings(`W04|${tps}`, group, checkTpsContests));
  for (const [key, group] of byDesaContest) findings.push(...groupFindings(`W05|${key}`, group, checkDesaDuplicates));

  const decided = objections.filter((o) => o.decision.status !== 'pending' && o.scope.level === 'tps');
  const out: Discrepancy[] = [];
  for (const finding of findings) {
    const row = byKey.get(`${finding.tps}:${finding.contest}`);
    if (!row) continue;
    let state: DiscrepancyState = 'open';
    if (finding.severity === 'warning' && isWarningAccepted(finding, row.tally)) state = 'accepted';
    else if (finding.severity === 'error' && decided.some((o) => coversTally(o, finding.tps, finding.contest))) state = 'covered';
    out.push({ finding, desa: desaOfTps(finding.tps), state, status: row.status });
  }
  return out.sort(compareDiscrepancies);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
