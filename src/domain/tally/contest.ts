import { z } from 'zod';

/** The five contests, in the order they are counted at the TPS (DESIGN.md §2). */
export const CONTEST_IDS = ['PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB'] as const;
export const ContestIdSchema = z.enum(CONTEST_IDS);
export type ContestId = z.infer<typeof ContestIdSchema>;

/** PPWP and DPD are voted per pair/candidate; the legislative contests per party (open list). */
export type CandidateContestId = 'PPWP' | 'DPD';
export type PartyContestId = 'DPR' | 'DPRD_PROV' | 'DPRD_KAB';
export const CANDIDATE_CONTEST_IDS = ['PPWP', 'DPD'] as const satisfies readonly CandidateContestId[];
export const PARTY_CONTEST_IDS = ['DPR', 'DPRD_PROV', 'DPRD_KAB'] as const satisfies readonly PartyContestId[];

export type ContestKind = 'candidates' | 'parties';

export function contestKind(contest: ContestId): ContestKind {
  switch (contest) {
    case 'PPWP':
    case 'DPD':
      return 'candidates';
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB':
      return 'parties';
    default:
      return assertNever(contest);
  }
}

export function isPartyContest(contest: ContestId): contest is PartyContestId {
  return contestKind(contest) === 'parties';
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
