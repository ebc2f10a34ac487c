import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import { DesaCodeSchema } from '../../src/domain/codes/codes.ts';
import { attachPhoto, auditOfRecord, listAllPhotos, listPhotos, readPhotoBlob, removePhoto, storePhotoBlob, blobBytes } from '../../src/db/index.ts';
import { dbWithSetup, KEY1, TPS1, TPS_OTHER_DESA, typeForm } from './fixtures.ts';
import { enrolAs } from './enrolAs.ts';

const jpeg = (seed: string, size = 300) => new Blob([new Uint8Array(size).fill(seed.charCodeAt(0)), seed], { type: 'image/jpeg' });
const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('photos of a form', () => {
  it('stores the photo by the SHA-256 of its bytes and records that hash in the audit chain', async () => {
    const db = await dbWithSetup();
    const blob = jpeg('a');
    const r = await attachPhoto(db, { key: KEY1, blob, width: 1200, height: 1600, actor: 'Ani' });
    expect(r.ok).toBe(true);
    const expected = await sha256Hex(await blobBytes(blob));
    expect(r.ok && r.value).toMatchObject({ sha256: expected, mime: 'image/jpeg', bytes: blob.size, page: 1, addedBy: 'Ani' });

    const listed = await listPhotos(db, KEY1);
    expect(listed.map((p) => [p.page, p.sha256, p.hasBlob])).toEqual([[1, expected, true]]);
    const stored = await readPhotoBlob(db, expected);
    expect(stored && (await sha256Hex(await blobBytes(stored)))).toBe(expected);

    const trail = await auditOfRecord(db, KEY1);
    const added = trail.find((e) => e.change.action === 'photos.added');
    expect(added?.change.record).toEqual({ kind: 'photos', key: KEY1 });
    expect(added?.change.after).toMatchObject({ sha256: expected, page: 1 });
  });

  it('numbers pages in order and closes the gap when one is removed, auditing the removal', async () => {
    const db = await dbWithSetup();
    const shas: string[] = [];
    for (const seed of ['a', 'b', 'c']) {
      const r = await attachPhoto(db, { key: KEY1, blob: jpeg(seed), width: 10, height: 10, actor: 'Ani' });
      if (r.ok) shas.push(r.value.sha256);
    }
    expect((await listPhotos(db, KEY1)).map((p) => p.page)).toEqual([1, 2, 3]);
    expect((await listAllPhotos(db)).map((p) => [p.key, p.page, p.sha256, p.hasBlob])).toEqual(shas.map((sha, i) => [KEY1, i + 1, sha, true]));
    expect((await removePhoto(db, { key: KEY1, sha256: shas[1]!, actor: 'Ani', reason: 'buram' })).ok).toBe(true);
    expect((await listPhotos(db, KEY1)).map((p) => [p.sha256, p.page])).toEqual([
      [shas[0], 1],
      [shas[2], 2],
    ]);
    const removed = (await auditOfRecord(db, KEY1)).find((e) => e.change.action === 'photos.removed');
    expect(removed?.change).toMatchObject({ before: { sha256: shas[1], page: 2 }, after: null, reason: 'buram' });
  });

  it('refuses the same bytes twice, a non-image and a file over 2 MB', async () => {
    const db = await dbWithSetup();
    expect((await attachPhoto(db, { key: KEY1, blob: jpeg('a'), width: 1, height: 1, actor: 'Ani' })).ok).toBe(true);
    const again = await attachPhoto(db, { key: KEY1, blob: jpeg('a'), width: 1, height: 1, actor: 'Ani' });
    expect(!again.ok && again.error.kind).toBe('photo-duplicate');
    const pdf = await attachPhoto(db, { key: KEY1, blob: new Blob(['%PDF'], { type: 'application/pdf' }), width: 1, height: 1, actor: 'Ani' });
    expect(!pdf.ok && pdf.error.kind).toBe('photo-invalid');
    const huge = await attachPhoto(db, { key: KEY1, blob: jpeg('z', 2 * 1024 * 1024 + 1), width: 1, height: 1, actor: 'Ani' });
    expect(!huge.ok && huge.error.message.id).toMatch(/terlalu besar/);
    expect(await listPhotos(db, KEY1)).toHaveLength(1);
  });

  it('a witness device and a clerk of another panel may not attach', async () => {
    const witness = await dbWithSetup();
    await enrolAs(witness, 'witness', null, null);
    const r = await attachPhoto(witness, { key: KEY1, blob: jpeg('a'), width: 1, height: 1, actor: 'Saksi' });
    expect(!r.ok && r.error.kind).toBe('workflow-refused');
    expect(await listPhotos(witness, KEY1)).toEqual([]);

    const clerk = await dbWithSetup();
    await enrolAs(clerk, 'clerk', 'panel-1', [DesaCodeSchema.parse('3509082001')]);
    expect((await attachPhoto(clerk, { key: KEY1, blob: jpeg('a'), width: 1, height: 1, actor: 'Ani' })).ok).toBe(true);
    const other = await attachPhoto(clerk, { key: `${TPS_OTHER_DESA}:PPWP`, blob: jpeg('b'), width: 1, height: 1, actor: 'Ani' });
    expect(!other.ok && other.error.kind).toBe('workflow-refused');
  });

  it('a finalised desa locks its forms’ photos: none added or removed until the chair reopens it', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    const added = await attachPhoto(db, { key: KEY1, blob: jpeg('a'), width: 1, height: 1, actor: 'Ani' });
    if (!added.ok) throw new Error(added.error.kind);
    // Finalised (every form of a final desa is final): as finaliseDesa or a pull leaves the row.
    const row = (await db.tallies.get(KEY1))!;
    await db.tallies.put({ ...row, status: 'final', revision: row.revision + 1, tally: { ...row.tally, status: 'final' } });
    const more = await attachPhoto(db, { key: KEY1, blob: jpeg('b'), width: 1, height: 1, actor: 'Ani' });
    expect(!more.ok && more.error.kind === 'workflow-refused' && more.error.refusal.code).toBe('desa-final');
    const gone = await removePhoto(db, { key: KEY1, sha256: added.value.sha256, actor: 'Ani', reason: 'buram' });
    expect(!gone.ok && gone.error.kind).toBe('workflow-refused');
    expect((await listPhotos(db, KEY1)).map((p) => p.sha256)).toEqual([added.value.sha256]);
  });

  it('a full storage names the photo that was not stored and how to free space; nothing is written', async () => {
    const db = await dbWithSetup();
    db.photos.add = (() => Promise.reject(quotaError())) as unknown as typeof db.photos.add;
    const r = await attachPhoto(db, { key: KEY1, blob: jpeg('a', 150 * 1024), width: 1, height: 1, actor: 'Ani' });
    expect(!r.ok && r.error.kind).toBe('quota');
    if (!r.ok) {
      expect(r.error.message.id).toMatch(/foto halaman 1 C\.Hasil Puger Kulon TPS 001, Presiden \(151 kB\) TIDAK tersimpan/);
      expect(r.error.message.id).toMatch(/hapus foto/);
    }
    expect(await auditOfRecord(db, KEY1)).toEqual([]);
  });

  it('stores downloaded bytes only when they hash to the recorded SHA-256', async () => {
    const db = await dbWithSetup();
    const blob = jpeg('a');
    const r = await attachPhoto(db, { key: KEY1, blob, width: 1, height: 1, actor: 'Ani' });
    if (!r.ok) throw new Error('attach failed');
    await db.photoData.delete(r.value.sha256);
    expect((await listPhotos(db, KEY1))[0]?.hasBlob).toBe(false);
    const wrong = await storePhotoBlob(db, r.value.sha256, jpeg('b'));
    expect(!wrong.ok && wrong.error.kind).toBe('photo-invalid');
    expect((await storePhotoBlob(db, r.value.sha256, blob)).ok).toBe(true);
    expect((await listPhotos(db, KEY1))[0]?.hasBlob).toBe(true);
  });
});
