import { TallyKeySchema } from '../api/records.ts';
import type { TallyKey } from '../domain/tally/tally.ts';
import { sha256Hex } from '../domain/canonical/hash.ts';
import type { TpsCode } from '../domain/codes/codes.ts';
import { text } from '../domain/common/text.ts';
import { err, type Result } from '../domain/common/result.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_FORM, photoAuditValue, PhotoMimeSchema, renumberPages, type Photo } from '../domain/photos/index.ts';
import { photoWriteRefusal } from '../domain/photos/access.ts';
import type { Setup } from '../domain/setup/schema.ts';
import { recordLabel } from '../domain/workflow/recordLabel.ts';
import { appendAudit, AUDIT_TABLES } from './audit.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { deviceActor } from './deviceActor.ts';
import { dbError, type DbError } from './errors.ts';
import { photoDataRow, photoOfRow, PhotoRowSchema, readFormRows } from './photoRows.ts';
import { queuePhotosRecord } from './photoRecords.ts';
import { OUTBOX_TABLES } from './outbox.ts';
import { SetupRowSchema } from './rowSchemas.ts';
import { abortWith, runWrite } from './storage.ts';
import { SETUP_ROW_ID } from './types.ts';
import { refusedError } from './workflowGate.ts';

/**
 * Photos of the C.Hasil pages of one form (issue 17): stored as Blobs in IndexedDB by the SHA-256
 * of their bytes, each attach and removal appended to the device's audit chain with that hash
 * (docs/integrity.md), in the same transaction as the photo row, so the two exist together or not
 * at all.
 */

/** Tables a photo write takes (OUTBOX_TABLES: the form's photos record syncs, docs/sync.md). */
export const PHOTO_TABLES = ['photos', 'photoData', 'setup', 'tallies', ...AUDIT_TABLES, ...OUTBOX_TABLES];

/** A final form belongs to a finalised desa (finaliseDesa makes every form final): its photos are locked. */
async function formIsFinal(db: RekapDb, key: string): Promise<boolean> {
  const row = await db.tallies.get(key as TallyKey);
  return row?.status === 'final';
}

export interface AttachPhotoInput {
  /** The form, `<tps>:<contest>`. */
  key: string;
  /** The bytes as stored (already downscaled by the screen); its type is the mime recorded. */
  blob: Blob;
  width: number;
  height: number;
  actor: string;
}

async function storedSetup(db: RekapDb): Promise<Setup | null> {
  const row = SetupRowSchema.safeParse(await db.setup.get(SETUP_ROW_ID));
  return row.success ? row.data.setup : null;
}

/** The bytes of a Blob (Blob.arrayBuffer, or FileReader where a test DOM lacks it). */
export async function blobBytes(blob: Blob): Promise<Uint8Array> {
  if (typeof blob.arrayBuffer === 'function') return new Uint8Array(await blob.arrayBuffer());
  return await new Promise<Uint8Array>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(blob);
  });
}

/** The bytes as an ArrayBuffer of exactly their length (a view may sit in a larger buffer). */
/** Attaches one photo as the form's next page. */
export async function attachPhoto(db: RekapDb, input: AttachPhotoInput): Promise<Result<Photo, DbError>> {
  const actor = input.actor.trim();
  if (!actor) return err(dbError.actorRequired());
  const key = TallyKeySchema.safeParse(input.key);
  if (!key.success) return err(dbError.unknownTally(input.key));
  const mime = PhotoMimeSchema.safeParse(input.blob.type);
  if (!mime.success) {
    return err(dbError.photoInvalid(text('Hanya foto JPEG, WebP atau PNG yang bisa dilampirkan.', 'Only JPEG, WebP or PNG photos can be attached.')));
  }
  if (input.blob.size < 1 || input.blob.size > MAX_PHOTO_BYTES) {
    return err(
      dbError.photoInvalid(
        text(
          `Foto terlalu besar (${Math.ceil(input.blob.size / 1024).toLocaleString('id-ID')} kB; paling besar ${MAX_PHOTO_BYTES / 1024 / 1024} MB).`,
          `The photo is too large (${Math.ceil(input.blob.size / 1024).toLocaleString('en-US')} kB; at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB).`,
        ),
      ),
    );
  }
  const bytes = await blobBytes(input.blob);
  const sha256 = await sha256Hex(bytes);
  const tps = key.data.split(':')[0] as TpsCode;
  let page = 0;
  const written = await runWrite(db, PHOTO_TABLES, async () => {
    const setup = (await storedSetup(db)) ?? abortWith(dbError.noSetup());
    const who = await deviceActor(db);
    const refusal = photoWriteRefusal(who, tps, await formIsFinal(db, key.data));
    if (refusal) abortWith(refusedError(refusal, setup, key.data, who));
    const existing = await db.photos.get(sha256);
    if (existing) abortWith(dbError.photoDuplicate(existing.key, recordLabel(setup, existing.key)));
    const count = await db.photos.where('key').equals(key.data).count();
    if (count >= MAX_PHOTOS_PER_FORM) {
      abortWith(dbError.photoInvalid(text(`Paling banyak ${MAX_PHOTOS_PER_FORM} foto per formulir.`, `At most ${MAX_PHOTOS_PER_FORM} photos per form.`)));
    }
    page = count + 1;
    const photo: Photo = {
      sha256,
      mime: mime.data,
      bytes: input.blob.size,
      width: Math.round(input.width),
      height: Math.round(input.height),
      page,
      addedBy: actor,
      addedAt: nowIso(),
    };
    await db.photos.add({ ...photo, key: key.data });
    await db.photoData.put(photoDataRow(sha256, bytes));
    await appendAudit(db, { actor, record: { kind: 'photos', key: key.data }, action: 'photos.added', before: null, after: photoAuditValue(photo), reason: null });
    await queuePhotosRecord(db, key.data, actor, null);
    return photo;
  });
  if (!written.ok && written.error.kind === 'quota') {
    return err(dbError.photoQuota(recordLabel(await storedSetup(db), key.data), page || 1, input.blob.size));
  }
  return written;
}

