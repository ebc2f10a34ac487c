import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachPhoto, listPhotos, photoOfRow, readPhotoBlob } from '../../src/db/index.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import { downloadPhotoBlobs, httpBlobTransport, uploadPhotoBlobs } from '../../src/sync/index.ts';
import { dbWithSetup, KEY1 } from '../db/fixtures.ts';
import { enrol, issueCodeAs, type TestDevice } from '../server/client.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';

let server: TestServer;
let chair: TestDevice;
beforeEach(async () => {
  server = await startTestServer();
  chair = await enrol(server, server.chairCode, 'Laptop Ketua');
});
afterEach(async () => server.close());

const options = (token: string, fetch: typeof globalThis.fetch = server.fetch) => httpBlobTransport({ serverUrl: 'https://ppk.test', token, fetch });
const jpeg = (text: string) => new Blob([text.repeat(100)], { type: 'image/jpeg' });

describe('photo bytes between devices', () => {
  it('uploads each attached photo once, and another device downloads exactly those bytes', async () => {
    const clerkDb = await dbWithSetup();
    const attached = await attachPhoto(clerkDb, { key: KEY1, blob: jpeg('halaman 1 '), width: 1200, height: 1600, actor: 'Ani' });
    if (!attached.ok) throw new Error(attached.error.message.en);

    expect(await uploadPhotoBlobs(clerkDb, options(chair.token))).toEqual({ done: 1, failures: [] });
    // Confirmed photos are not sent again.
    expect(await uploadPhotoBlobs(clerkDb, options(chair.token))).toEqual({ done: 0, failures: [] });

    // The chair's laptop knows the photo from the pulled record, not yet its bytes.
    const chairDb = await dbWithSetup();
    await chairDb.photos.put({ ...attached.value, key: KEY1 });
    expect((await listPhotos(chairDb, KEY1))[0]?.hasBlob).toBe(false);
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'HP Saksi');
    expect(await downloadPhotoBlobs(chairDb, options(witness.token))).toEqual({ done: 1, failures: [] });
    const got = await readPhotoBlob(chairDb, attached.value.sha256);
    expect(got && (await sha256Hex(new Uint8Array(await got.arrayBuffer())))).toBe(attached.value.sha256);
    expect(got?.type).toBe('image/jpeg');
  });

  it('keeps bytes that do not match their hash out of the database, and reports a refused upload', async () => {
    const clerkDb = await dbWithSetup();
    const attached = await attachPhoto(clerkDb, { key: KEY1, blob: jpeg('asli '), width: 10, height: 10, actor: 'Ani' });
    if (!attached.ok) throw new Error('attach failed');
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'HP Saksi');
    // A witness's device may not put photos: the server refuses, the row stays unconfirmed.
    const refused = await uploadPhotoBlobs(clerkDb, options(witness.token));
    expect(refused).toEqual({ done: 0, failures: [{ kind: 'refused', sha256: attached.value.sha256, status: 403 }] });
    expect((await uploadPhotoBlobs(clerkDb, options(chair.token))).done).toBe(1);

    const other = await dbWithSetup();
    await other.photos.put({ ...photoOfRow({ ...attached.value, key: KEY1 }), key: KEY1 });
    const tampering: typeof fetch = async (input, init) => {
      const res = await server.fetch(input, init);
      return new Response(new Blob(['diganti']), { status: res.status, headers: res.headers });
    };
    expect(await downloadPhotoBlobs(other, options(chair.token, tampering))).toEqual({ done: 0, failures: [{ kind: 'mismatch', sha256: attached.value.sha256 }] });
    expect(await readPhotoBlob(other, attached.value.sha256)).toBeNull();
  });
});
