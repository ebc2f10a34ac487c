import { photosKey } from '../api/records.ts';
import type { TpsCode } from '../domain/codes/codes.ts';
import type { FormPhotos } from '../domain/photos/photo.ts';
import type { ContestId } from '../domain/tally/contest.ts';
import type { RekapDb } from './database.ts';
import { appendRecordOutbox } from './outbox.ts';
import { photoOfRow, readFormRows } from './photoRows.ts';
import type { KeyedRecord } from './types.ts';

/**
 * A form's photos as the record that syncs (`photos:<tps>:<contest>`, docs/sync.md): read from the
 * form's photo rows, queued with every attach and removal, and stored when pulled.
 */

/** The form's photos as the record that syncs (`photos:<tps>:<contest>`), from its rows. */
async function formPhotosOf(db: RekapDb, formKey: string): Promise<FormPhotos> {
  const [tps, contest] = formKey.split(':') as [TpsCode, ContestId];
  return { tps, contest, photos: (await readFormRows(db, formKey)).map(photoOfRow) };
}

/** The local photos record under a sync key (null: no photo of that form here). */
export async function formPhotosRecord(db: RekapDb, syncKey: string): Promise<KeyedRecord | null> {
  const formKey = syncKey.slice(photosKey('').length);
  const record = await formPhotosOf(db, formKey);
  return record.photos.length === 0 ? null : { kind: 'photos', key: syncKey, record };
}

/** Queues the form's photos record, as it is now, for the next push (inside the writer's transaction). */
export async function queuePhotosRecord(db: RekapDb, formKey: string, actor: string, reason: string | null): Promise<void> {
  await appendRecordOutbox(db, { kind: 'photos', key: photosKey(formKey), record: await formPhotosOf(db, formKey) }, actor, reason);
}

/**
 * Stores a form's photos record pulled from the server (or kept when resolving a conflict): its
 * rows become exactly the record's photos. Bytes already here are kept; the ones of photos no
 * longer listed are dropped; the missing ones are downloaded by the sync (src/sync/photoBlobs.ts).
 * Call inside a transaction with 'photos' and 'photoData'.
 */
export async function putFormPhotosRecord(db: RekapDb, record: FormPhotos): Promise<void> {
  const formKey = `${record.tps}:${record.contest}`;
  const listed = new Set(record.photos.map((p) => p.sha256));
  const stale = (await db.photos.where('key').equals(formKey).primaryKeys()).filter((sha) => !listed.has(sha));
  await db.photos.bulkDelete(stale);
  await db.photoData.bulkDelete(stale);
  const known = new Map((await db.photos.bulkGet([...listed])).flatMap((r) => (r ? [[r.sha256, r] as const] : [])));
  // A photo the server lists came through the server: its bytes are there (uploaded before the push).
  await db.photos.bulkPut(record.photos.map((p) => ({ ...p, key: formKey, uploaded: known.get(p.sha256)?.uploaded ?? true })));
}

