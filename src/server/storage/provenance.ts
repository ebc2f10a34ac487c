import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** An applied op as stored, with what proves it: its push's manifest and signature, or its own signature. */
export interface OpProof {
  opId: string;
  key: string;
  hash: string;
  version: number;
  deviceId: string;
  batch: { id: string; manifest: string; signature: string } | null;
  /** The op's own signature (a push without a manifest); null otherwise. */
  signature: string | null;
  /** With `signature`: the message its device signed. */
  message: string | null;
}

/** A record as stored now: its hash and the text it should be the hash of. */
export interface StoredRecordText {
  key: string;
  version: number;
  hash: string;
  record: string;
  deviceId: string;
}

/** Every applied op of a kecamatan with its manifest (docs/integrity.md: op → manifest → signature). */
export async function appliedOpProofs(db: Kysely<Database>, kecamatan: string): Promise<OpProof[]> {
  const rows = await db
    .selectFrom('ops')
    .leftJoin('push_batches', (join) => join.onRef('push_batches.kecamatan', '=', 'ops.kecamatan').onRef('push_batches.id', '=', 'ops.batch'))
    .select([
      'ops.op_id',
      'ops.key',
      'ops.hash',
      'ops.version',
      'ops.device_id',
      'ops.batch',
      'ops.signature',
      'ops.message',
      'push_batches.manifest',
      'push_batches.signature as batch_signature',
    ])
    .where('ops.kecamatan', '=', kecamatan)
    .where('ops.status', '=', 'applied')
    .orderBy('ops.seq')
    .execute();
  return rows.map((r) => ({
    opId: r.op_id,
    key: r.key,
    hash: r.hash,
    version: Number(r.version),
    deviceId: r.device_id,
    batch: r.batch !== null && r.manifest !== null && r.batch_signature !== null ? { id: r.batch, manifest: r.manifest, signature: r.batch_signature } : null,
    signature: r.signature,
    message: r.message,
  }));
}

export async function storedRecordTexts(db: Kysely<Database>, kecamatan: string): Promise<StoredRecordText[]> {
  const rows = await db.selectFrom('records').select(['key', 'version', 'hash', 'record', 'device_id']).where('kecamatan', '=', kecamatan).orderBy('key').execute();
  return rows.map((r) => ({ key: r.key, version: Number(r.version), hash: r.hash, record: r.record, deviceId: r.device_id }));
}

/** What proves one change of the feed: the op that wrote it and how that op was signed. */
export interface ChangeOpProof {
  opId: string;
  /** The push manifest (push_batches.id) that lists the op; null: the op was signed alone. */
  batch: string | null;
  signature: string | null;
  message: string | null;
}

/** A stored push manifest as the pull feed serves it. */
export interface StoredBatch {
  id: string;
  deviceId: string;
  manifest: string;
  signature: string;
}

/**
 * The op behind each change at `seqs` (an applied op's seq is its change's seq) and the manifests
 * they name: what a device needs to check a page of the feed (docs/integrity.md).
 */
export async function changeProofs(db: Kysely<Database>, kecamatan: string, seqs: readonly number[]): Promise<{ ops: Map<number, ChangeOpProof>; batches: StoredBatch[] }> {
  const ops = new Map<number, ChangeOpProof>();
  if (seqs.length === 0) return { ops, batches: [] };
  const rows = await db
    .selectFrom('ops')
    .select(['op_id', 'seq', 'batch', 'signature', 'message'])
    .where('kecamatan', '=', kecamatan)
    .where('status', '=', 'applied')
    .where('seq', '>=', Math.min(...seqs))
    .where('seq', '<=', Math.max(...seqs))
    .execute();
  const wanted = new Set(seqs);
  for (const r of rows) {
    const seq = Number(r.seq);
    if (wanted.has(seq)) ops.set(seq, { opId: r.op_id, batch: r.batch, signature: r.signature, message: r.message });
  }
  const ids = [...new Set([...ops.values()].flatMap((o) => (o.batch === null ? [] : [o.batch])))];
  const batches =
    ids.length === 0
      ? []
      : await db.selectFrom('push_batches').select(['id', 'device_id', 'manifest', 'signature']).where('kecamatan', '=', kecamatan).where('id', 'in', ids).execute();
  return { ops, batches: batches.map((b) => ({ id: b.id, deviceId: b.device_id, manifest: b.manifest, signature: b.signature })) };
}

/** The attestations the server signed for these devices at enrolment (JSON text), by device id. */
export async function deviceAttestations(db: Kysely<Database>, kecamatan: string, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('devices').select(['id', 'attestation']).where('kecamatan', '=', kecamatan).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.attestation]));
}

/** Keeps a device's attestation; one already kept is never replaced (a device pins the first it sees). */
export async function keepAttestation(db: Kysely<Database>, deviceId: string, attestation: string): Promise<void> {
  await db.updateTable('devices').set({ attestation }).where('id', '=', deviceId).where('attestation', 'is', null).execute();
}
