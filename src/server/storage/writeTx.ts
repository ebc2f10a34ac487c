import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { AuditAction } from './types.ts';

/**
 * What every kecamatan write transaction shares: its write lock and its audit rows. Used by
 * KyselyStorage (kysely.ts) and the summary imports (summaries.ts); it imports neither, so the
 * two stay free of an import cycle.
 */

/** Takes the kecamatan's write lock for the rest of the transaction (see KyselyStorage's class comment). */
export async function lockKecamatan(trx: Transaction<Database>, kecamatan: string): Promise<void> {
  const result = await trx.updateTable('kecamatan').set({ last_seq: sql<number>`last_seq` }).where('code', '=', kecamatan).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`kecamatan ${kecamatan} does not exist`);
}

async function nextCounter(trx: Transaction<Database>, kecamatan: string, column: 'last_seq' | 'last_audit'): Promise<number> {
  const row = await trx
    .updateTable('kecamatan')
    .set(column === 'last_seq' ? { last_seq: sql<number>`last_seq + 1` } : { last_audit: sql<number>`last_audit + 1` })
    .where('code', '=', kecamatan)
    .returning(column)
    .executeTakeFirstOrThrow();
  return Number(column === 'last_seq' ? (row as { last_seq: number }).last_seq : (row as { last_audit: number }).last_audit);
}

interface AuditInput {
  at: string;
  action: AuditAction;
  deviceId?: string | null;
  actor?: string | null;
  key?: string | null;
  opId?: string | null;
  version?: number | null;
  hash?: string | null;
  detail?: string | null;
}

export async function audit(trx: Transaction<Database>, kecamatan: string, entry: AuditInput): Promise<void> {
  const id = await nextCounter(trx, kecamatan, 'last_audit');
  await trx
    .insertInto('audit')
    .values({
      kecamatan,
      id,
      at: entry.at,
      action: entry.action,
      device_id: entry.deviceId ?? null,
      actor: entry.actor ?? null,
      key: entry.key ?? null,
      op_id: entry.opId ?? null,
      version: entry.version ?? null,
      hash: entry.hash ?? null,
      detail: entry.detail ?? null,
    })
    .execute();
}
