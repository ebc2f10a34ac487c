import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachPhoto, listPhotos, readPhotoBlob } from '../../src/db/index.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import { tpsIn } from '../server/client.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { realKecamatan } from './realServer.ts';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => server.close());

const jpeg = (text: string) => new Blob([text.repeat(100)], { type: 'image/jpeg' });

describe('photos sync between enrolled devices', () => {
  it("a clerk's photo reaches the chair's device: the record by push/pull, the bytes as a blob, the hash the same", async () => {
    const kecamatan = await realKecamatan(server);
    const clerk = await kecamatan.enrol('Ani', 'clerk', 'panel-1');
    const key = tallyKey({ tps: tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!), contest: 'PPWP' });
    const attached = await attachPhoto(clerk.db, { key, blob: jpeg('C.Hasil halaman 1 '), width: 1200, height: 1600, actor: 'Ani' });
    if (!attached.ok) throw new Error(attached.error.message.en);

    const sent = await clerk.engine.syncNow();
    expect(sent.kind === 'synced' && sent.push.acknowledged).toBe(1);
    expect((await server.storage.blob(server.kecamatan, attached.value.sha256))?.data.byteLength).toBe(attached.value.bytes);

    await kecamatan.chair.engine.syncNow();
    const onChair = await listPhotos(kecamatan.chair.db, key);
    expect(onChair).toEqual([{ ...attached.value, hasBlob: true }]);
    const bytes = await readPhotoBlob(kecamatan.chair.db, attached.value.sha256);
    expect(bytes && (await sha256Hex(new Uint8Array(await bytes.arrayBuffer())))).toBe(attached.value.sha256);

    // A witness's device may not write photos: its attempt is refused on the device itself.
    const witness = await kecamatan.enrol('Saksi', 'witness');
    await witness.engine.syncNow();
    expect((await listPhotos(witness.db, key)).map((p) => p.hasBlob)).toEqual([true]);
    const refused = await attachPhoto(witness.db, { key, blob: jpeg('lain '), width: 10, height: 10, actor: 'Saksi' });
    expect(!refused.ok && refused.error.kind).toBe('workflow-refused');
  });
});
