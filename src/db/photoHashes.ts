import type { RekapDb } from './database.ts';
import { PhotoRowSchema } from './photoRows.ts';

/**
 * Each form's photo hashes (`<tps>:<contest>` → SHA-256s), as a signed summary puts them in that
 * TPS's leaf (docs/integrity.md, "Summary v2"): the signature then covers which photos the figures
 * were read from. Rows that no longer read are left out (they are not shown as photos either).
 */
export async function photoHashesByForm(db: RekapDb): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const raw of await db.photos.toArray()) {
    const row = PhotoRowSchema.safeParse(raw);
    if (!row.success) continue;
    const list = out.get(row.data.key) ?? [];
    list.push(row.data.sha256);
    out.set(row.data.key, list);
  }
  return out;
}
