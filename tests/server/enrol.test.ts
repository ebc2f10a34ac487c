import { afterEach, describe, expect, it } from 'vitest';
import { ATTESTATION_DOMAIN, ApiErrorSchema, MeResponseSchema, ServerKeyResponseSchema } from '../../src/api/index.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { verifyText } from '../../src/domain/crypto/keys.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { WRONG_TRIES_PER_HALF } from '../../src/server/routes/enrol.ts';
import { enrol, enrolRaw, issueCodeAs, signedPost } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

/** The one answer to every refused code: it never tells unknown, used, expired and locked codes apart. */
const REFUSED = {
  id: 'Kode pendaftaran tidak diterima. Periksa ketikannya; bila sudah benar, kode itu mungkin sudah dipakai, sudah kedaluwarsa, atau terkunci karena terlalu sering dicoba dengan salah. Minta kode baru kepada ketua PPK.',
  en: 'This enrolment code was not accepted. Check what you typed; if it is right, the code may have been used already, have expired, or be locked after too many wrong tries. Ask the PPK chair for a new code.',
};

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

  it('accepts a code once, however it is typed, and refuses used, unknown, malformed and expired codes with one and the same answer', async () => {
    server = await startTestServer({ storage: storageCase });
    const typed = server.chairCode.toLowerCase().replace('-', ' ');
    expect((await enrolRaw(server, typed)).status).toBe(200);

    const chair = await enrol(server, await issueChairCode(server), 'Chair 2');
    const code = await issueCodeAs(server, chair, 'witness');
    server.clock.advance(24 * 60 * 60 * 1000 + 1);
    const answers = [];
    for (const tried of [server.chairCode, 'ZZZZZ-ZZZZZ', 'not a code', code]) {
      const res = await enrolRaw(server, tried);
      expect(res.status, tried).toBe(401);
      answers.push(await res.json());
    }
    for (const answer of answers) expect(answer).toEqual({ error: { code: 'unauthorized', message: REFUSED } });
    // The admin still learns why, from the request log.
    const reasons = server.logs.filter((l) => l.path === '/api/enrol' && l.status === 401).map((l) => l.summary);
    expect(reasons).toEqual(['refused used-code', 'refused unknown-code', 'refused malformed-code', 'refused expired-code']);
  });

  it(`locks a code after ${WRONG_TRIES_PER_HALF} wrong tries sharing either half of it (someone who saw half of it), and a person's few typos do not`, async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Laptop ketua');
    const [first, last] = (await issueCodeAs(server, chair, 'witness')).split('-') as [string, string];
    const otherHalf = (half: string, i: number) => {
      const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
      const guess = `${alphabet[i]!}${alphabet[(i * 7 + 3) % 32]!}XYZ`;
      return guess === half ? 'QQQQQ' : guess;
    };
    // A person: three typos in the second half, then the right code.
    for (let i = 0; i < 3; i += 1) expect((await enrolRaw(server, `${first}-${otherHalf(last, i)}`)).status).toBe(401);
    expect((await enrolRaw(server, `${first}-${last}`)).status).toBe(200);

    // A guesser who knows the first half of a fresh code: ten wrong tries (the clock moves past the
    // per-address minute, as a network of addresses would), then the right code is refused too.
    server.clock.advance(60_000);
    const [seenHalf, hidden] = (await issueCodeAs(server, chair, 'witness')).split('-') as [string, string];
    for (let i = 0; i < WRONG_TRIES_PER_HALF; i += 1) expect((await enrolRaw(server, `${seenHalf}-${otherHalf(hidden, i + 3)}`)).status).toBe(401);
    server.clock.advance(60_000);
    const locked = await enrolRaw(server, `${seenHalf}-${hidden}`);
    expect(locked.status).toBe(401);
    expect(await locked.json()).toEqual({ error: { code: 'unauthorized', message: REFUSED } });
    expect(server.logs.at(-1)).toMatchObject({ path: '/api/enrol', summary: 'refused locked-code' });

    // The same from the other half; other codes are not affected.
    server.clock.advance(60_000);
    const [hidden2, seenHalf2] = (await issueCodeAs(server, chair, 'witness')).split('-') as [string, string];
    for (let i = 0; i < WRONG_TRIES_PER_HALF; i += 1) expect((await enrolRaw(server, `${otherHalf(hidden2, i + 13)}-${seenHalf2}`)).status).toBe(401);
    server.clock.advance(60_000);
    expect((await enrolRaw(server, `${hidden2}-${seenHalf2}`)).status).toBe(401);
    expect((await enrolRaw(server, await issueCodeAs(server, chair, 'witness'))).status).toBe(200);
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
