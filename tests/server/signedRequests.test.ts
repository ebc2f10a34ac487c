import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, SIGNED_REQUEST_DOMAIN, SIGNED_REQUEST_HEADERS, signedRequestMessage, StaleSignedRequestSchema } from '../../src/api/index.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import { exportPublicJwk, fromBase64Url, generateKeyPair, toBase64Url, verifyText } from '../../src/domain/crypto/keys.ts';
import { signRequestHeaders } from '../../src/sync/signRequest.ts';
import { enrol, issueCodeAs, requestSignerOf, revokeAs, signedPost, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

/** How many codes the chair's device minted (each is an audit row). */
async function codesIssuedBy(server: TestServer, device: TestDevice): Promise<number> {
  return (await server.storage.audit(server.kecamatan)).filter((e) => e.action === 'code-issued' && e.deviceId === device.enrolment.deviceId).length;
}

async function post(server: TestServer, device: TestDevice, path: string, body: unknown, signed: Record<string, string>): Promise<Response> {
  const json: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  return server.request(path, { method: 'POST', headers: { ...device.auth, ...json, ...signed }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

async function refusal(res: Response): Promise<{ status: number; en: string; id: string }> {
  const { error } = ApiErrorSchema.parse(await res.json());
  return { status: res.status, en: error.message.en, id: error.message.id };
}

/** The same ECDSA signature in its other valid form (r, n − s): anyone can make it from a copy. */
function malleated(signature: string): string {
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const bytes = fromBase64Url(signature)!;
  const s = BigInt(`0x${Buffer.from(bytes.slice(32)).toString('hex')}`);
  const flipped = Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex');
  return toBase64Url(new Uint8Array([...bytes.slice(0, 32), ...flipped]));
}

describe.each(STORAGE_CASES)('privileged requests signed by the device key ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  const start = async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Ketua');
    return { chair, signer: await requestSignerOf(chair) };
  };

  it('a stolen bearer token alone mints no code and revokes nobody (401, in words)', async () => {
    const { chair } = await start();
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    const before = await codesIssuedBy(server, chair);

    const code = await refusal(await post(server, chair, '/api/codes', { role: 'chair', panel: null }, {}));
    expect(code).toMatchObject({ status: 401, en: expect.stringMatching(/must be signed with the enrolled device key.*token alone is not enough/), id: expect.stringMatching(/harus ditandatangani/) });
    const revoke = await refusal(await post(server, chair, `/api/devices/${witness.enrolment.deviceId}/revoke`, undefined, {}));
    expect(revoke.status).toBe(401);

    expect(await codesIssuedBy(server, chair)).toBe(before);
    expect((await server.storage.device(witness.enrolment.deviceId))?.revokedAt).toBeNull();
    // Signed, both work.
    expect((await signedPost(server, chair, '/api/codes', { role: 'witness', panel: null })).status).toBe(200);
    expect((await revokeAs(server, chair, witness.enrolment.deviceId)).status).toBe(200);
  });

  it('refuses a signature by another key, by another chair device, or over another body or path (403)', async () => {
    const { chair, signer } = await start();
    const otherChair = await enrol(server, await issueCodeAs(server, chair, 'chair'), 'Ketua 2');
    const body = { role: 'witness', panel: null };
    const now = server.clock.now();

    const strangerKey = { ...signer, privateKey: (await generateKeyPair()).privateKey };
    const byStranger = await refusal(await post(server, chair, '/api/codes', body, await signRequestHeaders(strangerKey, { method: 'POST', path: '/api/codes', body }, now)));
    expect(byStranger).toMatchObject({ status: 403, en: expect.stringMatching(/not valid: it was not made with this device's key, or the request was changed/) });

    // The other chair's own valid signature, sent with the first chair's token: it names the other key.
    const otherSigned = await signRequestHeaders(await requestSignerOf(otherChair), { method: 'POST', path: '/api/codes', body }, now);
    expect((await post(server, chair, '/api/codes', body, otherSigned)).status).toBe(403);
    // ...and with the other key hash swapped for this chair's, the key still is not this device's.
    expect((await post(server, chair, '/api/codes', body, await signRequestHeaders({ ...signer, privateKey: otherChair.keys.privateKey }, { method: 'POST', path: '/api/codes', body }, now))).status).toBe(403);

    // Signed for a witness code, sent asking for a chair code.
    const forWitness = await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body }, now);
    expect((await post(server, chair, '/api/codes', { role: 'chair', panel: null }, forWitness)).status).toBe(403);
    // A revocation signed for one device, sent for another.
    const forOther = await signRequestHeaders(signer, { method: 'POST', path: `/api/devices/${otherChair.enrolment.deviceId}/revoke`, body: undefined }, now);
    expect((await post(server, chair, `/api/devices/${chair.enrolment.deviceId}/revoke`, undefined, forOther)).status).toBe(403);
    // A signature over a code request does not revoke.
    expect((await post(server, chair, `/api/devices/${otherChair.enrolment.deviceId}/revoke`, undefined, forWitness)).status).toBe(403);
    // Unreadable headers.
    expect((await post(server, chair, '/api/codes', body, { ...forWitness, [SIGNED_REQUEST_HEADERS.signature]: 'x' })).status).toBe(401);

    expect(await codesIssuedBy(server, chair)).toBe(1);
    expect((await server.storage.device(otherChair.enrolment.deviceId))?.revokedAt).toBeNull();
    expect((await server.storage.device(chair.enrolment.deviceId))?.revokedAt).toBeNull();
  });

  it('refuses a signing time more than five minutes off, telling the server time (401)', async () => {
    const { chair, signer } = await start();
    const body = { role: 'witness', panel: null };
    const now = server.clock.now().getTime();
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const res = await post(server, chair, '/api/codes', body, await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body }, new Date(now + offset)));
      const json: unknown = await res.clone().json();
      expect(await refusal(res)).toMatchObject({ status: 401, en: expect.stringMatching(/more than 5 minutes from the server's clock.*check this device's clock/) });
      expect(StaleSignedRequestSchema.parse(json).error.serverTime).toBe(server.clock.now().toISOString());
    }
    // Four minutes off either way is within the window.
    for (const offset of [-4 * 60_000, 4 * 60_000]) {
      expect((await post(server, chair, '/api/codes', body, await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body }, new Date(now + offset)))).status).toBe(200);
    }
    expect(await codesIssuedBy(server, chair)).toBe(2);
  });

  it('runs a signed request once: a replay — as sent, with the signature re-encoded, or twice at once — mints no second code (409)', async () => {
    const { chair, signer } = await start();
    const body = { role: 'chair', panel: null };
    const signed = await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body }, server.clock.now());
    expect((await post(server, chair, '/api/codes', body, signed)).status).toBe(200);

    const replay = await refusal(await post(server, chair, '/api/codes', body, signed));
    expect(replay).toMatchObject({ status: 409, en: expect.stringMatching(/received before; a request sent again is not run again/), id: expect.stringMatching(/sudah pernah diterima/) });
    const twin = { ...signed, [SIGNED_REQUEST_HEADERS.signature]: malleated(signed[SIGNED_REQUEST_HEADERS.signature]!) };
    expect(twin[SIGNED_REQUEST_HEADERS.signature]).not.toBe(signed[SIGNED_REQUEST_HEADERS.signature]);
    const message = signedRequestMessage({
      method: 'POST',
      path: '/api/codes',
      body: await sha256Hex(canonicalJson(body)),
      device: signer.keyHash,
      kecamatan: signer.kecamatan,
      at: signed[SIGNED_REQUEST_HEADERS.at]!,
      nonce: signed[SIGNED_REQUEST_HEADERS.nonce]!,
    });
    expect(await verifyText(await exportPublicJwk(chair.keys.publicKey), SIGNED_REQUEST_DOMAIN, message, twin[SIGNED_REQUEST_HEADERS.signature]!)).toBe(true);
    expect((await post(server, chair, '/api/codes', body, twin)).status).toBe(409);
    // Still refused minutes later, within the window.
    server.clock.advance(4 * 60_000);
    expect((await post(server, chair, '/api/codes', body, signed)).status).toBe(409);

    const fresh = await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body }, server.clock.now());
    const statuses = await Promise.all([1, 2, 3].map(() => post(server, chair, '/api/codes', body, fresh).then((r) => r.status)));
    expect(statuses.sort()).toEqual([200, 409, 409]);
    expect(await codesIssuedBy(server, chair)).toBe(2);

    // The same request signed again (a person pressing the button twice) is a new request.
    expect((await signedPost(server, chair, '/api/codes', body)).status).toBe(200);
    expect(await codesIssuedBy(server, chair)).toBe(3);
  });

  it('runs a signed revocation once', async () => {
    const { chair, signer } = await start();
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    const path = `/api/devices/${witness.enrolment.deviceId}/revoke`;
    const signed = await signRequestHeaders(signer, { method: 'POST', path, body: undefined }, server.clock.now());
    expect((await post(server, chair, path, undefined, signed)).status).toBe(200);
    expect((await post(server, chair, path, undefined, signed)).status).toBe(409);
  });
});
