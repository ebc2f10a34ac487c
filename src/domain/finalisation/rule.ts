import { checkTally, isWarningAccepted, type CheckCode } from '../checks/index.ts';
import { tpsCode, type DesaCode, type TpsCode } from '../codes/codes.ts';
import { err, ok, type Result } from '../common/result.ts';
import { coversTally } from '../objections/rules.ts';
import type { Objection } from '../objections/schema.ts';
import { findContest, findDesa } from '../setup/lookup.ts';
import type { Setup } from '../setup/schema.ts';
import type { ContestId } from '../tally/contest.ts';
import type { Tally, TallyStatus } from '../tally/tally.ts';

/** Why a desa × contest cannot be finalised yet, per TPS. */
export type DesaBlocker =
  | { kind: 'missing'; tps: TpsCode }
  | { kind: 'not-verified'; tps: TpsCode; status: TallyStatus }
  /** Error findings (and warnings never accepted) not covered by a decided objection/special event. */
  | { kind: 'uncovered'; tps: TpsCode; codes: CheckCode[] };

export interface DesaReady {
  /** Every TPS of the desa, in setup order. */
  tps: TpsCode[];
  /** Findings that remain on the figures, each covered by a decided objection/special event. */
  covered: { tps: TpsCode; codes: CheckCode[] }[];
}

export interface DesaFinalisationInput {
  setup: Setup;
  desa: DesaCode;
  contest: ContestId;
  /** The stored tallies; those of other desa or contests are ignored. */
  tallies: readonly Tally[];
  objections: readonly Pick<Objection, 'scope' | 'contest' | 'decision'>[];
}

const DONE: readonly TallyStatus[] = ['verified', 'final'];

/**
 * A desa × contest can be finalised when every TPS of the desa has its tally verified and no error
 * is open, or each remaining one is covered by a special event/objection recorded for that TPS
 * (and contest) with a decision (DESIGN.md §3). A warning that was never accepted counts like an
 * error here, as it does for finalising a single tally. Cross-TPS warnings (W04/W05) need no
 * acceptance and do not block: they are listed among the discrepancies.
 */
export function desaFinalisation(input: DesaFinalisationInput): Result<DesaReady, DesaBlocker[]> {
  const desa = findDesa(input.setup, input.desa);
  const contest = findContest(input.setup, input.contest);
  if (!desa || !contest) throw new Error(`desaFinalisation: ${input.desa} × ${input.contest} is not in the setup`);
  const byTps = new Map<string, Tally>();
  for (const t of input.tallies) if (t.contest === input.contest) byTps.set(t.tps, t);

  const blockers: DesaBlocker[] = [];
  const covered: DesaReady['covered'] = [];
  const all: TpsCode[] = [];
  for (const number of desa.tps) {
    const tps = tpsCode(desa.code, number);
    all.push(tps);
    const tally = byTps.get(tps);
    if (!tally || tally.status === 'empty') {
      blockers.push({ kind: 'missing', tps });
      continue;
    }
    if (!DONE.includes(tally.status)) blockers.push({ kind: 'not-verified', tps, status: tally.status });
    const open = openCodes(tally, contest);
    if (open.length === 0) continue;
    const isCovered = input.objections.some((o) => coversTally(o, tps, input.contest));
    if (isCovered) covered.push({ tps, codes: open });
    else blockers.push({ kind: 'uncovered', tps, codes: open });
  }
  return blockers.length > 0 ? err(blockers) : ok({ tps: all, covered });
}

/** Codes of the tally's error findings and unaccepted warnings, each once, in code order. */
function openCodes(tally: Tally, contest: Parameters<typeof checkTally>[1]): CheckCode[] {
  const codes = new Set<CheckCode>();
  for (const f of checkTally(tally, contest)) {
    if (f.severity === 'error' || !isWarningAccepted(f, tally)) codes.add(f.code);
  }
  return [...codes].sort();
}

export type KecamatanBlocker = { kind: 'desa-not-final'; desa: DesaCode };

/** The kecamatan × contest finalises when every desa of the setup has (for that contest). */
export function kecamatanFinalisation(setup: Setup, finalDesa: ReadonlySet<DesaCode>): Result<{ desa: DesaCode[] }, KecamatanBlocker[]> {
  const blockers: KecamatanBlocker[] = setup.desa.filter((d) => !finalDesa.has(d.code)).map((d) => ({ kind: 'desa-not-final', desa: d.code }));
  return blockers.length > 0 ? err(blockers) : ok({ desa: setup.desa.map((d) => d.code) });
}
