import { sql, type Kysely } from 'kysely';
import { objectionKey, photosKey, type RecordKind } from '../../api/records.ts';
import type { AuditRecordKind } from '../../domain/audit/index.ts';
import type { Database } from './schema.ts';

/**
 * Issue 11: a device writes its audit entry when a person edits, before the server has decided on
 * the op, so its chain also records edits the server's workflow then refused. Such entries are kept
 * (the chain is signed and whole) but marked with the refusal code in audit_chain.refused, so the
 * history shows them as refused rather than as changes. Both helpers run inside the caller's
 * transaction, under the kecamatan's lock, so a mark and the decision it reflects never disagree.
 * The marks are set when a segment is stored (auditScope.ts, which also marks entries out of scope).
 */

type Db = Kysely<Database>;

/** Rows per statement: 3 bound parameters each, far below both engines' limits. */
const CHUNK = 500;

/** The record a chain entry names, in the chain's own terms. */
export interface ChainRecord {
  kind: AuditRecordKind;
  key: string;
}

/**
 * The sync key of a chain entry's record: objection entries name the objection by its id alone,
 * photo entries the form (`<tps>:<contest>`) whose photos record they changed.
 */
export function syncKeyOf(record: ChainRecord): string {
  return record.kind === 'objection' ? objectionKey(record.key) : record.kind === 'photos' ? photosKey(record.key) : record.key;
}

/** The chain's name for the record an op writes (the inverse of syncKeyOf). */
export function chainRecordOf(kind: RecordKind, key: string): ChainRecord {
  const prefix = kind === 'photos' ? photosKey('') : objectionKey('');
  return { kind, key: (kind === 'objection' || kind === 'photos') && key.startsWith(prefix) ? key.slice(prefix.length) : key };
}

/**
 * A later op of the device on the record was applied: its earlier refused entries were followed by
 * a change that did land, so they are no longer marked. One UPDATE per chunk of device × record
 * pairs, matched as row values against a VALUES list (SQLite takes a row-value IN only against a
 * subquery, and a long OR chain would hit its expression depth limit).
 */
export async function clearRefused(db: Db, kecamatan: string, applied: readonly { deviceId: string; record: ChainRecord }[]): Promise<void> {
  for (let i = 0; i < applied.length; i += CHUNK) {
    const part = applied.slice(i, i + CHUNK);
    const pairs = sql.join(part.map((p) => sql`(${p.deviceId}, ${p.record.kind}, ${p.record.key})`));
    await db
      .updateTable('audit_chain')
      .set({ refused: null })
      .where('kecamatan', '=', kecamatan)
      .where('refused', 'is not', null)
      .where(sql<boolean>`(device_id, record_kind, record_key) in (values ${pairs})`)
      .execute();
  }
}
