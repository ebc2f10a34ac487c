import { z } from 'zod';
import { PhotoSchema, type Photo } from '../domain/photos/photo.ts';
import { TallyKeySchema } from '../api/records.ts';

/**
 * A stored photo (schema v7 `photos`): its metadata, the form it belongs to (`key`, `<tps>:<contest>`)
 * and its bytes. `blob` is null while a photo another device attached is known (from a pull) but its
 * bytes are not downloaded yet (docs/sync.md, blobs).
 */
export interface PhotoRow extends Photo {
  key: string;
  blob: Blob | null;
}

/** A row read back: damaged rows are skipped by readers, never shown as a photo. */
export const PhotoRowSchema = PhotoSchema.extend({
  key: TallyKeySchema,
  // Duck-typed: a Blob read back from IndexedDB may come from another realm (tests, workers).
  blob: z.custom<Blob>((v) => typeof v === 'object' && v !== null && typeof (v as { size?: unknown }).size === 'number').nullable(),
});

/** The metadata of a row (what audit entries, sync and backups carry). */
export function photoOfRow(row: PhotoRow): Photo {
  const { sha256, mime, bytes, width, height, page, addedBy, addedAt } = row;
  return { sha256, mime, bytes, width, height, page, addedBy, addedAt };
}
