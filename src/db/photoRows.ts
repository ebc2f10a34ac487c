import { z } from 'zod';
import { PhotoSchema, type Photo } from '../domain/photos/photo.ts';
import { TallyKeySchema } from '../api/records.ts';
import type { RekapDb } from './database.ts';

/** A photo's metadata row (schema v7 `photos`) and the form it belongs to (`<tps>:<contest>`). */
export interface PhotoRow extends Photo {
  key: string;
  /** The server confirmed it has the bytes (src/sync/photoBlobs.ts); absent until then. */
  uploaded?: boolean;
}

/**
 * A photo's bytes (schema v7 `photoData`), by the SHA-256 its metadata names; absent while a photo
 * another device attached is known (from a pull) but not downloaded yet (docs/sync.md, blobs). Kept
 * as an ArrayBuffer, not a Blob: every IndexedDB (and the tests' fake one) clones an ArrayBuffer,
 * while Blobs in IndexedDB have failed in some browsers; readers wrap it in a Blob of the photo's type.
 */
export interface PhotoDataRow {
  sha256: string;
  data: ArrayBuffer;
}

/** The row of a photo's bytes: a copy in an ArrayBuffer of its own (a view's buffer may hold more). */
export function photoDataRow(sha256: string, bytes: Uint8Array): PhotoDataRow {
  return { sha256, data: bytes.slice().buffer as ArrayBuffer };
}

/** A row read back: damaged rows are skipped by readers, never shown as a photo. */
export const PhotoRowSchema = PhotoSchema.extend({ key: TallyKeySchema, uploaded: z.boolean().optional() });

/** The metadata of a row (what audit entries, sync and backups carry). */
export function photoOfRow(row: PhotoRow): Photo {
  const { sha256, mime, bytes, width, height, page, addedBy, addedAt } = row;
  return { sha256, mime, bytes, width, height, page, addedBy, addedAt };
}

/** A form's readable photo rows, page order (damaged rows skipped). */
export async function readFormRows(db: RekapDb, key: string): Promise<PhotoRow[]> {
  const raws = await db.photos.where('key').equals(key).toArray();
  return raws
    .map((r) => PhotoRowSchema.safeParse(r))
    .filter((r) => r.success)
    .map((r) => r.data)
    .sort((a, b) => a.page - b.page);
}
