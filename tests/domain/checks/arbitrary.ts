// A fast-check arbitrary of per-TPS-consistent tallies: every error rule of DESIGN.md §3 holds.
import fc from 'fast-check';
import type { ContestId } from '../../../src/domain/tally/contest.ts';
import type { GenderRow, PartyVotes, Tally } from '../../../src/domain/tally/tally.ts';
import { TPS1 } from './helpers.ts';

const row = (male: number, female: number): GenderRow => ({ male, female, total: male + female });

/** Splits `whole` into three parts using the raw numbers as proportions (always sums to `whole`). */
function split3(whole: number, x: number, y: number): [number, number, number] {
  const a = x % (whole + 1);
  const b = y % (whole - a + 1);
  return [a, b, whole - a - b];
}

const rawArb = fc.record({
  contest: fc.constantFrom<ContestId>('PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB'),
  // candidate contests: 1–6 choices; party contests: 1–4 parties × 0–3 candidates
  candidateVotes: fc.array(fc.nat(60), { minLength: 1, maxLength: 6 }),
  parties: fc.array(
    fc.record({ partyOnly: fc.nat(20), candidates: fc.array(fc.nat(20), { maxLength: 3 }) }),
    { minLength: 1, maxLength: 4 },
  ),
  partyNumberGap: fc.nat(5),
  invalid: fc.nat(20),
  maleShare: fc.nat(1000),
  splits: fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }),
  dptExtra: fc.tuple(fc.nat(30), fc.nat(30)),
  returned: fc.nat(5),
  unused: fc.nat(50),
  disabled: fc.tuple(fc.nat(1000), fc.nat(1000)),
});

export const consistentTallyArb: fc.Arbitrary<Tally> = rawArb.map((r): Tally => {
  const base = { tps: TPS1, status: 'entered' as const };
  let valid: number;
  let votesOf: () => Pick<Tally, 'contest' | 'votes'>;
  if (r.contest === 'PPWP' || r.contest === 'DPD') {
    const contest = r.contest;
    valid = r.candidateVotes.reduce((s, v) => s + v, 0);
    const votes = Object.fromEntries(r.candidateVotes.map((v, i) => [String(i + 1), v]));
    votesOf = () => ({ contest, votes });
  } else {
    const contest = r.contest;
    const votes: Record<string, PartyVotes> = {};
    valid = 0;
    r.parties.forEach((p, i) => {
      const total = p.partyOnly + p.candidates.reduce((s, v) => s + v, 0);
      valid += total;
      // ballot numbers with a gap (e.g. 1, 2, …, then 24) as on the real ballot
      const number = i === r.parties.length - 1 && i > 0 ? i + 1 + r.partyNumberGap : i + 1;
      votes[String(number)] = {
        partyOnly: p.partyOnly,
        candidates: Object.fromEntries(p.candidates.map((v, c) => [String(c + 1), v])),
        total,
      };
    });
    votesOf = () => ({ contest, votes });
  }
  const total = valid + r.invalid;
  const male = r.maleShare % (total + 1);
  const female = total - male;
  const [b1l, b2l, b3l] = split3(male, r.splits[0]!, r.splits[1]!);
  const [b1p, b2p, b3p] = split3(female, r.splits[2]!, r.splits[3]!);
  const received = total + r.returned + r.unused;
  return {
    ...base,
    ...votesOf(),
    voters: {
      dpt: row(b1l + r.dptExtra[0], b1p + r.dptExtra[1]),
      usedDpt: row(b1l, b1p),
      usedDptb: row(b2l, b2p),
      usedDpk: row(b3l, b3p),
      usedTotal: row(male, female),
    },
    ballots: { received, used: total, returned: r.returned, unused: r.unused },
    disabled: row(r.disabled[0] % (male + 1), r.disabled[1] % (female + 1)),
    valid,
    invalid: r.invalid,
    total,
  } as Tally;
});
