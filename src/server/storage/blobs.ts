import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Photos of the C.Hasil as content-addressed blobs (issue 17, docs/sync.md): a row per kecamatan
 * and SHA-256 in `blobs` (migration 0009) on both engines; the bytes in its `data` column on
 * PostgreSQL, so every server process behind a load balancer sees them, and on SQLite in a file
 * `<DATA_DIR>/blobs/<kecamatan>/<sha256>` (mode 0600, in the data folder's 0700), which keeps
 * megabytes of images out of the database file a hall laptop backs up and copies. The route checks
 * the hash and who may write before it calls putBlob.
 */

export interface BlobInput {
  kecamatan: string;
  sha256: string;
  mime: string;
  tps: string;
  deviceId: string;
  at: string;
  data: Uint8Array;
}

/** `stored`: new here; `exists`: the same hash was stored before (nothing changes: a re-put is a no-op). */
export type PutBlobResult = 'stored' | 'exists';

export interface StoredBlob {
  mime: string;
  data: Uint8Array;
}

type Db = Kysely<Database>;

const blobFile = (dir: string, kecamatan: string, sha256: string): string => join(dir, kecamatan, sha256);

/** Writes the file whole or not at all (a temp file, flushed, renamed), so a crash leaves no half photo. */
async function writeFileAtomically(path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Stores a blob once. On SQLite the file is written before the row, so a row always has its file;
 * a file without a row (a crash in between) is overwritten by the next put of the same bytes.
 */
export async function putBlob(db: Db, dir: string | null, input: BlobInput): Promise<PutBlobResult> {
  const known = await db.selectFrom('blobs').select('sha256').where('kecamatan', '=', input.kecamatan).where('sha256', '=', input.sha256).executeTakeFirst();
  if (known) return 'exists';
  if (dir !== null) {
    await mkdir(join(dir, input.kecamatan), { recursive: true, mode: 0o700 });
    await writeFileAtomically(blobFile(dir, input.kecamatan, input.sha256), input.data);
  }
  const result = await db
    .insertInto('blobs')
    .values({
      kecamatan: input.kecamatan,
      sha256: input.sha256,
      mime: input.mime,
      bytes: input.data.byteLength,
      tps: input.tps,
      device_id: input.deviceId,
      at: input.at,
      data: dir === null ? input.data : null,
    })
    .onConflict((oc) => oc.columns(['kecamatan', 'sha256']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0 ? 'stored' : 'exists';
}

/** A stored blob of the kecamatan, or null. */
export async function getBlob(db: Db, dir: string | null, kecamatan: string, sha256: string): Promise<StoredBlob | null> {
  const row = await db.selectFrom('blobs').select(['mime', 'data']).where('kecamatan', '=', kecamatan).where('sha256', '=', sha256).executeTakeFirst();
  if (!row) return null;
  if (dir === null) return row.data ? { mime: row.mime, data: new Uint8Array(row.data) } : null;
  try {
    return { mime: row.mime, data: new Uint8Array(await readFile(blobFile(dir, kecamatan, sha256))) };
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}
