import type { TpsCode } from '../codes/codes.ts';
import type { ContestSetup } from '../setup/schema.ts';
import type { ContestId } from '../tally/contest.ts';
import { figurePaths, getFigure, type FieldPath } from '../tally/fields.ts';
import type { Figure, Tally } from '../tally/tally.ts';
import { addTally, createAccumulator, mergeInto, toFigures, type Accumulator } from '../totals/accumulator.ts';
import type { SummaryFigures, SummaryTps } from './schema.ts';

/**
 * The one way a summary's sums are made, used both when it is built and when it is verified: TPS in
 * code order into their desa, desa in code order into the kecamatan. Adding in the same order makes
 * the two agree to the last bit even for the non-integer figures E11 exists to catch.
 */
export interface AreaSum {
  acc: Accumulator;
  tpsIncluded: number;
  tpsUnverified: TpsCode[];
}

const isVerified = (status: Tally['status']) => status === 'verified' || status === 'final';

export function entryTally(entry: SummaryTps): Tally {
  return { ...entry.figures, tps: entry.tps, status: entry.status, acceptedWarnings: entry.acceptedWarnings } as Tally;
}

/** Sums the entries of one desa; entries of another contest must have been filtered out. */
export function sumEntries(contest: ContestId, entries: readonly SummaryTps[], setup?: ContestSetup): AreaSum {
  return sumTallies(contest, entries.map(entryTally), setup);
}

/** sumEntries for entries already made tallies (entryTally): verification makes them once for the checks and the sums. */
export function sumTallies(contest: ContestId, tallies: readonly Tally[], setup?: ContestSetup): AreaSum {
  const acc = createAccumulator(contest, setup);
  const tpsUnverified: TpsCode[] = [];
  for (const tally of tallies) {
    if (addTally(acc, tally) && !isVerified(tally.status)) tpsUnverified.push(tally.tps);
  }
  return { acc, tpsIncluded: acc.tpsIncluded, tpsUnverified: tpsUnverified.sort() };
}

export function sumAreas(contest: ContestId, areas: readonly AreaSum[], setup?: ContestSetup): AreaSum {
  const acc = createAccumulator(contest, setup);
  const tpsUnverified: TpsCode[] = [];
  for (const area of areas) {
    mergeInto(acc, area.acc);
    tpsUnverified.push(...area.tpsUnverified);
  }
  return { acc, tpsIncluded: acc.tpsIncluded, tpsUnverified: tpsUnverified.sort() };
}

// toFigures builds the shape of its accumulator's contest; TallyFigures just does not say so.
export const figuresOf = (sum: AreaSum): SummaryFigures => toFigures(sum.acc) as SummaryFigures;

/** A tally's figures without identity and workflow fields (and without any stray member). */
export function tallyFigures(tally: Tally): SummaryFigures {
  const { contest, voters, ballots, disabled, votes, valid, invalid, total } = tally;
  return { contest, voters, ballots, disabled, votes, valid, invalid, total } as SummaryFigures;
}

export interface FigureDifference {
  path: FieldPath;
  stated: Figure;
  recomputed: Figure;
}

/**
 * Every figure where a stated sum and the recomputed one differ, in paper order. A choice absent
 * from one side reads as "not entered" (null): a sum seeded with the setup's choices lists them as
 * null, one made without a setup leaves them out, and both mean the same.
 */
export function compareFigures(stated: SummaryFigures, recomputed: SummaryFigures): FigureDifference[] {
  const paths = figurePaths(stated as Tally);
  const seen = new Set(paths);
  for (const path of figurePaths(recomputed as Tally)) if (!seen.has(path)) paths.push(path);
  const out: FigureDifference[] = [];
  for (const path of paths) {
    const a = getFigure(stated as Tally, path) ?? null;
    const b = getFigure(recomputed as Tally, path) ?? null;
    if (a !== b) out.push({ path, stated: a, recomputed: b });
  }
  return out;
}
