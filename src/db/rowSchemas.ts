import { z } from 'zod';
import { DesaCodeSchema, TpsCodeSchema } from '../domain/codes/codes.ts';
import { LANGUAGES, text } from '../domain/common/text.ts';
import { customIssue, zodIssueText } from '../domain/errors/index.ts';
import { SetupSchema, VerificationModeSchema } from '../domain/setup/schema.ts';
import { ContestIdSchema } from '../domain/tally/contest.ts';
import { TallySchema, TallyStatusSchema, tallyKey, type TallyKey } from '../domain/tally/tally.ts';
import type { Revision, SettingRow, SetupRow, TallyRow } from './types.ts';

/**
 * Schemas of stored rows: every read from IndexedDB and every backup file goes through them,
 * so damaged data becomes a reported problem instead of a crash further up.
 */
const IsoSchema = z.string().min(1);

export const SecondEntrySchema = z.object({ tally: TallySchema, by: z.string().min(1), at: IsoSchema });

export const TallyRowSchema = z
  .object({
    key: z.string(),
    tps: TpsCodeSchema,
    desa: DesaCodeSchema,
    contest: ContestIdSchema,
    status: TallyStatusSchema,
    tally: TallySchema,
    revision: z.number().int().min(0),
    updatedAt: IsoSchema,
    updatedBy: z.string(),
    secondEntry: SecondEntrySchema.nullable().optional(),
  })
  .superRefine((row, ctx) => {
    // The copies kept for indexes must agree with the tally itself.
    const differs = (field: 'tps' | 'contest' | 'desa' | 'status', expected: string) =>
      ctx.addIssue(customIssue([field], text(`Harus ${expected}, sama dengan isi formulirnya.`, `Must be ${expected}, as in the form itself.`)));
    if (row.key !== tallyKey(row.tally)) {
      ctx.addIssue(customIssue(['key'], text('Kunci data tidak cocok dengan TPS dan jenis pemilihan formulirnya.', "The row's key does not match its form's TPS and contest.")));
    }
    if (row.tps !== row.tally.tps) differs('tps', row.tally.tps);
    if (row.contest !== row.tally.contest) differs('contest', row.tally.contest);
    if (row.desa !== row.tps.slice(0, 10)) differs('desa', row.tps.slice(0, 10));
    if (row.status !== row.tally.status) differs('status', row.tally.status);
  });

export const ChangeSchema = z.object({ path: z.string().min(1), before: z.unknown(), after: z.unknown() });

export const RevisionSchema = z.object({
  id: z.number().int().min(1).optional(),
  key: z.string().min(1),
  revision: z.number().int().min(0),
  at: IsoSchema,
  by: z.string(),
  kind: z.enum(['edit', 'correction', 'status', 'import', 'restore']),
  changes: z.array(ChangeSchema),
  statusBefore: TallyStatusSchema.nullable(),
  statusAfter: TallyStatusSchema,
  reason: z.string().nullable(),
});

export const SetupRowSchema = z.object({
  id: z.literal('current'),
  setup: SetupSchema,
  hash: z.string().nullable().optional(),
  savedAt: IsoSchema,
});

/** Per-key schemas of settings; unknown keys are kept as they are. */
export const SETTING_SCHEMAS = {
  language: z.enum(LANGUAGES),
  operatorName: z.string().nullable(),
  panel: z.string().nullable(),
  verificationMode: VerificationModeSchema.nullable(),
  lastExportAt: z.string().nullable(),
  lastExportRevision: z.number().int().min(0).nullable(),
  storagePersisted: z.boolean().nullable(),
  persistenceRequested: z.boolean(),
} as const;

export const SettingRowSchema = z.object({ key: z.string().min(1), value: z.unknown() }).superRefine((row, ctx) => {
  const schema = (SETTING_SCHEMAS as Record<string, z.ZodType | undefined>)[row.key];
  if (!schema) return;
  const parsed = schema.safeParse(row.value);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue(customIssue(['value', ...issue.path], zodIssueText(issue, row.value)));
});

export const OutboxRowSchema = z.record(z.string(), z.unknown());

// Compile-time agreement between the schemas and the row types of types.ts.
type Assert<T extends true> = T;
export type _RowTypesAgree = Assert<
  z.infer<typeof TallyRowSchema> extends Omit<TallyRow, 'key'> & { key: string } ? true : false
>;
export type _RevisionAgrees = Assert<z.infer<typeof RevisionSchema> extends Omit<Revision, 'key' | 'changes'> ? true : false>;
export type _SetupAgrees = Assert<z.infer<typeof SetupRowSchema> extends SetupRow ? true : false>;
export type _SettingAgrees = Assert<z.infer<typeof SettingRowSchema> extends SettingRow ? true : false>;

export const asTallyRow = (row: z.infer<typeof TallyRowSchema>): TallyRow => ({ ...row, key: row.key as TallyKey });
export const asRevision = (row: z.infer<typeof RevisionSchema>): Revision => row as Revision;
