import { z } from 'zod';
import { DesaCodeSchema, TpsCodeSchema } from '../codes/codes.ts';
import { CONTEST_IDS, ContestIdSchema } from '../tally/contest.ts';
import { RoleSchema } from '../workflow/roles.ts';

/**
 * Model D.Kejadian Khusus dan/atau Keberatan: what happened during the plenary (a special event) or
 * what a witness, Panwascam or a PPK member objected to, the plenary's decision, and the tally
 * corrections it caused. Pure data: storage, ids and clocks belong to the layers above.
 */

export const OBJECTION_KINDS = ['objection', 'special-event'] as const;
export const ObjectionKindSchema = z.enum(OBJECTION_KINDS);
export type ObjectionKind = z.infer<typeof ObjectionKindSchema>;

/** Where it applies: the whole kecamatan, one desa, or one TPS. */
export const ObjectionScopeSchema = z.discriminatedUnion('level', [
  z.object({ level: z.literal('kecamatan') }),
  z.object({ level: z.literal('desa'), desa: DesaCodeSchema }),
  z.object({ level: z.literal('tps'), tps: TpsCodeSchema }),
]);
export type ObjectionScope = z.infer<typeof ObjectionScopeSchema>;
export type ScopeLevel = ObjectionScope['level'];
export const SCOPE_LEVELS = ['kecamatan', 'desa', 'tps'] as const satisfies readonly ScopeLevel[];

const BallotNumberSchema = z.number().int().min(1).max(999);

/**
 * Whose witness (saksi): a presidential pair (PPWP), a party (DPR/DPRD) or an individual DPD
 * candidate, by ballot number from the setup.
 */
export const WitnessOfSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pair'), number: BallotNumberSchema }),
  z.object({ kind: z.literal('party'), number: BallotNumberSchema }),
  z.object({ kind: z.literal('candidate'), number: BallotNumberSchema }),
]);
export type WitnessOf = z.infer<typeof WitnessOfSchema>;
export type WitnessKind = WitnessOf['kind'];

const OptionalNameSchema = z.string().trim().nullable();

/** Who raised it. `name` is the person (optional except for "other", where it says who). */
export const RaisedBySchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('witness'), of: WitnessOfSchema, name: OptionalNameSchema }),
  z.object({ role: z.literal('panwascam'), name: OptionalNameSchema }),
  z.object({ role: z.literal('ppk-member'), name: OptionalNameSchema }),
  z.object({ role: z.literal('other'), name: z.string().trim().min(1) }),
]);
export type RaisedBy = z.infer<typeof RaisedBySchema>;
export type RaisedByRole = RaisedBy['role'];
export const RAISED_BY_ROLES = ['witness', 'panwascam', 'ppk-member', 'other'] as const satisfies readonly RaisedByRole[];

/** The plenary's decision. Every outcome other than pending carries a note, who and when. */
export const DECISION_OUTCOMES = ['corrected', 'recounted', 'rejected', 'noted'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const DecisionSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({
    status: z.enum(DECISION_OUTCOMES),
    note: z.string().trim().min(1),
    by: z.string().trim().min(1),
    at: z.string().min(1),
  }),
]);
export type Decision = z.infer<typeof DecisionSchema>;
export type DecisionStatus = Decision['status'];
export const DECISION_STATUSES = ['pending', ...DECISION_OUTCOMES] as const satisfies readonly DecisionStatus[];

const CONTEST_PATTERN = CONTEST_IDS.join('|');
/** A tally revision the objection caused: record key `<tps>:<contest>` and its revision number. */
export const CorrectionLinkSchema = z.object({
  key: z.string().regex(new RegExp(`^\\d{13}:(${CONTEST_PATTERN})$`), 'key <tps>:<contest>'),
  revision: z.number().int().min(1),
});
export type CorrectionLink = z.infer<typeof CorrectionLinkSchema>;

/** What a person fills in to record one (the rest is added when it is stored). */
export const ObjectionDraftSchema = z.object({
  kind: ObjectionKindSchema,
  scope: ObjectionScopeSchema,
  /** null: every contest (e.g. an event affecting the whole box of a TPS). */
  contest: ContestIdSchema.nullable(),
  raisedBy: RaisedBySchema,
  description: z.string().trim().min(1),
});
export type ObjectionDraft = z.infer<typeof ObjectionDraftSchema>;

export const ObjectionSchema = ObjectionDraftSchema.extend({
  id: z.string().min(1),
  recordedAt: z.string().min(1),
  recordedBy: z.string().trim().min(1),
  decision: DecisionSchema,
  corrections: z.array(CorrectionLinkSchema),
  /**
   * The device that filed it, when it was filed on an enrolled device: the operator's name and the
   * device's role (the server checks the role; witnesses and Panwascam file on their own devices).
   */
  filedBy: z.object({ name: z.string().trim().min(1), role: RoleSchema }).optional(),
});
export type Objection = z.infer<typeof ObjectionSchema>;
