import { z } from 'zod';
import { text, type LocalizedText } from '../common/text.ts';

/**
 * The one bound on a figure of a C.Hasil form, at every boundary (sync wire, files, backups,
 * stored rows; docs/integrity.md "Bounded figures"): a whole number 0 … 999,999. The paper has
 * three digit boxes, so anything above 999 is still a figure, stored as it is and flagged by E11
 * for people to decide; six digits leave room for that while keeping every sum exact: even
 * 100 million TPS at 999,999 stay below Number.MAX_SAFE_INTEGER, so no total can round or become
 * Infinity. Negative and fractional numbers are no figures at all and are refused where they arrive.
 */
export const MAX_FIGURE = 999_999;

/** A figure as the schemas take it (null, "not entered", aside). */
export function isFigureValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_FIGURE;
}

/** A sum of figures (desa, kecamatan, kabupaten): a whole number ≥ 0 that JavaScript adds exactly. */
export function isSumValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export const FIGURE_RULE: LocalizedText = text(
  'Angka formulir harus bilangan bulat 0–999.999 (atau kosong).',
  'A form figure must be a whole number 0–999,999 (or empty).',
);
const SUM_RULE: LocalizedText = text(
  'Jumlah harus bilangan bulat 0 atau lebih (atau kosong).',
  'A total must be a whole number, 0 or more (or empty).',
);

/**
 * One figure of the C.Hasil form. `null` means "not entered" and is never treated as 0. Within the
 * bound nothing is clamped or rounded on the way in: E11 flags what the paper cannot hold.
 */
export const FigureSchema = z.number().refine(isFigureValue, { message: FIGURE_RULE.en, params: { text: FIGURE_RULE } }).nullable();
export type Figure = z.infer<typeof FigureSchema>;

/** One figure of a D.Hasil sum, same shape as FigureSchema (null: entered nowhere). */
export const SumFigureSchema = z.number().refine(isSumValue, { message: SUM_RULE.en, params: { text: SUM_RULE } }).nullable();
