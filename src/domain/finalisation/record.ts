import { z } from 'zod';
import { ContestIdSchema, type ContestId } from '../tally/contest.ts';

/** A finalisation or reopening, with the tally revisions it wrote (reopening needs a reason). */
export const FinalisationEventSchema = z.object({
  action: z.enum(['finalised', 'reopened']),
  at: z.string().min(1),
  by: z.string(),
  reason: z.string().nullable(),
  tallies: z.array(z.object({ key: z.string().min(1), revision: z.number().int().min(1) })),
});
export type FinalisationEventRecord = z.infer<typeof FinalisationEventSchema>;

/** `<desa or kecamatan code>:<contest>`. */
export const finalisationKey = (area: string, contest: ContestId): string => `${area}:${contest}`;

/**
 * The finalisation of a desa × contest or of the kecamatan × contest as it syncs: the area, the
 * state and every event that led there (the history only grows; docs/domain.md).
 */
export const FinalisationRecordSchema = z
  .object({
    desa: z.string().regex(/^(\d{6}|\d{10})$/),
    contest: ContestIdSchema,
    level: z.enum(['desa', 'kecamatan']),
    state: z.enum(['final', 'reopened']),
    history: z.array(FinalisationEventSchema).min(1),
  })
  .superRefine((r, ctx) => {
    if ((r.level === 'desa') !== (r.desa.length === 10)) ctx.addIssue({ code: 'custom', path: ['level'], message: 'level does not match the area code' });
  });
export type FinalisationRecord = z.infer<typeof FinalisationRecordSchema>;
