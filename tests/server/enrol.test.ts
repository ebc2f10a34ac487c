import { afterEach, describe, expect, it } from 'vitest';
import { ATTESTATION_DOMAIN, ApiErrorSchema, MeResponseSchema, ServerKeyResponseSchema } from '../../src/api/index.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { verifyText } from '../../src/domain/crypto/keys.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { enrol, enrolRaw, issueCodeAs, signedPost } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

describe.each(STORAGE_CASES)('enrolment ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('turns the chair code into a token, a role and an attestation signed by the server key', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Laptop ketua');
    const e = chair.enrolment;
    expect(e.role).toBe('chair');
    expect(e.kecamatan).toBe('350908');
    expect(e.desa).toBeNull();
    expect(e.setup).toEqual(server.setup);
    expect(e.token.length).toBeGreaterThanOrEqual(43);

    const keyRes = ServerKeyResponseSchema.parse(await (await server.request('/api/server-key')).json());
    expect(keyRes.publicKey).toEqual(e.serverKey);
    const { signature, ...attested } = e.attestation;
    expect(attested.deviceId).toBe(e.deviceId);
    expect(await verifyText(e.serverKey, ATTESTATION_DOMAIN, canonicalJson(attested), signature)).toBe(true);
    expect(await verifyText(e.serverKey, ATTESTATION_DOMAIN, canonicalJson({ ...attested, role: 'clerk' }), signature)).toBe(false);

    const me = MeResponseSchema.parse(await (await server.request('/api/me', { headers: chair.auth })).json());
    expect(me).toEqual({ deviceId: e.deviceId, role: 'chair', kecamatan: '350908', panel: null, revoked: false });
  });

  it('accepts a code once, however it is typed, and refuses unknown and expired codes', async () => {
    server = await startTestServer({ storage: storageCase });
    const typed = server.chairCode.toLowerCase().replace('-', ' ');
    expect((await enrolRaw(server, typed)).status).toBe(200);

    const again = await enrolRaw(server, server.chairCode);
    expect(again.status).toBe(401);
    const body = ApiErrorSchema.parse(await again.json());
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message.en).toMatch(/already been used/);

    const unknown = ApiErrorSchema.parse(await (await enrolRaw(server, 'ZZZZZ-ZZZZZ')).json());
    expect(unknown.error.message.en).toMatch(/Unknown enrolment code/);

    const chair = await enrol(server, await issueChairCode(server), 'Chair 2');
    const code = await issueCodeAs(server, chair, 'witness');
    server.clock.advance(24 * 60 * 60 * 1000 + 1);
    const expired = ApiErrorSchema.parse(await (await enrolRaw(server, code)).json());
    expect(expired.error.message.en).toMatch(/expired/);
  });

  it('makes an address that keeps guessing codes wait (429, in words), counting only wrong codes, and lets it in after the wait', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Laptop ketua');
    // Right codes do not count: a hall enrols many laptops from one address.
    for (let i = 0; i < 12; i += 1) expect((await enrolRaw(server, await issueCodeAs(server, chair, 'witness'))).status).toBe(200);
    for (let i = 0; i < 10; i += 1) expect((await enrolRaw(server, `ZZZZZ-ZZZ${String(i).padStart(2, '0')}`)).status).toBe(401);
    const good = await issueCodeAs(server, chair, 'witness');
    const held = await enrolRaw(server, good);
    expect(held.status).toBe(429);
    const body = ApiErrorSchema.parse(await held.json());
    expect(body.error.code).toBe('too-many');
    expect(body.error.message.id).toBe('Terlalu banyak kode pendaftaran yang salah dari perangkat ini. Tunggu 60 detik, lalu coba lagi.');
    server.clock.advance(60_000);
    expect((await enrolRaw(server, good)).status).toBe(200);
  });

  it('gives a clerk the desa of its panel from the schedule, and refuses codes for unknown or idle panels', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-2'), 'Panel 2');
    expect(clerk.enrolment.role).toBe('clerk');
    expect(clerk.enrolment.panel).toBe('panel-2');
    expect(clerk.enrolment.desa).toEqual(desaOfPanel(server.setup, 'panel-2'));
    expect(clerk.enrolment.desa).toHaveLength(6);

    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    expect(witness.enrolment.desa).toBeNull();

    const post = (body: unknown) => signedPost(server, chair, '/api/codes', body);
    const noPanel = await post({ role: 'clerk', panel: null });
    expect(noPanel.status).toBe(400);
    expect(ApiErrorSchema.parse(await noPanel.json()).error.message.en).toMatch(/needs its panel/);
    const unknownPanel = await post({ role: 'clerk', panel: 'panel-9' });
    expect(ApiErrorSchema.parse(await unknownPanel.json()).error.message.en).toMatch(/panel-9 is not in the setup/);
    const badRole = await post({ role: 'admin' });
    expect(badRole.status).toBe(400);
    expect(ApiErrorSchema.parse(await badRole.json()).error.issues?.[0]?.path).toBe('role');
  });
});

async function issueChairCode(server: TestServer): Promise<string> {
  const { issueCode } = await import('../../src/server/admin.ts');
  const r = await issueCode({ storage: server.storage, now: server.clock.now }, { kecamatan: server.kecamatan, role: 'chair', panel: null, createdBy: 'admin' });
  if (!r.ok) throw new Error(r.error.en);
  return r.value.code;
}
