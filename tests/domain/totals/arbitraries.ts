// fast-check arbitraries for tallies: consistent ones (every linear rule holds) and arbitrary ones
// (any number, nulls anywhere, vote keys that differ between tallies).
import fc from 'fast-check';
import { TpsCodeSchema, type TpsCode } from '../../../src/domain/codes/codes.ts';
import { TALLY_STATUSES, type Figure, type GenderRow, type PartyVotes, type Tally } from '../../../src/domain/tally/tally.ts';
import type { ContestId } from '../../../src/domain/tally/contest.ts';

export const DESA = ['3509082001', '3509082002', '3509082003'] as const;
export const CANDIDATE_KEYS = ['1', '2', '3', '24'] as const;
export const PARTY_KEYS = { '1': ['1', '2', '3'], '2': ['1', '2'], '24': ['1'] } as const;

export const tpsArb: fc.Arbitrary<TpsCode> = fc
  .tuple(fc.constantFrom(...DESA), fc.constantFrom(1, 2, 3, 4, 5, 901))
  .map(([desa, n]) => TpsCodeSchema.parse(`${desa}${String(n).padStart(3, '0')}`));

const statusArb = fc.constantFrom(...TALLY_STATUSES);

const splitRow = (total: number, r: number): GenderRow => {
  const male = r % (total + 1);
  return { male, female: total - male, total };
};
const sumRows = (...rs: GenderRow[]): GenderRow => ({
  male: rs.reduce((a, r) => a + r.male!, 0),
  female: rs.reduce((a, r) => a + r.female!, 0),
  total: rs.reduce((a, r) => a + r.total!, 0),
});

const candidateVotesArb = fc.tuple(...CANDIDATE_KEYS.map(() => fc.nat(200))).map((vals) =>
  Object.fromEntries(CANDIDATE_KEYS.map((k, i) => [k, vals[i]!])),
);
const partyVotesArb = fc
  .tuple(...Object.values(PARTY_KEYS).map((cands) => fc.tuple(fc.nat(60), fc.tuple(...cands.map(() => fc.nat(40))))))
  .map((parties) => {
    const votes: Record<string, PartyVotes> = {};
    Object.entries(PARTY_KEYS).forEach(([party, cands], i) => {
      const [partyOnly, candVotes] = parties[i]!;
      const candidates = Object.fromEntries(cands.map((c, k) => [c, candVotes[k]!]));
      votes[party] = { partyOnly, candidates, total: partyOnly + candVotes.reduce((a, b) => a + b, 0) };
    });
    return votes;
  });

/**
 * A fully entered tally whose linear rules (E01, E02, E04, E06, E08, E09) hold: built from the
 * leaves (votes, splits) upwards, so every derived figure is a sum of generated ones.
 */
export function consistentTallyArb(contest: ContestId): fc.Arbitrary<Tally> {
  const votesArb = contest === 'PPWP' || contest === 'DPD' ? candidateVotesArb : partyVotesArb;
  return fc
    .record({
      tps: tpsArb,
      status: statusArb,
      votes: votesArb,
      invalid: fc.nat(40),
      raw: fc.array(fc.nat(), { minLength: 9, maxLength: 9 }),
      dptExtra: fc.tuple(fc.nat(60), fc.nat(60)),
      returned: fc.nat(5),
      unused: fc.nat(40),
    })
    .map(({ tps, status, votes, invalid, raw, dptExtra, returned, unused }) => {
      const r = (i: number) => raw[i]!;
      const valid = Object.values(votes).reduce<number>((a, v) => a + (typeof v === 'number' ? v : v.total!), 0);
      const total = valid + invalid;
      const b2 = r(0) % (total + 1);
      const b3 = r(1) % (total - b2 + 1);
      const usedDpt = splitRow(total - b2 - b3, r(2));
      const usedDptb = splitRow(b2, r(3));
      const usedDpk = splitRow(b3, r(4));
      const usedTotal = sumRows(usedDpt, usedDptb, usedDpk);
      const dpt = sumRows(usedDpt, { male: dptExtra[0], female: dptExtra[1], total: dptExtra[0] + dptExtra[1] });
      const tally = {
        tps,
        contest,
        voters: { dpt, usedDpt, usedDptb, usedDpk, usedTotal },
        ballots: { received: total + returned + unused, used: total, returned, unused },
        disabled: splitRow(r(5) % (total + 1), r(6)),
        votes,
        valid,
        invalid,
        total,
        status,
      };
      return tally as Tally;
    });
}

/** Any figure, including ones the checks reject (negative, above 999), or not entered. */
const figureArb: fc.Arbitrary<Figure> = fc.option(fc.integer({ min: -5, max: 1200 }), { nil: null, freq: 2 });
const rowArb = fc.record({ male: figureArb, female: figureArb, total: figureArb });
const optionalKeys = <T>(keys: readonly string[], value: fc.Arbitrary<T>) =>
  fc.record(Object.fromEntries(keys.map((k) => [k, value])) as Record<string, fc.Arbitrary<T>>, { requiredKeys: [] });

/** An arbitrary tally of the contest: figures anywhere from missing to absurd; vote keys vary. */
export function anyTallyArb(contest: ContestId): fc.Arbitrary<Tally> {
  const votesArb =
    contest === 'PPWP' || contest === 'DPD'
      ? optionalKeys(CANDIDATE_KEYS, figureArb)
      : fc.record(
          Object.fromEntries(
            Object.entries(PARTY_KEYS).map(([party, cands]) => [
              party,
              fc.record({ partyOnly: figureArb, candidates: optionalKeys(cands, figureArb), total: figureArb }),
            ]),
          ),
          { requiredKeys: [] },
        );
  return fc
    .record({
      tps: tpsArb,
      voters: fc.record({ dpt: rowArb, usedDpt: rowArb, usedDptb: rowArb, usedDpk: rowArb, usedTotal: rowArb }),
      ballots: fc.record({ received: figureArb, used: figureArb, returned: figureArb, unused: figureArb }),
      disabled: rowArb,
      votes: votesArb,
      valid: figureArb,
      invalid: figureArb,
      total: figureArb,
      status: statusArb,
    })
    .map((t) => ({ ...t, contest }) as Tally);
}

export const contestArb = fc.constantFrom<ContestId>('PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB');
