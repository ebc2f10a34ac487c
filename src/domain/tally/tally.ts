import { z } from 'zod';
import { TpsCodeSchema, KecamatanCodeSchema } from '../codes/codes.ts';

/**
 * One figure of the C.Hasil form. `null` means "not entered" and is never treated as 0.
 * Any finite number is accepted so that the checks (E11) can flag it: nothing is dropped,
 * clamped or rounded on the way in.
 */
export const FigureSchema = z.number().finite().nullable();
export type Figure = z.infer<typeof FigureSchema>;

/** A row with L (male), P (female) and J (total); J is entered from the paper, not computed. */
export const GenderRowSchema = z.object({
  male: FigureSchema,
  female: FigureSchema,
  total: FigureSchema,
});
export type GenderRow = z.infer<typeof GenderRowSchema>;

/** Section I. */
export const VotersSchema = z.object({
  dpt: GenderRowSchema, // A
  usedDpt: GenderRowSchema, // B.1
  usedDptb: GenderRowSchema, // B.2
  usedDpk: GenderRowSchema, // B.3
  usedTotal: GenderRowSchema, // B.4
});
export type Voters = z.infer<typeof VotersSchema>;
export const VOTER_ROWS = ['dpt', 'usedDpt', 'usedDptb', 'usedDpk', 'usedTotal'] as const satisfies readonly (keyof Voters)[];
export type VoterRow = (typeof VOTER_ROWS)[number];
export const GENDER_COLUMNS = ['male', 'female', 'total'] as const satisfies readonly (keyof GenderRow)[];
export type GenderColumn = (typeof GENDER_COLUMNS)[number];

/** Section II. */
export const BallotsSchema = z.object({
  received: FigureSchema,
  used: FigureSchema,
  returned: FigureSchema,
  unused: FigureSchema,
});
export type Ballots = z.infer<typeof BallotsSchema>;
export const BALLOT_FIELDS = ['received', 'used', 'returned', 'unused'] as const satisfies readonly (keyof Ballots)[];

/** Ballot numbers are keys: "1", "2", … ("24" for Partai Ummat). */
export const BallotNumberKeySchema = z.string().regex(/^[1-9]\d{0,2}$/, 'ballot number 1–999');

/** Section IV of a party contest, per party: A.1 party-only, A.2 per candidate, B total (entered). */
export const PartyVotesSchema = z.object({
  partyOnly: FigureSchema,
  candidates: z.record(BallotNumberKeySchema, FigureSchema),
  total: FigureSchema,
});
export type PartyVotes = z.infer<typeof PartyVotesSchema>;

export const TALLY_STATUSES = ['empty', 'draft', 'entered', 'verified', 'final'] as const;
export const TallyStatusSchema = z.enum(TALLY_STATUSES);
export type TallyStatus = z.infer<typeof TallyStatusSchema>;

/** A warning accepted by a person with a reason (DESIGN.md §3: warnings need recorded acceptance). */
export const WarningAcceptanceSchema = z.object({
  code: z.string().regex(/^W\d{2}$/),
  reason: z.string().min(1),
  by: z.string().nullable().optional(),
  at: z.string().nullable().optional(),
});
export type WarningAcceptance = z.infer<typeof WarningAcceptanceSchema>;

const tallyBase = {
  tps: TpsCodeSchema,
  voters: VotersSchema,
  ballots: BallotsSchema,
  disabled: GenderRowSchema,
  valid: FigureSchema,
  invalid: FigureSchema,
  total: FigureSchema,
  status: TallyStatusSchema,
  enteredBy: z.string().nullable().optional(),
  verifiedBy: z.string().nullable().optional(),
  acceptedWarnings: z.array(WarningAcceptanceSchema).optional(),
};

export const CandidateTallySchema = z.object({
  ...tallyBase,
  contest: z.enum(['PPWP', 'DPD']),
  votes: z.record(BallotNumberKeySchema, FigureSchema),
});
export const PartyTallySchema = z.object({
  ...tallyBase,
  contest: z.enum(['DPR', 'DPRD_PROV', 'DPRD_KAB']),
  votes: z.record(BallotNumberKeySchema, PartyVotesSchema),
});
export const TallySchema = z.discriminatedUnion('contest', [CandidateTallySchema, PartyTallySchema]);

export type CandidateTally = z.infer<typeof CandidateTallySchema>;
export type PartyTally = z.infer<typeof PartyTallySchema>;
export type Tally = z.infer<typeof TallySchema>;

export const TALLIES_FORMAT = 'rekap.tallies/v1';
export const TalliesFileSchema = z.object({
  format: z.literal(TALLIES_FORMAT),
  kecamatan: KecamatanCodeSchema,
  tallies: z.array(TallySchema),
});
export type TalliesFile = z.infer<typeof TalliesFileSchema>;

/** The record key used locally and in sync: `<tps>:<contest>`. */
export type TallyKey = `${string}:${string}` & { readonly __brand: 'TallyKey' };
export function tallyKey(tally: Pick<Tally, 'tps' | 'contest'>): TallyKey {
  return `${tally.tps}:${tally.contest}` as TallyKey;
}
