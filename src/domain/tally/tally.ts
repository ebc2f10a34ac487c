import { z } from 'zod';
import { TpsCodeSchema, KecamatanCodeSchema } from '../codes/codes.ts';
import { FigureSchema, SumFigureSchema } from './figure.ts';

export { FigureSchema, MAX_FIGURE, isFigureValue, type Figure } from './figure.ts';

/** Both figure schemas have this type, so a form and a sum of forms share one TypeScript shape. */
type FigureLike = typeof FigureSchema;

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

/** Ballot numbers are keys: "1", "2", … ("24" for Partai Ummat). */
export const BallotNumberKeySchema = z.string().regex(/^[1-9]\d{0,2}$/, 'ballot number 1–999');

/**
 * The schemas of a form around one figure schema: FigureSchema for what is typed (every form, at
 * every boundary), SumFigureSchema for D.Hasil sums, whose figures may exceed one form's bound.
 */
function formSchemas(figure: FigureLike) {
  /** A row with L (male), P (female) and J (total); J is entered from the paper, not computed. */
  const genderRow = z.object({ male: figure, female: figure, total: figure });
  /** Section I. */
  const voters = z.object({
    dpt: genderRow, // A
    usedDpt: genderRow, // B.1
    usedDptb: genderRow, // B.2
    usedDpk: genderRow, // B.3
    usedTotal: genderRow, // B.4
  });
  /** Section II. */
  const ballots = z.object({ received: figure, used: figure, returned: figure, unused: figure });
  /** Section IV of a party contest, per party: A.1 party-only, A.2 per candidate, B total (entered). */
  const partyVotes = z.object({
    partyOnly: figure,
    candidates: z.record(BallotNumberKeySchema, figure),
    total: figure,
  });
  const base = {
    tps: TpsCodeSchema,
    voters,
    ballots,
    disabled: genderRow,
    valid: figure,
    invalid: figure,
    total: figure,
    status: TallyStatusSchema,
    enteredBy: z.string().nullable().optional(),
    verifiedBy: z.string().nullable().optional(),
    acceptedWarnings: z.array(WarningAcceptanceSchema).optional(),
  };
  const candidate = z.object({ ...base, contest: z.enum(['PPWP', 'DPD']), votes: z.record(BallotNumberKeySchema, figure) });
  const party = z.object({ ...base, contest: z.enum(['DPR', 'DPRD_PROV', 'DPRD_KAB']), votes: z.record(BallotNumberKeySchema, partyVotes) });
  return { genderRow, voters, ballots, partyVotes, candidate, party };
}

const form = formSchemas(FigureSchema);

export const GenderRowSchema = form.genderRow;
export type GenderRow = z.infer<typeof GenderRowSchema>;

export const VotersSchema = form.voters;
export type Voters = z.infer<typeof VotersSchema>;
export const VOTER_ROWS = ['dpt', 'usedDpt', 'usedDptb', 'usedDpk', 'usedTotal'] as const satisfies readonly (keyof Voters)[];
export type VoterRow = (typeof VOTER_ROWS)[number];
export const GENDER_COLUMNS = ['male', 'female', 'total'] as const satisfies readonly (keyof GenderRow)[];
export type GenderColumn = (typeof GENDER_COLUMNS)[number];

export const BallotsSchema = form.ballots;
export type Ballots = z.infer<typeof BallotsSchema>;
export const BALLOT_FIELDS = ['received', 'used', 'returned', 'unused'] as const satisfies readonly (keyof Ballots)[];

export const PartyVotesSchema = form.partyVotes;
export type PartyVotes = z.infer<typeof PartyVotesSchema>;

export const CandidateTallySchema = form.candidate;
export const PartyTallySchema = form.party;
export const TallySchema = z.discriminatedUnion('contest', [CandidateTallySchema, PartyTallySchema]);

/** The same shapes with sums for figures: what a D.Hasil total is made of (src/domain/summary). */
const sums = formSchemas(SumFigureSchema);
export const CandidateSumsSchema = sums.candidate;
export const PartySumsSchema = sums.party;

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
