import type { TpsCode } from '../codes/codes.ts';
import type { ContestSetup } from '../setup/schema.ts';
import { assertNever } from '../tally/contest.ts';
import type { GenderRow, PartyVotes, Tally } from '../tally/tally.ts';
import { splitProportionally, type Rng } from './random.ts';

/** Figures shared by all contests of one TPS (same voters list, same turnout): keeps W04 quiet. */
export interface TpsProfile {
  dpt: GenderRow;
  usedDpt: GenderRow;
  usedDptb: GenderRow;
  usedDpk: GenderRow;
  usedTotal: GenderRow;
  disabled: GenderRow;
}

const row = (male: number, female: number): GenderRow => ({ male, female, total: male + female });

/** The 2% reserve in exact integer arithmetic (1.02 × A in floating point can round up past it). */
export const ballotsWithReserve = (dpt: number) => Math.ceil((dpt * 102) / 100);

export function generateTpsProfile(rng: Rng): TpsProfile {
  let dptMale = rng.int(90, 150);
  const dptFemale = rng.int(90, 150);
  // Keep the reserve unambiguous whether a check computes ceil(1.02 × A) in floats or exactly.
  while (Math.ceil(1.02 * (dptMale + dptFemale)) !== ballotsWithReserve(dptMale + dptFemale)) dptMale -= 1;
  const turnout = rng.real(0.7, 0.9);
  const usedDpt = row(
    Math.round(dptMale * turnout * rng.real(0.95, 1)),
    Math.round(dptFemale * turnout * rng.real(0.95, 1)),
  );
  const usedDptb = row(rng.int(0, 3), rng.int(0, 3));
  const usedDpk = row(rng.int(0, 3), rng.int(0, 3));
  const usedTotal = row(
    usedDpt.male! + usedDptb.male! + usedDpk.male!,
    usedDpt.female! + usedDptb.female! + usedDpk.female!,
  );
  return {
    dpt: row(dptMale, dptFemale),
    usedDpt,
    usedDptb,
    usedDpk,
    usedTotal,
    disabled: row(rng.int(0, 2), rng.int(0, 2)),
  };
}

/** Kecamatan-level popularity of each choice; every TPS varies around it. */
export type ChoiceWeights = Map<number, number>;

export function generateChoiceWeights(rng: Rng, contest: ContestSetup): ChoiceWeights {
  const weights: ChoiceWeights = new Map();
  const choices = 'candidates' in contest ? contest.candidates : contest.parties;
  for (const c of choices) weights.set(c.number, rng.real(0.15, 1));
  return weights;
}

const noisy = (rng: Rng, weight: number) => weight * rng.real(0.6, 1.4);
const copyRow = (r: GenderRow): GenderRow => ({ ...r });

/**
 * One fully entered tally that passes every arithmetic rule of DESIGN.md §3 (E01–E11) and the
 * plausibility warnings W01–W03: received = ceil(1.02 × A), used = B.4 = total, valid + invalid = total,
 * votes sum to valid, each party's B = A.1 + Σ A.2, invalid below 10 %.
 */
export function generateTally(
  rng: Rng,
  tps: TpsCode,
  contest: ContestSetup,
  profile: TpsProfile = generateTpsProfile(rng),
  weights: ChoiceWeights = generateChoiceWeights(rng, contest),
): Tally {
  const voted = profile.usedTotal.total!;
  const received = ballotsWithReserve(profile.dpt.total!);
  const returned = rng.next() < 0.3 ? rng.int(1, 2) : 0;
  const invalid = rng.int(0, Math.floor(voted * 0.08));
  const valid = voted - invalid;
  const base = {
    tps,
    voters: {
      dpt: copyRow(profile.dpt),
      usedDpt: copyRow(profile.usedDpt),
      usedDptb: copyRow(profile.usedDptb),
      usedDpk: copyRow(profile.usedDpk),
      usedTotal: copyRow(profile.usedTotal),
    },
    ballots: { received, used: voted, returned, unused: received - voted - returned },
    disabled: copyRow(profile.disabled),
  };
  // Verified by someone other than who entered it, as the workflow requires (docs/domain.md).
  const tail = { valid, invalid, total: voted, status: 'verified' as const, enteredBy: 'Operator panel', verifiedBy: 'Pemeriksa' };

  switch (contest.id) {
    case 'PPWP':
    case 'DPD': {
      const shares = splitProportionally(valid, contest.candidates.map((c) => noisy(rng, weights.get(c.number) ?? 1)));
      const votes = Object.fromEntries(contest.candidates.map((c, i) => [String(c.number), shares[i]!]));
      return { ...base, contest: contest.id, votes, ...tail };
    }
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB': {
      const partyTotals = splitProportionally(valid, contest.parties.map((p) => noisy(rng, weights.get(p.number) ?? 1)));
      const votes: Record<string, PartyVotes> = {};
      contest.parties.forEach((party, i) => {
        const total = partyTotals[i]!;
        // A.1 (party only) takes a share; candidates near the top of the list tend to get more.
        const parts = splitProportionally(total, [
          rng.real(0.15, 0.45) * party.candidates.length,
          ...party.candidates.map((_, k) => rng.real(0.3, 1.7) / (k + 1) ** 0.7),
        ]);
        votes[String(party.number)] = {
          partyOnly: parts[0]!,
          candidates: Object.fromEntries(party.candidates.map((c, k) => [String(c.number), parts[k + 1]!])),
          total,
        };
      });
      return { ...base, contest: contest.id, votes, ...tail };
    }
    default:
      return assertNever(contest);
  }
}
