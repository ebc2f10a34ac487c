import type { DesaCode } from '../domain/codes/codes.ts';
import type { RekapDb } from './database.ts';
import { isTallySummaryRow, TallySummaryRowSchema, type TallySummaryRow } from './tallySummary.ts';

export interface TallySummaryList {
  /** Summaries of readable forms. */
  rows: TallySummaryRow[];
  /** Keys of damaged forms (or of damaged summaries): counted on the lists, never shown as forms. */
  corrupt: string[];
}

/**
 * The summaries of every stored form, or of the forms of the given desa: what the list screens
 * read instead of the forms themselves (a summary is a few numbers; a DPR form is hundreds).
 */
export async function listTallySummaries(db: RekapDb, filter: { desa?: readonly DesaCode[] } = {}): Promise<TallySummaryList> {
  // A form's key starts with its TPS code, which starts with its desa code: a desa's summaries are
  // one range of primary keys, read with one IndexedDB getAll each. Not the `desa` index (each
  // entry then costs a second lookup, twice the time in Chromium), nor anyOf (Dexie walks that
  // with a cursor, one round trip per row: seconds for a whole kecamatan).
  const raws: unknown[] =
    filter.desa === undefined
      ? await db.tallySummaries.toArray()
      : (await Promise.all([...new Set(filter.desa)].map((desa) => db.tallySummaries.where(':id').startsWith(desa).toArray()))).flat();
  const list: TallySummaryList = { rows: [], corrupt: [] };
  for (const raw of raws) {
    // The plain check first: zod, jitless in the browser, costs a tenth of a second per 8,000 rows.
    const parsed = isTallySummaryRow(raw) ? ({ success: true, data: raw } as const) : TallySummaryRowSchema.safeParse(raw);
    if (parsed.success && !parsed.data.corrupt) list.rows.push(parsed.data);
    else list.corrupt.push(parsed.success ? parsed.data.key : String((raw as { key?: unknown } | null)?.key ?? '?'));
  }
  return list;
}