/** Removes one photo of a form (a wrong page, a blurred shot); the pages after it move up. */
export async function removePhoto(db: RekapDb, input: { key: string; sha256: string; actor: string; reason?: string | null }): Promise<Result<void, DbError>> {
  const actor = input.actor.trim();
  if (!actor) return err(dbError.actorRequired());
  return runWrite(db, PHOTO_TABLES, async () => {
    const row = await db.photos.get(input.sha256);
    if (!row || row.key !== input.key) abortWith(dbError.notFound(input.key));
    const setup = (await storedSetup(db)) ?? abortWith(dbError.noSetup());
    const who = await deviceActor(db);
    const refusal = photoWriteRefusal(who, row.key.split(':')[0] as TpsCode, await formIsFinal(db, row.key));
    if (refusal) abortWith(refusedError(refusal, setup, row.key, who));
    await db.photos.delete(input.sha256);
    await db.photoData.delete(input.sha256);
    const rest = await readFormRows(db, input.key);
    for (const p of renumberPages(rest.map(photoOfRow))) await db.photos.update(p.sha256, { page: p.page });
    await appendAudit(db, {
      actor,
      record: { kind: 'photos', key: input.key },
      action: 'photos.removed',
      before: photoAuditValue(photoOfRow(row)),
      after: null,
      reason: input.reason ?? null,
    });
    await queuePhotosRecord(db, input.key, actor, input.reason ?? null);
  });
}


/** A form's photos with their hashes, page order (metadata only; `hasBlob`: its bytes are here). */
export async function listPhotos(db: RekapDb, key: string): Promise<(Photo & { hasBlob: boolean })[]> {
  const rows = await readFormRows(db, key);
  const here = new Set(await db.photoData.where(':id').anyOf(rows.map((r) => r.sha256)).primaryKeys());
  return rows.map((r) => ({ ...photoOfRow(r), hasBlob: here.has(r.sha256) }));
}

/** Every photo on this device with its form (`key`), by form then page (what a backup carries). */
export async function listAllPhotos(db: RekapDb): Promise<(Photo & { key: string; hasBlob: boolean })[]> {
  return db.transaction('r', ['photos', 'photoData'], async () => {
    const here = new Set(await db.photoData.toCollection().primaryKeys());
    const rows = (await db.photos.toArray()).flatMap((r) => {
      const parsed = PhotoRowSchema.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    });
    rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.page - b.page));
    return rows.map((r) => ({ ...photoOfRow(r), key: r.key, hasBlob: here.has(r.sha256) }));
  });
}

/**
 * Each form's photo hashes in page order (`<tps>:<contest>` → SHA-256s), as a signed summary puts
 * them in that TPS's leaf (docs/integrity.md, "Summary v2"): the signature then covers which
 * photos the figures were read from.
 */
export async function photoHashesByForm(db: RekapDb): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const photo of await listAllPhotos(db)) out.set(photo.key, [...(out.get(photo.key) ?? []), photo.sha256]);
  return out;
}

/** The stored bytes of a photo (null: unknown here, or known but not downloaded yet). */
export async function readPhotoBlob(db: RekapDb, sha256: string): Promise<Blob | null> {
  const [row, data] = await Promise.all([db.photos.get(sha256), db.photoData.get(sha256)]);
  return row && data ? new Blob([data.data], { type: row.mime }) : null;
}

/**
 * Stores the bytes of a photo whose record is already here (pulled from the server, or restored),
 * after checking they are the bytes the record names: 'photo-invalid' when their hash differs.
 */
export async function storePhotoBlob(db: RekapDb, sha256: string, blob: Blob): Promise<Result<void, DbError>> {
  const bytes = await blobBytes(blob);
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) {
    return err(
      dbError.photoInvalid(
        text(`Isi foto tidak cocok dengan hash yang tercatat (${sha256.slice(0, 16)}…): tidak disimpan.`, `The photo's bytes do not match its recorded hash (${sha256.slice(0, 16)}…): not stored.`),
      ),
    );
  }
  const written = await runWrite(db, ['photos', 'photoData'], async () => {
    const row = await db.photos.get(sha256);
    if (!row) abortWith(dbError.notFound(sha256));
    await db.photoData.put(photoDataRow(sha256, bytes));
  });
  if (!written.ok && written.error.kind === 'quota') {
    const row = await db.photos.get(sha256);
    return err(dbError.photoQuota(recordLabel(await storedSetup(db), row?.key ?? sha256), row?.page ?? 1, blob.size));
  }
  return written;
}

/** What photos take on this device (the settings screen): how many, their bytes, and how many lack them. */
export async function photoStorage(db: RekapDb): Promise<{ count: number; bytes: number; missing: number }> {
  return db.transaction('r', ['photos', 'photoData'], async () => {
    const here = new Set(await db.photoData.toCollection().primaryKeys());
    let count = 0;
    let bytes = 0;
    let missing = 0;
    await db.photos.each((row) => {
      if (here.has(row.sha256)) {
        count += 1;
        bytes += typeof row.bytes === 'number' ? row.bytes : 0;
      } else missing += 1;
    });
    return { count, bytes, missing };
  });
}
