import type { Hono } from 'hono';
import { BlobHashParamSchema, BlobPutQuerySchema, type BlobPutResponse } from '../../api/index.ts';
import { sha256Hex } from '../../domain/canonical/hash.ts';
import { desaOfTps } from '../../domain/codes/codes.ts';
import { text } from '../../domain/common/text.ts';
import { photoWriteRefusal } from '../../domain/photos/access.ts';
import { MAX_PHOTO_BYTES, PhotoMimeSchema } from '../../domain/photos/photo.ts';
import { findDesa } from '../../domain/setup/lookup.ts';
import { actorFor, recordLabel, refusalText } from '../../domain/workflow/index.ts';
import { authenticate, currentDevice } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';
import { parseQuery } from '../http/body.ts';
import { ApiProblem, problems } from '../http/problem.ts';
import { readBody } from '../http/readBody.ts';

/** The largest blob body: a stored photo's limit (src/domain/photos/photo.ts). */
export const BLOB_BODY_LIMIT = MAX_PHOTO_BYTES;

const badHash = () => new ApiProblem('bad-request', text('Alamat blob harus SHA-256 heksadesimal (64 karakter).', 'A blob address must be a SHA-256 in hex (64 characters).'));

/**
 * PUT /api/blobs/<sha256>?tps=<tps> and GET /api/blobs/<sha256> (issue 17, docs/sync.md). A put is
 * refused before its body is read when the device may not write that TPS (403, the workflow's
 * words), or its size is over the limit (413); after reading, when the bytes do not hash to the
 * address (422) or are not an image type we keep (400). The same bytes again answer 200 with
 * `stored: false` (idempotent: a retried upload is harmless). Any enrolled device of the kecamatan
 * — witnesses and Panwascam included — may get a blob of its kecamatan.
 */
export function blobRoutes(api: Hono<AppEnv>, deps: Deps): void {
  api.put('/blobs/:sha256', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const sha = BlobHashParamSchema.safeParse(c.req.param('sha256'));
    if (!sha.success) throw badHash();
    const { tps } = parseQuery(c, BlobPutQuerySchema, text('Parameter blob', 'The blob parameters'));
    const kecamatan = await deps.storage.kecamatan(device.kecamatan);
    if (!kecamatan) throw new Error(`kecamatan ${device.kecamatan} vanished`);
    const { setup } = kecamatan;
    const desa = findDesa(setup, desaOfTps(tps));
    const tpsNumber = Number(tps.slice(10));
    if (!desa || !desa.tps.includes(tpsNumber)) {
      throw new ApiProblem('bad-request', text(`TPS ${tps} tidak ada di kecamatan ini.`, `TPS ${tps} is not in this kecamatan.`));
    }
    const actor = actorFor(setup, device.role, device.panel);
    const refusal = photoWriteRefusal(actor, tps);
    if (refusal) {
      const words = refusalText(refusal, recordLabel(setup, `${tps}:PPWP`), actor, setup);
      throw problems.forbidden(text(`Foto C.Hasil TPS ini tidak diterima: ${words.id}`, `A C.Hasil photo of this TPS is not accepted: ${words.en}`));
    }
    const mime = PhotoMimeSchema.safeParse((c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase());
    if (!mime.success) throw new ApiProblem('bad-request', text('Blob harus image/jpeg, image/webp atau image/png.', 'A blob must be image/jpeg, image/webp or image/png.'));
    const read = await readBody(c, BLOB_BODY_LIMIT);
    if (!read.ok) {
      if (read.error === 'too-large') throw problems.tooLarge(BLOB_BODY_LIMIT);
      throw new ApiProblem('bad-request', text('Isi blob terputus sebelum selesai dikirim.', 'The blob was cut off before it was complete.'));
    }
    const data = read.value;
    if (data.byteLength === 0) throw new ApiProblem('bad-request', text('Blob kosong.', 'The blob is empty.'));
    const actual = await sha256Hex(data);
    if (actual !== sha.data) {
      throw new ApiProblem(
        'unprocessable',
        text(`Isi blob tidak cocok dengan alamatnya: SHA-256 ${actual.slice(0, 16)}…, bukan ${sha.data.slice(0, 16)}…`, `The blob does not match its address: SHA-256 ${actual.slice(0, 16)}…, not ${sha.data.slice(0, 16)}…`),
      );
    }
    const result = await deps.storage.putBlob({ kecamatan: device.kecamatan, sha256: sha.data, mime: mime.data, tps, deviceId: device.id, at: deps.now().toISOString(), data });
    c.set('summary', `blob ${result} ${sha.data.slice(0, 12)} ${data.byteLength}B`);
    const body: BlobPutResponse = { sha256: sha.data, stored: result === 'stored' };
    return c.json(body, result === 'stored' ? 201 : 200);
  });

  api.get('/blobs/:sha256', authenticate(deps.storage), async (c) => {
    const device = currentDevice(c);
    const sha = BlobHashParamSchema.safeParse(c.req.param('sha256'));
    if (!sha.success) throw badHash();
    const blob = await deps.storage.blob(device.kecamatan, sha.data);
    if (!blob) throw new ApiProblem('not-found', text('Blob ini tidak ada di server.', 'This blob is not on the server.'));
    c.set('summary', `blob get ${sha.data.slice(0, 12)}`);
    // Content-addressed: the bytes under a hash never change, so a client may keep them for good.
    return c.body(blob.data as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': blob.mime, 'Content-Length': String(blob.data.byteLength), 'X-Content-Type-Options': 'nosniff' });
  });
}
