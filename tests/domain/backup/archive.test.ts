import { strToU8, unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/domain/canonical/hash.ts';
import { archiveFailureText, isArchive, missingPhoto, packArchive, unpackArchive } from '../../../src/domain/backup/index.ts';

const photo = async (seed: number) => {
  const bytes = new Uint8Array(500).map((_, i) => (i * 31 + seed) % 256);
  return [await sha256Hex(bytes), bytes] as const;
};

describe('backup archives (a backup with photos as one file)', () => {
  it('round-trips the signed JSON and every photo, checked by hash', async () => {
    const photos = new Map([await photo(1), await photo(2)]);
    const zip = packArchive('{"format":"rekap.backup/v2"}', photos);
    expect(isArchive(zip)).toBe(true);
    expect(isArchive(strToU8('{"format":"rekap.backup/v2"}'))).toBe(false);
    const back = await unpackArchive(zip);
    if (!back.ok) throw new Error(back.error.kind);
    expect(back.value.backupJson).toBe('{"format":"rekap.backup/v2"}');
    expect([...back.value.photos.keys()].sort()).toEqual([...photos.keys()].sort());
    expect(missingPhoto([...photos.keys()], back.value.photos)).toBeNull();
    // The same content packs to the same bytes (fixed times, sorted entries).
    expect(packArchive('{"format":"rekap.backup/v2"}', new Map([...photos].reverse()))).toEqual(zip);
  });

  it('refuses any changed byte of a photo, naming the photo, and a truncated or foreign file', async () => {
    const [sha, bytes] = await photo(3);
    const zip = packArchive('{}', new Map([[sha, bytes]]));
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), async (at, delta) => {
        const files = unzipSync(zip);
        const changed = files[`photos/${sha}`]!.slice();
        changed[at] = (changed[at]! + delta) % 256;
        const edited = zipSync({ 'backup.json': files['backup.json']!, [`photos/${sha}`]: changed });
        const r = await unpackArchive(edited);
        expect(!r.ok && r.error).toMatchObject({ kind: 'photo-hash', name: `photos/${sha}` });
      }),
      { numRuns: 25 },
    );
    const cut = await unpackArchive(zip.slice(0, Math.floor(zip.length / 2)));
    expect(!cut.ok && cut.error.kind).toBe('not-archive');
    if (!cut.ok) expect(archiveFailureText(cut.error, 'cadangan.zip').id).toBe('Cadangan ditolak, tidak ada data yang disimpan: berkas cadangan.zip bukan arsip cadangan yang utuh (terpotong atau rusak).');
    const foreign = await unpackArchive(zipSync({ 'backup.json': strToU8('{}'), 'run.sh': strToU8('rm -rf /') }));
    expect(!foreign.ok && foreign.error).toEqual({ kind: 'unexpected-entry', name: 'run.sh' });
    const empty = await unpackArchive(zipSync({ [`photos/${sha}`]: bytes }));
    expect(!empty.ok && empty.error.kind).toBe('no-backup');
  });

  it('names a photo the backup lists but the archive lacks', async () => {
    const [sha, bytes] = await photo(4);
    const [other] = await photo(5);
    const failure = missingPhoto([sha, other], new Map([[sha, bytes]]));
    expect(failure).toEqual({ kind: 'photo-missing', sha256: other });
    expect(archiveFailureText(failure!, 'x.zip').en).toBe(`Backup refused, nothing was stored: photo ${other.slice(0, 16)}… named by the backup is not in the archive.`);
  });
});
