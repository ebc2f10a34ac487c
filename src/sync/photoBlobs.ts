import { photoOfRow, PhotoRowSchema, storePhotoBlob, type RekapDb } from '../db/index.ts';
import type { BlobRound, BlobTransport } from './blobTransport.ts';

/**
 * Photo bytes travel apart from the records (issue 17, docs/sync.md): content-addressed blobs,
 * `PUT /api/blobs/<sha256>?tps=<tps>` before the record that names them is pushed, and
 * `GET /api/blobs/<sha256>` for every photo a pulled record names that this device lacks. The
 * server checks the hash on arrival and this device checks it again before storing
 * (storePhotoBlob), so neither side ever keeps bytes other than the ones the audit chain names.
 */

/**
 * Uploads every photo attached on this device whose bytes the server has not confirmed yet, and
 * marks each confirmed one (`uploaded` on its row), so the next round sends only new ones. Call
 * before pushing the records that name them.
 */
export async function uploadPhotoBlobs(db: RekapDb, http: BlobTransport): Promise<BlobRound> {
  const rows = (await db.photos.filter((r) => r.uploaded !== true).toArray()).flatMap((r) => {
    const parsed = PhotoRowSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const round: BlobRound = { done: 0, failures: [] };
  for (const row of rows) {
    const data = await db.photoData.get(row.sha256);
    if (!data) continue; // Another device's photo not downloaded yet: not ours to upload.
    const sent = await http.putBlob(row.sha256, row.key.split(':')[0]!, new Blob([data.data], { type: photoOfRow(row).mime }));
    if (!sent.ok) {
      round.failures.push(sent.error);
      if (sent.error.kind === 'network') break; // Offline: the rest would fail the same way.
      continue;
    }
    await db.photos.update(row.sha256, { uploaded: true });
    round.done += 1;
  }
  return round;
}

/** Downloads the bytes of every known photo this device lacks (after a pull), each hash-checked. */
export async function downloadPhotoBlobs(db: RekapDb, http: BlobTransport): Promise<BlobRound> {
  const have = new Set(await db.photoData.toCollection().primaryKeys());
  const wanted = (await db.photos.toCollection().primaryKeys()).filter((sha) => !have.has(sha));
  const round: BlobRound = { done: 0, failures: [] };
  for (const sha256 of wanted) {
    const got = await http.getBlob(sha256);
    if (!got.ok) {
      round.failures.push(got.error);
      if (got.error.kind === 'network') break;
      continue;
    }
    const stored = await storePhotoBlob(db, sha256, got.value);
    if (!stored.ok) {
      round.failures.push({ kind: stored.error.kind === 'quota' ? 'quota' : 'mismatch', sha256 });
      if (stored.error.kind === 'quota') break; // The next photo would not fit either.
      continue;
    }
    round.done += 1;
  }
  return round;
}
