import type { TpsCode } from '../codes/codes.ts';
import type { ContestId } from '../tally/contest.ts';
import type { Tally } from '../tally/tally.ts';

/** The figures of a tally without its identity and workflow fields: the shape of a D.Hasil sum. */
export type TallyFigures = Omit<Tally, 'tps' | 'status' | 'enteredBy' | 'verifiedBy' | 'acceptedWarnings'>;

export interface AreaTotals {
  /** Desa code (10 digits) or kecamatan code (6 digits). */
  code: string;
  name: string | null;
  /** Tallies of the contest with at least one entered figure. */
  tpsIncluded: number;
  /** With a setup: setup TPS without a tally or with nothing entered (setup order). */
  tpsMissing: TpsCode[];
  /** Included TPS whose tally is not yet 'verified' or 'final' (by code). */
  tpsUnverified: TpsCode[];
  figures: TallyFigures;
}

export const TOTALS_FORMAT = 'rekap.totals/v1';

export interface TotalsReport {
  format: typeof TOTALS_FORMAT;
  contest: ContestId;
  kecamatan: AreaTotals;
  desa: AreaTotals[];
}
