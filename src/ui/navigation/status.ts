import type { DesaCode, TpsCode } from '../../domain/codes/codes.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { TallyStatus } from '../../domain/tally/tally.ts';
import type { TallySummaryRow } from '../../db/index.ts';

/** What one TPS × contest chip shows. */
export interface TallySummary {
  status: TallyStatus;
  errors: number;
  /** Warnings not (yet) accepted with a reason. */
  warnings: number;
}

export interface DesaCounts {
  desa: DesaCode;
  tps: number;
  /** TPS × contests of the setup. */
  forms: number;
  byStatus: Record<TallyStatus, number>;
  /** Forms at least "entered" (entered, verified or final). */
  done: number;
  /** Forms with errors / with open warnings. */
  withErrors: number;
  withWarnings: number;
}

export const EMPTY_SUMMARY: TallySummary = { status: 'empty', errors: 0, warnings: 0 };

/** A form as the lists read it: its stored summary (src/db/tallySummary.ts), checked when it was written. */
export type ChipSource = Pick<TallySummaryRow, 'tps' | 'contest' | 'status' | 'errors' | 'warnings'>;

export interface StatusIndex {
  get(tps: TpsCode, contest: ContestId): TallySummary;
  desa(code: DesaCode): DesaCounts;
}

const zeroStatus = (): Record<TallyStatus, number> => ({ empty: 0, draft: 0, entered: 0, verified: 0, final: 0 });

/**
 * Chips and per-desa counts from the stored summaries (missing forms are empty): for the whole setup, or
 * only for the desa in `only` when just their rows were read (asking for another desa's counts is
 * then a programming error, not "nothing entered").
 */
export function buildStatusIndex(setup: Setup, rows: readonly ChipSource[], only?: readonly DesaCode[]): StatusIndex {
  const contests = new Set<string>(setup.contests.map((c) => c.id));
  const byKey = new Map<string, TallySummary>();
  for (const row of rows) {
    if (!contests.has(row.contest)) continue;
    byKey.set(`${row.tps}:${row.contest}`, row);
  }
  const desaCounts = new Map<DesaCode, DesaCounts>();
  const covered = only === undefined ? null : new Set(only);
  for (const desa of setup.desa) {
    if (covered !== null && !covered.has(desa.code)) continue;
    const counts: DesaCounts = {
      desa: desa.code,
      tps: desa.tps.length,
      forms: desa.tps.length * setup.contests.length,
      byStatus: zeroStatus(),
      done: 0,
      withErrors: 0,
      withWarnings: 0,
    };
    for (const number of desa.tps) {
      const tps = `${desa.code}${String(number).padStart(3, '0')}`;
      for (const contest of setup.contests) {
        const s = byKey.get(`${tps}:${contest.id}`) ?? EMPTY_SUMMARY;
        counts.byStatus[s.status] += 1;
        if (s.status === 'entered' || s.status === 'verified' || s.status === 'final') counts.done += 1;
        if (s.errors > 0) counts.withErrors += 1;
        if (s.warnings > 0) counts.withWarnings += 1;
      }
    }
    desaCounts.set(desa.code, counts);
  }
  return {
    get: (tps, contest) => byKey.get(`${tps}:${contest}`) ?? EMPTY_SUMMARY,
    desa: (code) => {
      const counts = desaCounts.get(code);
      if (counts) return counts;
      if (covered !== null && setup.desa.some((d) => d.code === code)) throw new Error(`status index: the tallies of desa ${code} were not read`);
      return { desa: code, tps: 0, forms: 0, byStatus: zeroStatus(), done: 0, withErrors: 0, withWarnings: 0 };
    },
  };
}

/** The schedule's desa for a day and panel (null = all panels), in the order they are opened. */
export function desaForDay(setup: Setup, date: string | null, panel: string | null): { desa: DesaCode; panel: string | null }[] {
  if (date === null) {
    // Whole kecamatan: setup order, each desa tagged with the panel that takes it (if any).
    const panelOf = new Map<DesaCode, string>();
    for (const day of setup.schedule.days) for (const a of day.assignments) for (const d of a.desa) if (!panelOf.has(d)) panelOf.set(d, a.panel);
    return setup.desa
      .filter((d) => panel === null || panelOf.get(d.code) === panel)
      .map((d) => ({ desa: d.code, panel: panelOf.get(d.code) ?? null }));
  }
  const day = setup.schedule.days.find((d) => d.date === date);
  if (!day) return [];
  const out: { desa: DesaCode; panel: string | null }[] = [];
  for (const a of day.assignments) {
    if (panel !== null && a.panel !== panel) continue;
    for (const d of a.desa) if (!out.some((o) => o.desa === d)) out.push({ desa: d, panel: a.panel });
  }
  return out;
}
