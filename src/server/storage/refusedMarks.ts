import { sql, type Kysely } from 'kysely';
import { objectionKey, type RecordKind } from '../../api/records.ts';
import type { AuditEntry, AuditRecordKind } from '../../domain/audit/index.ts';
import type { Database } from './schema.ts';

/**
 * Issue 11: a device writes its audit entry when a person edits, before the server has decided on
 * the op, so its chain also records edits the server's workflow then refused. Such entries are kept
 * (the chain is signed and whole) but marked with the refusal code in audit_chain.refused, so the
 * history shows them as refused rather than as changes. Both helpers run inside the caller's
 * transaction, under the kecamatan's lock, so a mark and the decision it reflects never disagree.
 */

type Db = Kysely<Database>;

/** Rows per statement: 3 bound parameters each, far below both engines' limits. */
const CHUNK = 500;

/** The server's decisions on an op (src/server/storage/applyBatch.ts); the last one per device × record counts. */
const DECISIONS = ['applied', 'conflict', 'refused', 'locked'] as const;

/** The record a chain entry names, in the chain's own terms. */
export interface ChainRecord {
  kind: AuditRecordKind;
  key: string;
}

/** The sync key of a chain entry's record: objection entries name the objection by its id alone. */
export function syncKeyOf(record: ChainRecord): string {
  return record.kind === 'objection' ? objectionKey(record.key) : record.key;
}

/** The chain's name for the record an op writes (the inverse of syncKeyOf). */
export function chainRecordOf(kind: RecordKind, key: string): ChainRecord {
  const prefix = objectionKey('');
  return { kind, key: kind === 'objection' && key.startsWith(prefix) ? key.slice(prefix.length) : key };
}

/**
 * A person giving up their change for the server's (`*.resolved`) is not itself refused, whatever
 * happened to the op before it.
 */
const mayBeRefused = (entry: AuditEntry): boolean => !entry.action.endsWith('.resolved');

/**
 * The refusal code for each entry of a segment whose device's latest op on the entry's record was
 * refused ('refused': the workflow's code from the audit row; 'locked': the code it names, else
 * 'locked'); null for the others. One query per chunk of distinct records.
 */
export async function refusalsFor(db: Db, kecamatan: string, deviceId: string, entries: readonly AuditEntry[]): Promise<(string | null)[]> {
  const keys = [...new Set(entries.filter(mayBeRefused).map((e) => syncKeyOf(e.record)))];
  const refused = new Map<string, string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('audit as a')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('audit')
            .select((s) => ['key', s.fn.max('id').as('id')])
            .where('kecamatan', '=', kecamatan)
            .where('device_id', '=', deviceId)
            .where('key', 'in', part)
            .where('action', 'in', DECISIONS)
            .groupBy('key')
            .as('latest'),
        (join) => join.onRef('latest.key', '=', 'a.key').onRef('latest.id', '=', 'a.id'),
      )
      .select(['a.key', 'a.action', 'a.detail'])
      .where('a.kecamatan', '=', kecamatan)
      .execute();
    for (const row of rows) {
      if (row.key === null || (row.action !== 'refused' && row.action !== 'locked')) continue;
      refused.set(row.key, codeOf(row.detail) ?? (row.action === 'locked' ? 'locked' : 'refused'));
    }
  }
  return entries.map((e) => (mayBeRefused(e) ? (refused.get(syncKeyOf(e.record)) ?? null) : null));
}

function codeOf(detail: string | null): string | null {
  if (detail === null) return null;
  try {
    const parsed: unknown = JSON.parse(detail);
    const code = parsed && typeof parsed === 'object' && 'code' in parsed ? parsed.code : null;
    return typeof code === 'string' && code !== '' ? code : null;
  } catch {
    return null;
  }
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
