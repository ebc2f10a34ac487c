import { describe, expect, it } from 'vitest';
import { packArchive, unpackArchive } from '../../src/domain/backup/index.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import {
  attachPhoto,
  blobBytes,
  exportSignedBackupWithPhotos,
  listPhotos,
  readBackup,
  readPhotoBlob,
  restoreBackup,
  setSetting,
  type SignedBackup,
} from '../../src/db/index.ts';
import { deviceFor } from './backupFixtures.ts';
import { dbWithSetup, freshDb, KEY1, TPS1, typeForm } from './fixtures.ts';

const jpeg = (seed: string) => new Blob([new Uint8Array(400).fill(seed.charCodeAt(0)), seed], { type: 'image/jpeg' });

/** A device with a typed form and two photos of it, exported signed with the photos' bytes, as an archive file. */
async function archiveWithPhotos() {
  const db = await dbWithSetup();
  const device = await deviceFor(db);
  await setSetting(db, 'operatorName', 'Ani');
  await typeForm(db, TPS1, 'Ani');
  const shas: string[] = [];
  for (const seed of ['a', 'b']) {
    const r = await attachPhoto(db, { key: KEY1, blob: jpeg(seed), width: 1200, height: 1600, actor: 'Ani' });
    if (!r.ok) throw new Error(r.error.kind);
    shas.push(r.value.sha256);
  }
  const { file, photos } = await exportSignedBackupWithPhotos(db, device);
  const bytes = packArchive(JSON.stringify(file), photos);
  return { file, photos, bytes, shas };
}

/** What the restore screen does with a chosen file: unpack, parse, check. */
async function readArchive(target: ReturnType<typeof freshDb>, bytes: Uint8Array) {
  const unpacked = await unpackArchive(bytes);
  if (!unpacked.ok) throw new Error(unpacked.error.kind);
  return readBackup(target, JSON.parse(unpacked.value.backupJson) as unknown, unpacked.value.photos);
}

describe('backups carry the C.Hasil photos (issue 17)', () => {
  it('restores every photo on a fresh laptop, each checked against the hash the signed file names', async () => {
    const { file, bytes, shas } = await archiveWithPhotos();
    expect(file.photos?.map((p) => p.sha256).sort()).toEqual([...shas].sort());
    expect(file.photoFiles).toEqual([...shas].sort());

    const target = freshDb();
    const checked = await readArchive(target, bytes);
    if (!checked.ok) throw new Error(checked.error.message.en);
    expect(checked.value.preview).toMatchObject({ photos: 2, photosCarried: 2 });
    expect((await restoreBackup(target, checked.value, { acceptUnattested: true })).ok).toBe(true);
    const listed = await listPhotos(target, KEY1);
    expect(listed.map((p) => [p.page, p.sha256, p.hasBlob])).toEqual(shas.map((sha, i) => [i + 1, sha, true]));
    for (const sha of shas) {
      const blob = await readPhotoBlob(target, sha);
      expect(blob && (await sha256Hex(await blobBytes(blob)))).toBe(sha);
    }
    // Offered to the server again from this laptop (an idempotent upload).
    expect((await target.photos.toArray()).every((row) => !row.uploaded)).toBe(true);
  });

  it('refuses an archive missing a photo the signed file says it carries, or a photo renamed in the file; nothing stored', async () => {
    const { file, photos, shas } = await archiveWithPhotos();
    const target = freshDb();

    const short = new Map(photos);
    short.delete(shas[0]!);
    const missing = await readArchive(target, packArchive(JSON.stringify(file), short));
    expect(!missing.ok && missing.error.message.id).toBe(`Cadangan ditolak, tidak ada data yang disimpan: foto ${shas[0]!.slice(0, 16)}… yang dicatat cadangan tidak ada di arsip.`);

    // The metadata names other bytes: the signature over the file fails.
    const edited = JSON.parse(JSON.stringify(file)) as SignedBackup;
    edited.photos![0]!.sha256 = 'f'.repeat(64);
    const renamed = await readArchive(target, packArchive(JSON.stringify(edited), photos));
    expect(renamed.ok).toBe(false);
    expect(await target.photos.count()).toBe(0);
    expect(await target.tallies.count()).toBe(0);
  });
});
