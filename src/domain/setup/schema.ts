import { z } from 'zod';
import {
  DesaCodeSchema,
  KabupatenCodeSchema,
  KecamatanCodeSchema,
  ProvinsiCodeSchema,
  TpsNumberSchema,
} from '../codes/codes.ts';

/** The election setup exchange format `rekap.setup/v1` (DESIGN.md §5). */
export const SETUP_FORMAT = 'rekap.setup/v1';

export const NameSchema = z.string().trim().min(1);
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date YYYY-MM-DD');
export const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time HH:MM');
export const BallotNumberSchema = z.number().int().min(1).max(999);

export const RegionSchema = <T extends z.ZodType>(code: T) => z.object({ code, name: NameSchema });

export const DesaSchema = z.object({
  code: DesaCodeSchema,
  name: NameSchema,
  /** TPS numbers as printed: gaps and extra ranges (901–902) are allowed. */
  tps: z.array(TpsNumberSchema).min(1),
});
export type Desa = z.infer<typeof DesaSchema>;

export const CandidateSchema = z.object({ number: BallotNumberSchema, name: NameSchema });
export type Candidate = z.infer<typeof CandidateSchema>;

export const PartySchema = z.object({
  number: BallotNumberSchema,
  name: NameSchema,
  /** Short name used in labels ("PKB — calon 3"). */
  abbreviation: NameSchema.optional(),
  candidates: z.array(CandidateSchema),
});
export type Party = z.infer<typeof PartySchema>;

export const SeatsSchema = z.number().int().min(1).max(20);
export const DapilSchema = z.object({ name: NameSchema, seats: SeatsSchema });

/** W03 fires when invalid votes reach this share of the total (default 0.10). */
const InvalidThresholdSchema = z.number().gt(0).lte(1).optional();

export const CandidateContestSchema = z.object({
  id: z.enum(['PPWP', 'DPD']),
  name: NameSchema,
  dapil: DapilSchema.optional(),
  invalidWarningThreshold: InvalidThresholdSchema,
  /** Pairs (PPWP) or individual candidates (DPD), by ballot number. */
  candidates: z.array(CandidateSchema).min(1),
});
export const PartyContestSchema = z.object({
  id: z.enum(['DPR', 'DPRD_PROV', 'DPRD_KAB']),
  name: NameSchema,
  dapil: DapilSchema,
  invalidWarningThreshold: InvalidThresholdSchema,
  parties: z.array(PartySchema).min(1),
});
export const ContestSetupSchema = z.discriminatedUnion('id', [CandidateContestSchema, PartyContestSchema]);
export type CandidateContestSetup = z.infer<typeof CandidateContestSchema>;
export type PartyContestSetup = z.infer<typeof PartyContestSchema>;
export type ContestSetup = z.infer<typeof ContestSetupSchema>;

export const PanelIdSchema = z.string().regex(/^[a-z0-9-]+$/, 'panel id: a–z, 0–9, -');
export const PanelSchema = z.object({ id: PanelIdSchema, name: NameSchema });
export type Panel = z.infer<typeof PanelSchema>;

export const ScheduleDaySchema = z.object({
  date: IsoDateSchema,
  start: ClockSchema,
  end: ClockSchema,
  /** Which desa each panel takes that day, in the order they are opened. */
  assignments: z.array(z.object({ panel: z.string(), desa: z.array(DesaCodeSchema) })),
});
export type ScheduleDay = z.infer<typeof ScheduleDaySchema>;

export const VerificationModeSchema = z.enum(['readback', 'double-entry']);
export type VerificationMode = z.infer<typeof VerificationModeSchema>;

export const SetupSchema = z.object({
  format: z.literal(SETUP_FORMAT),
  election: z.object({ id: z.string().min(1), name: NameSchema, votingDate: IsoDateSchema }),
  provinsi: RegionSchema(ProvinsiCodeSchema),
  kabupaten: RegionSchema(KabupatenCodeSchema),
  kecamatan: RegionSchema(KecamatanCodeSchema),
  desa: z.array(DesaSchema).min(1),
  contests: z.array(ContestSetupSchema).min(1),
  panels: z.array(PanelSchema).min(1),
  schedule: z.object({
    /** Times are wall-clock in this IANA zone; Indonesia's western zone (WIB) by default. */
    timeZone: z.string().default('Asia/Jakarta'),
    days: z.array(ScheduleDaySchema),
  }),
  settings: z
    .object({ verification: VerificationModeSchema.default('readback') })
    .default({ verification: 'readback' }),
});
export type Setup = z.infer<typeof SetupSchema>;
