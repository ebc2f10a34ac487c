import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A synced C.Hasil form as the kabupaten view counts it: its key (`<tps>:<contest>`) and status. */
export interface TallyStatusRow {
  key: string;
  status: string;
}

/**
 * The status of every form the kecamatan's devices synced here, read inside the database so the
 * kabupaten totals never parse thousands of forms per request (docs/integrity.md "Kabupaten
 * view"). A tally key is 13 digits and a contest; objection and finalisation keys never match.
 */
export async function tallyStatuses(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', kecamatan: string): Promise<TallyStatusRow[]> {
  const status = dialect === 'postgres' ? sql<string | null>`(record::json ->> 'status')` : sql<string | null>`json_extract(record, '$.status')`;
  const rows = await db
    .selectFrom('records')
    .select(['key', status.as('status')])
    .where('kecamatan', '=', kecamatan)
    .where('key', 'like', '_____________:%')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, status: r.status ?? '' }));
}
