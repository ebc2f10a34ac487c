import { z } from 'zod';
import { BallotSchema } from '../domain/kabupaten/ballot.ts';
import { FiguresSchema } from '../domain/summary/schema.ts';
import { ContestIdSchema } from '../domain/tally/contest.ts';

/**
 * The kabupaten view (docs/integrity.md "Kabupaten view"): finalised, verified kecamatan summaries
 * imported into the server and summed per contest and ballot.
 */

/** One group of the hash as typed from the paper D.Hasil, numbered 1–16 as printed. */
export const TypedGroupSchema = z.object({ group: z.number().int().min(1).max(16), typed: z.string().max(32) });

// POST /api/kabupaten/summaries — a chair device imports its kecamatan's signed summary.
export const SummaryImportRequestSchema = z.object({
  /** The rekap.summary/v1 file as JSON (its hash does not depend on whitespace or key order). */
  summary: z.unknown(),
  /** Two groups typed from the paper, at two different positions. */
  groups: z
    .array(TypedGroupSchema)
    .length(2)
    .refine((g) => g[0]!.group !== g[1]!.group, 'two different groups'),
  /** Replace the summary counted for the same kecamatan × contest (the old one stays in the history). */
  replace: z.boolean().default(false),
});
export type SummaryImportRequest = z.input<typeof SummaryImportRequestSchema>;

/**
 * How many TPS of a kecamatan × contest count: `server` — the forms this server holds as final,
 * its own synced copies (the summary's figures were compared with them at import); `file` — as the
 * summary claims, unchecked (no form of the kecamatan was synced here).
 */
export const CoverageSchema = z.object({ source: z.enum(['server', 'file']), final: z.number().int().min(0), expected: z.number().int().min(0) });
export type Coverage = z.infer<typeof CoverageSchema>;

export const ImportedSummarySchema = z.object({
  hash: z.string(),
  kabupaten: z.string(),
  kecamatan: z.object({ code: z.string(), name: z.string() }),
  contests: z.array(ContestIdSchema),
  signerName: z.string(),
  fingerprint: z.string(),
  serverFingerprint: z.string(),
  createdAt: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  slots: z.array(z.object({ contest: ContestIdSchema, counted: z.boolean(), replacedAt: z.string().nullable(), replacedBy: z.string().nullable() })),
});
export type ImportedSummary = z.infer<typeof ImportedSummarySchema>;

export const SummaryImportResponseSchema = z.object({
  /** unchanged: this very file was already counted (a retried upload). */
  status: z.enum(['imported', 'unchanged']),
  summary: ImportedSummarySchema,
  /** Hashes of the summaries it replaced, per contest. */
  replaced: z.array(z.object({ contest: ContestIdSchema, hash: z.string() })),
  /** Per contest of the file: the TPS counted, checked against this server or as the file claims. */
  coverage: z.array(CoverageSchema.extend({ contest: ContestIdSchema })),
});
export type SummaryImportResponse = z.infer<typeof SummaryImportResponseSchema>;

// GET /api/kabupaten/summaries
export const SummaryListResponseSchema = z.object({
  kabupaten: z.object({ code: z.string(), name: z.string() }),
  summaries: z.array(ImportedSummarySchema),
});
export type SummaryListResponse = z.infer<typeof SummaryListResponseSchema>;

// GET /api/kabupaten/totals
const AreaSchema = z.object({ code: z.string(), name: z.string() });
export const KabupatenTotalsResponseSchema = z.object({
  kabupaten: AreaSchema,
  contests: z.array(
    z.object({
      contest: ContestIdSchema,
      groups: z.array(
        z.object({
          ballotKey: z.string(),
          ballot: BallotSchema,
          kecamatan: z.array(AreaSchema.extend({ hash: z.string(), tpsIncluded: z.number().int(), figures: FiguresSchema, coverage: CoverageSchema })),
          tpsIncluded: z.number().int(),
          figures: FiguresSchema,
        }),
      ),
      missing: z.array(AreaSchema),
      ballotConflict: z.boolean(),
    }),
  ),
});
export type KabupatenTotalsResponse = z.infer<typeof KabupatenTotalsResponseSchema>;
