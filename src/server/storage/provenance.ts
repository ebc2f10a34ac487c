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
  }));
}

export async function storedRecordTexts(db: Kysely<Database>, kecamatan: string): Promise<StoredRecordText[]> {
  const rows = await db.selectFrom('records').select(['key', 'version', 'hash', 'record', 'device_id']).where('kecamatan', '=', kecamatan).orderBy('key').execute();
  return rows.map((r) => ({ key: r.key, version: Number(r.version), hash: r.hash, record: r.record, deviceId: r.device_id }));
}
