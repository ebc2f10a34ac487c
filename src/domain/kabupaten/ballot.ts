import { z } from 'zod';
import { canonicalJson } from '../canonical/json.ts';
import { sha256Hex } from '../canonical/hash.ts';
import type { ContestSetup } from '../setup/schema.ts';
import { assertNever, ContestIdSchema, type ContestId } from '../tally/contest.ts';

/**
 * What a voter held in hand for one contest, as far as adding up is concerned: the dapil and the
 * choices (ballot numbers and names; for party lists each party's candidates).
 *
 * THE SUMMING RULE: kecamatan totals of a contest are added into one kabupaten total only when
 * their ballots are identical (same ballotKey). A sum of "party 1, candidate 3" means something
 * only if it is the same person on every ballot added. PPWP ballots are national and DPD ballots
 * province-wide, so inside one kabupaten they form a single group — a second group for them means
 * two setups disagree and is flagged (ballotConflict). DPR, DPRD provinsi and DPRD kab/kota
 * ballots depend on the dapil, so a kabupaten split over several dapil gets one total per dapil.
 * The contest's display name, thresholds and party abbreviations are presentation, not ballot.
 */
const ChoiceSchema = z.object({ number: z.number().int(), name: z.string() });
export const BallotSchema = z.object({
  contest: ContestIdSchema,
  dapil: z.object({ name: z.string(), seats: z.number().int() }).nullable(),
  choices: z.array(ChoiceSchema.extend({ candidates: z.array(ChoiceSchema).optional() })),
});
export type Ballot = z.infer<typeof BallotSchema>;

const byNumber = <T extends { number: number }>(a: T, b: T) => a.number - b.number;

export function ballotOf(contest: ContestSetup): Ballot {
  const dapil = contest.dapil ? { name: contest.dapil.name, seats: contest.dapil.seats } : null;
  switch (contest.id) {
    case 'PPWP':
    case 'DPD':
      return { contest: contest.id, dapil, choices: contest.candidates.map((c) => ({ number: c.number, name: c.name })).sort(byNumber) };
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      return {
        contest: contest.id,
        dapil,
        choices: contest.parties
          .map((p) => ({ number: p.number, name: p.name, candidates: p.candidates.map((c) => ({ number: c.number, name: c.name })).sort(byNumber) }))
          .sort(byNumber),
      };
    default:
      return assertNever(contest);
  }
}

/** SHA-256 of the ballot's canonical JSON: equal keys, identical ballots. */
export function ballotKey(ballot: Ballot): Promise<string> {
  return sha256Hex(canonicalJson(ballot));
}

/** The ballot as a contest setup, to seed sums with every choice (even one nobody voted for). */
export function ballotSetup(ballot: Ballot): ContestSetup {
  const dapil = ballot.dapil ?? { name: '-', seats: 1 };
  const contest: ContestId = ballot.contest;
  switch (contest) {
    case 'PPWP':
    case 'DPD':
      return { id: contest, name: contest, candidates: ballot.choices.map((c) => ({ number: c.number, name: c.name })) };
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      return {
        id: contest,
        name: contest,
        dapil,
        parties: ballot.choices.map((p) => ({ number: p.number, name: p.name, candidates: p.candidates ?? [] })),
      };
    default:
      return assertNever(contest);
  }
}

/** Contests whose ballot is the same across a kabupaten (national / province-wide). */
export const KABUPATEN_WIDE_CONTESTS: readonly ContestId[] = ['PPWP', 'DPD'];
