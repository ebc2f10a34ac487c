import { z } from 'zod';
import { TpsCodeSchema } from '../codes/codes.ts';
import { IsoTimeSchema } from '../summary/attestation.ts';
import { HashHexSchema } from '../summary/schema.ts';
import { ContestIdSchema } from '../tally/contest.ts';

/**
 * A photo of one C.Hasil page, attached to one form (TPS × contest), issue 17. The photo is named
 * by the SHA-256 of the bytes stored (after the browser's downscale), so every copy of it — in
 * another browser, on the server, in a backup — can be checked against the hash the audit chain
 * recorded when it was attached (docs/integrity.md).
 */

/** Formats the browser produces or a person may attach as they are. */
export const PHOTO_MIMES = ['image/jpeg', 'image/webp', 'image/png'] as const;
export const PhotoMimeSchema = z.enum(PHOTO_MIMES);
export type PhotoMime = z.infer<typeof PhotoMimeSchema>;

/**
 * The largest stored photo: a downscaled page (long edge 1600 px, JPEG ~0.8) is a few hundred kB,
 * so 2 MB leaves room for a dense page without letting a raw 12-megapixel camera file through.
 */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** The long edge the browser scales a photo down to (docs/integrity.md). */
export const PHOTO_LONG_EDGE = 1600;

/** More pages than any C.Hasil has (DPR: a few sheets) but a bound for a runaway upload. */
export const MAX_PHOTOS_PER_FORM = 20;

export const PhotoSchema = z.strictObject({
  /** sha256Hex of the stored bytes. */
  sha256: HashHexSchema,
  mime: PhotoMimeSchema,
  bytes: z.number().int().min(1).max(MAX_PHOTO_BYTES),
  width: z.number().int().min(1).max(20000),
  height: z.number().int().min(1).max(20000),
  /** 1, 2, … in the order the pages were attached (the viewer's page switcher). */
  page: z.number().int().min(1).max(MAX_PHOTOS_PER_FORM),
  addedBy: z.string().min(1).max(200),
  addedAt: IsoTimeSchema,
});
export type Photo = z.infer<typeof PhotoSchema>;

/** A form's photos: what syncs as one record per TPS × contest. */
export const FormPhotosSchema = z.strictObject({
  tps: TpsCodeSchema,
  contest: ContestIdSchema,
  photos: z.array(PhotoSchema).max(MAX_PHOTOS_PER_FORM),
});
export type FormPhotos = z.infer<typeof FormPhotosSchema>;

/** What an audit entry records of a photo (before/after of 'photos.added' / 'photos.removed'). */
export function photoAuditValue(photo: Photo): { sha256: string; page: number; mime: PhotoMime; bytes: number; width: number; height: number } {
  return { sha256: photo.sha256, page: photo.page, mime: photo.mime, bytes: photo.bytes, width: photo.width, height: photo.height };
}

/** Pages numbered 1..n again in their current order (after a removal). */
export function renumberPages(photos: readonly Photo[]): Photo[] {
  return [...photos].sort((a, b) => a.page - b.page).map((p, i) => ({ ...p, page: i + 1 }));
}
