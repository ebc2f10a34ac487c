import { desaOfTps, type DesaCode, type TpsCode } from '../codes/codes.ts';
import type { ContestId } from '../tally/contest.ts';
import type { Tally } from '../tally/tally.ts';
import type { ContestSetup, Setup } from '../setup/schema.ts';
import { addTally, createAccumulator, mergeInto, toFigures, type Accumulator } from './accumulator.ts';
import { TOTALS_FORMAT, type AreaTotals, type TallyFigures, type TotalsReport } from './types.ts';

/**
 * Sums of every figure over the tallies of one contest (other contests are ignored). Vote keys are
 * the union over the tallies; a figure entered in no tally stays `null`.
 */
export function sumTallies(tallies: readonly Tally[], contest: ContestId): { tpsIncluded: number; figures: TallyFigures } {
  const acc = createAccumulator(contest);
  for (const tally of tallies) if (tally.contest === contest) addTally(acc, tally);
  return { tpsIncluded: acc.tpsIncluded, figures: toFigures(acc) };
}

const isVerified = (t: Tally) => t.status === 'verified' || t.status === 'final';

interface DesaBucket {
  code: DesaCode;
  name: string | null;
  /** TPS codes of the setup, in setup order (empty without a setup or for a desa not in it). */
  setupTps: TpsCode[];
  acc: Accumulator;
  /** TPS with at least one entered figure. */
  included: Set<TpsCode>;
  unverified: TpsCode[];
}

/**
 * The D.Hasil of one contest: per-desa sums of their TPS, and the kecamatan as the sum of its desa
 * (DESIGN.md §4). Recomputed from the tallies every time, never stored as truth.
 *
 * With a setup, desa come in setup order with their names, every choice of the contest is listed,
 * and each level names its missing TPS. Tallies of TPS the setup does not know are still summed into
 * their desa (a desa unknown to the setup is appended with name null): totals never drop data.
 * Without a setup, the desa are derived from the TPS codes and sorted by code.
 */
export function computeTotals(tallies: readonly Tally[], contest: ContestId, setup?: Setup): TotalsReport {
  const contestSetup: ContestSetup | undefined = setup?.contests.find((c) => c.id === contest);
  const buckets = new Map<string, DesaBucket>();
  const newBucket = (code: DesaCode, name: string | null, setupTps: TpsCode[]): DesaBucket => ({
    code,
    name,
    setupTps,
    acc: createAccumulator(contest, contestSetup),
    included: new Set(),
    unverified: [],
  });

  for (const desa of setup?.desa ?? []) {
    const prefix = desa.code as string;
    const tps = desa.tps.map((n) => `${prefix}${String(n).padStart(3, '0')}` as TpsCode);
    buckets.set(desa.code, newBucket(desa.code, desa.name, tps));
  }
  const setupDesaCount = buckets.size;

  for (const tally of tallies) {
    if (tally.contest !== contest) continue;
    const code = desaOfTps(tally.tps);
    let bucket = buckets.get(code);
    if (!bucket) {
      bucket = newBucket(code, null, []);
      buckets.set(code, bucket);
    }
    if (addTally(bucket.acc, tally)) {
      bucket.included.add(tally.tps);
      if (!isVerified(tally)) bucket.unverified.push(tally.tps);
    }
  }

  // Setup desa keep setup order; desa known only from tally codes follow, sorted by code.
  const all = [...buckets.values()];
  const ordered = [...all.slice(0, setupDesaCount), ...all.slice(setupDesaCount).sort((a, b) => compare(a.code, b.code))];

  const kecamatanAcc = createAccumulator(contest, contestSetup);
  const kecamatanMissing: TpsCode[] = [];
  const kecamatanUnverified: TpsCode[] = [];
  const desa: AreaTotals[] = ordered.map((bucket) => {
    mergeInto(kecamatanAcc, bucket.acc);
    const tpsMissing = bucket.setupTps.filter((tps) => !bucket.included.has(tps));
    const tpsUnverified = [...new Set(bucket.unverified)].sort(compare);
    kecamatanMissing.push(...tpsMissing);
    kecamatanUnverified.push(...tpsUnverified);
    return {
      code: bucket.code,
      name: bucket.name,
      tpsIncluded: bucket.acc.tpsIncluded,
      tpsMissing,
      tpsUnverified,
      figures: toFigures(bucket.acc),
    };
  });

  const kecamatanCode = setup ? setup.kecamatan.code : (ordered[0]?.code.slice(0, 6) ?? '');
  return {
    format: TOTALS_FORMAT,
    contest,
    kecamatan: {
      code: kecamatanCode,
      name: setup?.kecamatan.name ?? null,
      tpsIncluded: kecamatanAcc.tpsIncluded,
      tpsMissing: kecamatanMissing,
      tpsUnverified: kecamatanUnverified,
      figures: toFigures(kecamatanAcc),
    },
    desa,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
