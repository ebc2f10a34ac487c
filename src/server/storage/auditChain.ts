import { sql, type Kysely } from 'kysely';
import { RoleSchema } from '../../api/roles.ts';
import { AuditEntrySchema, type AuditEntry, type ChainHead } from '../../domain/audit/index.ts';
import { PublicKeyJwkSchema } from '../../domain/crypto/keys.ts';
import { appendCheckpoint } from './auditCheckpoints.ts';
import { scopeMarks } from './auditScope.ts';
import type { Database } from './schema.ts';
import type { AppendChainInput, AppendChainResult, StoredChainEntry } from './types.ts';

/**
 * The devices' audit chains (table audit_chain), one per device key within a kecamatan: keyed by
 * the key hash rather than the device id, because the chain belongs to the key (a device enrolled
 * again with the same key continues its chain). Only verified segments are ever written.
 */

type Db = Kysely<Database>;

export async function chainHead(db: Db, kecamatan: string, keyHash: string): Promise<ChainHead | null> {
  const row = await db
    .selectFrom('audit_chain')
    .select(['seq', 'hash'])
    .where('kecamatan', '=', kecamatan)
    .where('key_hash', '=', keyHash)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** Stored hashes of seq `from`…`to` (inclusive), by seq. */
export async function chainHashes(db: Db, kecamatan: string, keyHash: string, from: number, to: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('audit_chain')
    .select(['seq', 'hash'])
    .where('kecamatan', '=', kecamatan)
    .where('key_hash', '=', keyHash)
    .where('seq', '>=', from)
    .where('seq', '<=', to)
    .execute();
  return new Map(rows.map((r) => [Number(r.seq), r.hash]));
}

/** Whether a key's stored chain holds an entry with this hash (a summary's audit head). */
export async function chainHasHash(db: Db, kecamatan: string, keyHash: string, hash: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_chain')
    .select('seq')
    .where('kecamatan', '=', kecamatan)
    .where('key_hash', '=', keyHash)
    .where('hash', '=', hash)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Appends a verified segment in one transaction under the kecamatan's lock, only if the stored
 * head is still the one it was verified against (a concurrent push of the same key moved it: the
 * caller re-reads and answers from the new head). Durable when it returns. Entries that are no
 * change the server saw — an edit it refused, no op of the device on the record, a witness writing
 * about what is not its own objection — are stored marked so (auditScope.ts). The server's signed
 * checkpoint of the new head is stored in the same transaction (auditCheckpoints.ts) and returned.
 */
export async function appendChain(db: Db, kecamatan: string, input: AppendChainInput): Promise<AppendChainResult> {
  return db.transaction().execute(async (trx): Promise<AppendChainResult> => {
    const locked = await trx.updateTable('kecamatan').set({ last_seq: sql<number>`last_seq` }).where('code', '=', kecamatan).executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1) throw new Error(`kecamatan ${kecamatan} does not exist`);
    const head = await chainHead(trx, kecamatan, input.keyHash);
    if ((head?.seq ?? 0) !== (input.expected?.seq ?? 0) || head?.hash !== input.expected?.hash) return { ok: false, head };
    if (input.entries.length === 0) return { ok: true, head, checkpoint: null };
    const owners = await trx.selectFrom('devices').select(['id', 'role']).where('kecamatan', '=', kecamatan).where('key_hash', '=', input.keyHash).execute();
    const role = owners.find((d) => d.id === input.deviceId)?.role ?? '';
    const refused = await scopeMarks(trx, kecamatan, { deviceIds: owners.map((d) => d.id), role, entries: input.entries });
    await trx
      .insertInto('audit_chain')
      .values(
        input.entries.map((e, i) => ({
          kecamatan,
          key_hash: input.keyHash,
          seq: e.seq,
          hash: e.hash,
          device_id: input.deviceId,
          record_kind: e.record.kind,
          record_key: e.record.key,
          at_utc: new Date(e.at).toISOString(),
          entry: JSON.stringify(e),
          received_at: input.receivedAt,
          refused: refused[i] ?? null,
        })),
      )
      .execute();
    const last = input.entries.at(-1)!;
    const newHead = { seq: last.seq, hash: last.hash };
    const checkpoint = await appendCheckpoint(trx, kecamatan, { keyHash: input.keyHash, deviceId: input.deviceId, head: newHead, added: input.entries.length, at: input.receivedAt, sign: input.sign });
    return { ok: true, head: newHead, checkpoint };
  });
}

/** Entries joined with the device that sent them, as GET /api/audit answers them. */
function withDevices(db: Db, kecamatan: string) {
  return db
    .selectFrom('audit_chain')
    .innerJoin('devices', 'devices.id', 'audit_chain.device_id')
    .select(['audit_chain.entry', 'audit_chain.received_at', 'audit_chain.refused', 'devices.id as device_id', 'devices.name', 'devices.role', 'devices.revoked_at', 'devices.public_key'])
    .where('audit_chain.kecamatan', '=', kecamatan);
}

type JoinedRow = { entry: string; received_at: string; refused: string | null; device_id: string; name: string; role: string; revoked_at: string | null; public_key: string };

function toStoredEntry(r: JoinedRow): StoredChainEntry {
  return {
    entry: AuditEntrySchema.parse(JSON.parse(r.entry)),
    device: {
      deviceId: r.device_id,
      name: r.name,
      role: RoleSchema.parse(r.role),
      revoked: r.revoked_at !== null,
      publicKey: PublicKeyJwkSchema.parse(JSON.parse(r.public_key)),
    },
    receivedAt: r.received_at,
    refused: r.refused,
  };
}

/** Every stored entry about one record, oldest first by time (UTC), then key and seq. */
export async function entriesOfRecord(
  db: Db,
  kecamatan: string,
  recordKey: string,
  kind: AuditEntry['record']['kind'] | undefined,
  limit: number,
): Promise<{ items: StoredChainEntry[]; more: boolean }> {
  let query = withDevices(db, kecamatan).where('audit_chain.record_key', '=', recordKey);
  if (kind !== undefined) query = query.where('audit_chain.record_kind', '=', kind);
  const rows = await query
    .orderBy('audit_chain.at_utc')
    .orderBy('audit_chain.key_hash')
    .orderBy('audit_chain.seq')
    .limit(limit + 1)
    .execute();
  return { items: rows.slice(0, limit).map(toStoredEntry), more: rows.length > limit };
}

/**
 * The latest entries of every device, newest first by when the server received them (a device's
 * own order kept within one segment), optionally only records whose key starts with `prefix` (a
 * desa or TPS code).
 */
export async function recentEntries(db: Db, kecamatan: string, prefix: string | null, limit: number): Promise<{ items: StoredChainEntry[]; more: boolean }> {
  let query = withDevices(db, kecamatan);
  // Codes are digits only (checked at the boundary), so the LIKE pattern needs no escaping.
  if (prefix !== null) query = query.where('audit_chain.record_key', 'like', `${prefix}%`);
  const rows = await query
    .orderBy('audit_chain.received_at', 'desc')
    .orderBy('audit_chain.key_hash')
    .orderBy('audit_chain.seq', 'desc')
    .limit(limit + 1)
    .execute();
  return { items: rows.slice(0, limit).map(toStoredEntry), more: rows.length > limit };
}

/**
 * Every stored chain of the kecamatan, each as stored (seq ascending, raw JSON parsed but not
 * schema-checked: a damaged row must reach the verifier, not be dropped here).
 */
export async function storedChains(db: Db, kecamatan: string): Promise<{ keyHash: string; entries: unknown[] }[]> {
  const rows = await db.selectFrom('audit_chain').select(['key_hash', 'seq', 'entry']).where('kecamatan', '=', kecamatan).orderBy('key_hash').orderBy('seq').execute();
  const chains = new Map<string, unknown[]>();
  for (const r of rows) {
    let entry: unknown;
    try {
      entry = JSON.parse(r.entry);
    } catch {
      entry = r.entry;
    }
    const list = chains.get(r.key_hash) ?? [];
    list.push(entry);
    chains.set(r.key_hash, list);
  }
  return [...chains].map(([keyHash, entries]) => ({ keyHash, entries }));
}

/** The roles this key was ever enrolled with in the kecamatan (an entry may claim any of them). */
export async function rolesOfKey(db: Db, kecamatan: string, keyHash: string): Promise<Set<string>> {
  const rows = await db.selectFrom('devices').select('role').where('kecamatan', '=', kecamatan).where('key_hash', '=', keyHash).execute();
  return new Set(rows.map((r) => r.role));
}

/** A stored chain row with every column as stored, the entry's JSON unparsed (for the verifier). */
export interface StoredChainRow {
  keyHash: string;
  seq: number;
  hash: string;
  deviceId: string;
  recordKind: string;
  recordKey: string;
  atUtc: string;
  entry: string;
}

/**
 * Every chain row of the kecamatan by key and seq, columns and JSON as stored: verify-audit checks
 * each column against the signed entry (a column edited alone changes what the history shows).
 */
export async function storedChainRows(db: Db, kecamatan: string): Promise<StoredChainRow[]> {
  const rows = await db
    .selectFrom('audit_chain')
    .select(['key_hash', 'seq', 'hash', 'device_id', 'record_kind', 'record_key', 'at_utc', 'entry'])
    .where('kecamatan', '=', kecamatan)
    .orderBy('key_hash')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    keyHash: r.key_hash,
    seq: Number(r.seq),
    hash: r.hash,
    deviceId: r.device_id,
    recordKind: r.record_kind,
    recordKey: r.record_key,
    atUtc: r.at_utc,
    entry: r.entry,
  }));
}
