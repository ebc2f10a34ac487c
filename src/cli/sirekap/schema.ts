import { z } from 'zod';
import { text } from '../../domain/common/text.ts';
import { customIssue } from '../../domain/errors/index.ts';
import { FigureSchema } from '../../domain/tally/figure.ts';

/**
 * The Sirekap "hhcw" per-TPS dump as collected in tests/fixtures/README-sirekap-puger.md:
 * `{ source, kecamatan: {code, name}, files: { <13-digit TPS code>: <raw Sirekap JSON> } }`.
 * Only what the import reads is constrained; other Sirekap fields (images, psu, ts, mode, …)
 * pass through untouched so a slightly different scrape still imports.
 */

/**
 * Sirekap figures are OCR output: a number or null. They become form figures, so they take the
 * same bound (src/domain/tally/figure.ts): a dump with a figure out of it is refused with its path.
 */
const SirekapFigureSchema = FigureSchema;

/**
 * Sirekap candidate ids of the 2024 PPWP pairs → ballot numbers (the widely cited mapping:
 * 100025 Anies–Muhaimin, 100026 Prabowo–Gibran, 100027 Ganjar–Mahfud).
 */
export const PPWP_CHART_IDS: Readonly<Record<string, '1' | '2' | '3'>> = { '100025': '1', '100026': '2', '100027': '3' };
/** Every Sirekap chart carries this meaningless entry; it is ignored. */
export const STRAY_CHART_KEY = 'null';

/** Chart: votes keyed by Sirekap candidate id, plus a stray `"null": null` entry in every file. */
export const SirekapChartSchema = z.record(z.string(), SirekapFigureSchema);

export const ADMINISTRASI_FIELDS = [
  'pemilih_dpt_l', 'pemilih_dpt_p', 'pemilih_dpt_j',
  'pengguna_dpt_l', 'pengguna_dpt_p', 'pengguna_dpt_j',
  'pengguna_dptb_l', 'pengguna_dptb_p', 'pengguna_dptb_j',
  'pengguna_non_dpt_l', 'pengguna_non_dpt_p', 'pengguna_non_dpt_j',
  'pengguna_total_l', 'pengguna_total_p', 'pengguna_total_j',
  'suara_sah', 'suara_tidak_sah', 'suara_total',
] as const;
export type AdministrasiField = (typeof ADMINISTRASI_FIELDS)[number];

/** Every field may be absent or null (→ not entered); unknown extra fields are tolerated. */
export const SirekapAdministrasiSchema = z.looseObject(
  Object.fromEntries(ADMINISTRASI_FIELDS.map((f) => [f, SirekapFigureSchema.optional()])) as Record<
    AdministrasiField,
    z.ZodOptional<typeof SirekapFigureSchema>
  >,
);

export const SirekapTpsFileSchema = z.looseObject({
  chart: SirekapChartSchema.nullable().optional(),
  administrasi: SirekapAdministrasiSchema.nullable().optional(),
});
export type SirekapTpsFile = z.infer<typeof SirekapTpsFileSchema>;

export const SirekapDumpSchema = z
  .looseObject({
    source: z.string().optional(),
    kecamatan: z.object({ code: z.string().regex(/^\d{6}$/, 'kecamatan code: 6 digits'), name: z.string() }),
    files: z.record(z.string().regex(/^\d{13}$/, 'TPS code: 13 digits'), SirekapTpsFileSchema),
  })
  .superRefine((dump, ctx) => {
    // A TPS code embeds its kecamatan; one from elsewhere means a mixed-up dump.
    for (const tps of Object.keys(dump.files)) {
      if (!tps.startsWith(dump.kecamatan.code)) {
        ctx.addIssue(customIssue(['files', tps], text(`TPS ${tps} tidak ada di kecamatan ${dump.kecamatan.code}`, `TPS ${tps} is not in kecamatan ${dump.kecamatan.code}`)));
      }
      // Another contest's dump (DPD, DPR…) has other candidate ids: refuse rather than drop votes.
      for (const key of Object.keys(dump.files[tps]?.chart ?? {})) {
        if (key !== STRAY_CHART_KEY && !Object.hasOwn(PPWP_CHART_IDS, key)) {
          const known = Object.keys(PPWP_CHART_IDS).join(', ');
          ctx.addIssue(customIssue(['files', tps, 'chart', key], text(
            `id calon Sirekap ${key} tidak dikenal (dump PPWP memakai ${known})`,
            `unknown Sirekap candidate id ${key} (a PPWP dump has ${known})`,
          )));
        }
      }
    }
  });
export type SirekapDump = z.infer<typeof SirekapDumpSchema>;
