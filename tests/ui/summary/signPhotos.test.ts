// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { attachPhoto } from '../../../src/db/index.ts';
import { canonicalJson } from '../../../src/domain/canonical/json.ts';
import { proveTps, verifySummary, type SummaryFileV2 } from '../../../src/domain/summary/index.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { signSummaryOnDevice } from '../../../src/ui/summary/signOnDevice.ts';
import { bagonTps, importBagon, seedPuger } from '../plenary/seed.ts';

const SLOW = { timeout: 20_000 };

describe('a summary signed on the chair’s device names each TPS’s C.Hasil photos (issue 17)', () => {
  it('puts the photo hashes in that TPS’s leaf; the proof of that TPS carries them, and changing one fails', SLOW, async () => {
    const { db, setup } = await seedPuger();
    await importBagon(db, setup);
    const key = tallyKey({ tps: bagonTps(3), contest: 'PPWP' });
    const photo = await attachPhoto(db, { key, blob: new Blob([new Uint8Array(300).fill(7)], { type: 'image/jpeg' }), width: 1200, height: 1600, actor: 'Ketua PPK' });
    if (!photo.ok) throw new Error(photo.error.kind);

    const signed = await signSummaryOnDevice(db, { contests: ['PPWP'], signerName: 'Ketua PPK' });
    if (!signed.ok) throw new Error(signed.error.en);
    const file = signed.value.file as SummaryFileV2;
    const entries = file.contests.flatMap((c) => c.desa.flatMap((d) => d.tps));
    const withPhoto = entries.filter((e) => e.photos);
    expect(withPhoto.map((e) => [e.tps, e.photos])).toEqual([[bagonTps(3), [photo.value.sha256]]]);

    const proof = await proveTps(JSON.parse(signed.value.json) as object, file, bagonTps(3), 'PPWP');
    if (!proof.ok) throw new Error(JSON.stringify(proof.error));
    expect(canonicalJson(proof.value)).toContain(photo.value.sha256);

    // Another photo hash in the TPS's entry: the whole file no longer verifies, naming that TPS.
    const edited = JSON.parse(signed.value.json) as SummaryFileV2;
    const entry = edited.contests[0]!.desa.flatMap((d) => d.tps).find((e) => e.tps === bagonTps(3))!;
    entry.photos = ['0'.repeat(64)];
    const check = await verifySummary(edited, { setup });
    expect(check.ok && check.value.valid).toBe(false);
    expect(JSON.stringify(check.ok ? check.value : check.error)).toContain(bagonTps(3));
  });
});
