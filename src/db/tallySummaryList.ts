import type { DesaCode } from '../domain/codes/codes.ts';
import type { RekapDb } from './database.ts';
import { TallySummaryRowSchema, type TallySummaryRow } from './tallySummary.ts';

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
  // One key range per desa (IndexedDB getAll), not anyOf: Dexie walks anyOf with a cursor, one
  // round trip per row, which costs seconds for a whole kecamatan in Chromium.
  const raws: unknown[] =
    filter.desa === undefined
      ? await db.tallySummaries.toArray()
      : (await Promise.all([...new Set(filter.desa)].map((desa) => db.tallySummaries.where('desa').equals(desa).toArray()))).flat();
  const list: TallySummaryList = { rows: [], corrupt: [] };
  for (const raw of raws) {
    const parsed = TallySummaryRowSchema.safeParse(raw);
    if (parsed.success && !parsed.data.corrupt) list.rows.push(parsed.data);
    else list.corrupt.push(parsed.success ? parsed.data.key : String((raw as { key?: unknown } | null)?.key ?? '?'));
  }
  return list;
}
