import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, BlobPutResponseSchema } from '../../src/api/index.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { MAX_PHOTO_BYTES } from '../../src/domain/photos/photo.ts';
import { enrol, issueCodeAs, tpsIn, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

const sha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
const jpeg = (seed: number, size = 5000): Uint8Array => {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
};

describe.each(STORAGE_CASES)('photo blobs, PUT/GET /api/blobs ($name)', (storageCase) => {
  let server: TestServer;
  let chair: TestDevice;
  afterEach(async () => server?.close());
  beforeEach(async () => {
    server = await startTestServer({ storage: storageCase });
    chair = await enrol(server, server.chairCode, 'Laptop Ketua');
  });

  const put = (device: TestDevice, hash: string, body: Uint8Array, tps: string, type = 'image/jpeg') =>
    server.request(`/api/blobs/${hash}?tps=${tps}`, { method: 'PUT', headers: { ...device.auth, 'content-type': type }, body: body as Uint8Array<ArrayBuffer> });
  const errorCode = async (res: Response) => ApiErrorSchema.parse(await res.json()).error;

  it('stores a photo under its hash, idempotently, and any device of the kecamatan gets the same bytes back', async () => {
    const tps = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
    const bytes = jpeg(1);
    const first = await put(chair, sha(bytes), bytes, tps);
    expect(first.status).toBe(201);
    expect(BlobPutResponseSchema.parse(await first.json())).toEqual({ sha256: sha(bytes), stored: true });
    const again = await put(chair, sha(bytes), bytes, tps);
    expect(again.status).toBe(200);
    expect(BlobPutResponseSchema.parse(await again.json()).stored).toBe(false);

    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'HP Saksi');
    const got = await server.request(`/api/blobs/${sha(bytes)}`, { headers: witness.auth });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(sha(new Uint8Array(await got.arrayBuffer()))).toBe(sha(bytes));
    expect((await server.request(`/api/blobs/${sha(jpeg(2))}`, { headers: witness.auth })).status).toBe(404);
    expect((await server.request(`/api/blobs/${sha(bytes)}`)).status).toBe(401);
  });

  it('refuses bytes that do not hash to the address (422), a bad address, a non-image (400) and a body over 2 MB (413)', async () => {
    const tps = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
    const bytes = jpeg(3);
    const wrong = await put(chair, sha(jpeg(4)), bytes, tps);
    expect(wrong.status).toBe(422);
    expect((await errorCode(wrong)).message.id).toMatch(/tidak cocok dengan alamatnya/);
    expect((await put(chair, 'abc', bytes, tps)).status).toBe(400);
    expect((await put(chair, sha(bytes), bytes, tps, 'application/pdf')).status).toBe(400);
    const huge = jpeg(5, MAX_PHOTO_BYTES + 1);
    const tooLarge = await put(chair, sha(huge), huge, tps);
    expect(tooLarge.status).toBe(413);
    expect((await server.request(`/api/blobs/${sha(bytes)}`, { headers: chair.auth })).status).toBe(404);
  });

  it('takes a photo only from a device that may write the TPS: not a witness, not a clerk of another panel', async () => {
    const own = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
    const other = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-2')[0]!);
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Laptop Panel 1');
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'HP Saksi');
    const bytes = jpeg(6);

    const byWitness = await put(witness, sha(bytes), bytes, own);
    expect(byWitness.status).toBe(403);
    expect((await errorCode(byWitness)).message.id).toMatch(/^Foto C\.Hasil TPS ini tidak diterima/);
    const byOtherPanel = await put(clerk, sha(bytes), bytes, other);
    expect(byOtherPanel.status).toBe(403);
    expect((await server.request(`/api/blobs/${sha(bytes)}`, { headers: chair.auth })).status).toBe(404);

    expect((await put(clerk, sha(bytes), bytes, own)).status).toBe(201);
    expect((await put(clerk, sha(bytes), bytes, '3509089999001')).status).toBe(400);
  });

  it('the photos record of a form goes through push like the form: taken from its panel, refused from a witness or another panel', async () => {
    const own = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
    const other = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-2')[0]!);
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Laptop Panel 1');
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'HP Saksi');
    const bytes = jpeg(7);
    const photo = { sha256: sha(bytes), mime: 'image/jpeg' as const, bytes: bytes.byteLength, width: 1200, height: 1600, page: 1, addedBy: 'Ani', addedAt: '2024-02-18T08:00:00+07:00' };
    const record = (tps: string) => ({ kind: 'photos' as const, record: { tps: tps as never, contest: 'PPWP' as const, photos: [photo] } });

    const fromWitness = await witness.push([await witness.opOf(record(own), 0)]);
    expect(fromWitness.results.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual([['rejected', 'read-only-role']]);
    const fromOtherPanel = await clerk.push([await clerk.opOf(record(other), 0)]);
    expect(fromOtherPanel.results.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual([['rejected', 'other-panel']]);
    const gap = { kind: 'photos' as const, record: { tps: own as never, contest: 'PPWP' as const, photos: [{ ...photo, page: 2 }] } };
    expect((await clerk.push([await clerk.opOf(gap, 0)])).results[0]?.status).toBe('rejected');

    const taken = await clerk.push([await clerk.opOf(record(own), 0)]);
    expect(taken.results[0]?.status).toBe('applied');
    const pulled = await chair.pull();
    expect(pulled.changes.find((c) => c.key === `photos:${own}:PPWP`)?.record).toEqual(record(own).record);
  });
});
