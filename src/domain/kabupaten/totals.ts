import type { KabupatenCode } from '../codes/codes.ts';
import type { SummaryFigures } from '../summary/index.ts';
import { CONTEST_IDS, type ContestId } from '../tally/contest.ts';
import { createAccumulator, mergeInto, toFigures, type Accumulator } from '../totals/accumulator.ts';
import { ballotSetup, KABUPATEN_WIDE_CONTESTS, type Ballot } from './ballot.ts';
import type { KecamatanContestTotals } from './admit.ts';

export interface ExpectedKecamatan {
  code: string;
  name: string;
  /** The contests its setup holds: a kecamatan is missing only from contests it votes in. */
  contests: readonly ContestId[];
}

export interface IncludedKecamatan {
  code: string;
  name: string;
  hash: string;
  tpsIncluded: number;
  /** Its kecamatan total (a column of the kabupaten D.Hasil). */
  figures: SummaryFigures;
}

/** One total: all included kecamatan share this ballot (see ballot.ts for the rule). */
export interface BallotGroup {
  ballotKey: string;
  ballot: Ballot;
  kecamatan: IncludedKecamatan[];
  tpsIncluded: number;
  figures: SummaryFigures;
}

export interface ContestTotals {
  contest: ContestId;
  groups: BallotGroup[];
  /** Expected kecamatan with no summary counted for this contest (by code). */
  missing: { code: string; name: string }[];
  /** PPWP/DPD summed in more than one group: the kecamatan setups disagree on a kabupaten-wide ballot. */
  ballotConflict: boolean;
}

export interface KabupatenTotals {
  kabupaten: KabupatenCode;
  contests: ContestTotals[];
}

/**
 * Kabupaten totals from the counted kecamatan totals, per contest and ballot. Each kecamatan total
 * was checked against its own TPS figures on import, so this equals the sum over every TPS of every
 * included summary (tests/domain/kabupaten/totals.property.test.ts). Figures add the D.Hasil way:
 * a figure entered nowhere stays null, never 0.
 */
export function kabupatenTotals(kabupaten: KabupatenCode, expected: readonly ExpectedKecamatan[], entries: readonly KecamatanContestTotals[]): KabupatenTotals {
  const contests: ContestTotals[] = [];
  for (const contest of CONTEST_IDS) {
    const mine = entries.filter((e) => e.contest === contest).sort((a, b) => (a.kecamatan < b.kecamatan ? -1 : a.kecamatan > b.kecamatan ? 1 : 0));
    const voting = expected.filter((k) => k.contests.includes(contest));
    if (mine.length === 0 && voting.length === 0) continue;

    const groups = new Map<string, { ballot: Ballot; acc: Accumulator; kecamatan: IncludedKecamatan[] }>();
    for (const entry of mine) {
      let group = groups.get(entry.ballotKey);
      if (!group) {
        group = { ballot: entry.ballot, acc: createAccumulator(contest, ballotSetup(entry.ballot)), kecamatan: [] };
        groups.set(entry.ballotKey, group);
      }
      mergeInto(group.acc, asAccumulator(entry));
      group.kecamatan.push({ code: entry.kecamatan, name: entry.kecamatanName, hash: entry.hash, tpsIncluded: entry.tpsIncluded, figures: entry.figures });
    }
    const counted = new Set(mine.map((e) => e.kecamatan as string));
    contests.push({
      contest,
      groups: [...groups.entries()].map(([key, g]) => ({
        ballotKey: key,
        ballot: g.ballot,
        kecamatan: g.kecamatan,
        tpsIncluded: g.acc.tpsIncluded,
        figures: toFigures(g.acc) as SummaryFigures,
      })),
      missing: voting
        .filter((k) => !counted.has(k.code))
        .map((k) => ({ code: k.code, name: k.name }))
        .sort((a, b) => (a.code < b.code ? -1 : 1)),
      ballotConflict: KABUPATEN_WIDE_CONTESTS.includes(contest) && groups.size > 1,
    });
  }
  return { kabupaten, contests };
}

/** A kecamatan total read as the running sum of its TPS (mergeInto only reads it). */
function asAccumulator(entry: KecamatanContestTotals): Accumulator {
  const { contest: _contest, ...figures } = entry.figures;
  return { contest: entry.contest, tpsIncluded: entry.tpsIncluded, figures: figures as Accumulator['figures'] };
}
