import type { Kysely } from 'kysely';
import { CHECKPOINT_FORMAT, checkpointHash, SignedCheckpointSchema, type CheckpointBody, type ChainHead, type SignedCheckpoint } from '../../domain/audit/index.ts';
import type { Database } from './schema.ts';

/**
 * The kecamatan's checkpoint log (table audit_checkpoints, migration 0008): one server-signed
 * checkpoint per accepted segment of any device's audit chain, numbered and hash-linked
 * (src/domain/audit/checkpoint.ts). Written inside the segment's own transaction, under the
 * kecamatan's lock, so the log's order is the order segments were stored in.
 */

type Db = Kysely<Database>;

export interface CheckpointInput {
  keyHash: string;
  deviceId: string;
  head: ChainHead;
  /** Entries the segment added (the log's size grows by this many). */
  added: number;
  at: string;
  /** The server's signature over the body (ServerKey.sign with the checkpoint domain). */
  sign(body: CheckpointBody): Promise<string>;
}

/** Signs and stores the next checkpoint of the kecamatan; the caller holds the kecamatan's lock in `trx`. */
export async function appendCheckpoint(trx: Db, kecamatan: string, input: CheckpointInput): Promise<SignedCheckpoint> {
  const last = await trx.selectFrom('audit_checkpoints').select(['n', 'hash', 'size']).where('kecamatan', '=', kecamatan).orderBy('n', 'desc').limit(1).executeTakeFirst();
  // The first checkpoint of a kecamatan whose chains predate checkpoints counts what is stored.
  const size = last
    ? Number(last.size) + input.added
    : Number((await trx.selectFrom('audit_chain').select((s) => s.fn.countAll().as('n')).where('kecamatan', '=', kecamatan).executeTakeFirstOrThrow()).n);
  const body: CheckpointBody = {
    format: CHECKPOINT_FORMAT,
    kecamatan,
    n: (last ? Number(last.n) : 0) + 1,
    prev: last?.hash ?? null,
    device: { id: input.deviceId, keyHash: input.keyHash },
    chain: { seq: input.head.seq, hash: input.head.hash },
    size,
    at: input.at,
  };
  const signed: SignedCheckpoint = { ...body, hash: await checkpointHash(body), signature: await input.sign(body) };
  await trx
    .insertInto('audit_checkpoints')
    .values({
      kecamatan,
      n: body.n,
      hash: signed.hash,
      key_hash: input.keyHash,
      device_id: input.deviceId,
      seq: body.chain.seq,
      chain_hash: body.chain.hash,
      size,
      checkpoint: JSON.stringify(signed),
      at: body.at,
    })
    .execute();
  return signed;
}

/** The latest checkpoint naming this key's chain (null: none), or the kecamatan's latest with `keyHash` null. */
export async function latestCheckpoint(db: Db, kecamatan: string, keyHash: string | null): Promise<SignedCheckpoint | null> {
  let query = db.selectFrom('audit_checkpoints').select('checkpoint').where('kecamatan', '=', kecamatan);
  if (keyHash !== null) query = query.where('key_hash', '=', keyHash);
  const row = await query.orderBy('n', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  // A row that no longer reads is answered as none: the verifier (verify-audit) reports it.
  try {
    const parsed = SignedCheckpointSchema.safeParse(JSON.parse(row.checkpoint));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A stored checkpoint row, its columns as stored and the signed JSON unparsed (for the verifier). */
export interface StoredCheckpointRow {
  n: number;
  hash: string;
  keyHash: string;
  deviceId: string;
  seq: number;
  chainHash: string;
  size: number;
  checkpoint: string;
}

/** Every checkpoint of the kecamatan by n. */
export async function storedCheckpoints(db: Db, kecamatan: string): Promise<StoredCheckpointRow[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().where('kecamatan', '=', kecamatan).orderBy('n').execute();
  return rows.map((r) => ({
    n: Number(r.n),
    hash: r.hash,
    keyHash: r.key_hash,
    deviceId: r.device_id,
    seq: Number(r.seq),
    chainHash: r.chain_hash,
    size: Number(r.size),
    checkpoint: r.checkpoint,
  }));
}
