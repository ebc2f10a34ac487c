import { afterEach, describe, expect, it } from 'vitest';
import { AuditRefusedSchema, AuditHeadResponseSchema, RecordAuditResponseSchema, type AuditRefusal } from '../../src/api/index.ts';
import { headOf, sealChanges, type AuditChange } from '../../src/domain/audit/index.ts';
import { auditBodyHash } from '../../src/domain/audit/chain.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import { enrol, issueCodeAs, revokeAs, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

const KEY = '3509082001001:PPWP';

const change = (n: number, over: Partial<AuditChange> = {}): AuditChange => ({
  at: `2024-02-18T0${n % 10}:00:00.000+07:00`,
  actor: 'Siti',
  role: null,
  record: { kind: 'tally', key: KEY },
  action: 'tally.changed',
  before: { 'votes.1': n },
  after: { 'votes.1': n + 1 },
  reason: null,
  ...over,
});

async function signer(device: TestDevice) {
  return { keyHash: await keyHash(await exportPublicJwk(device.keys.publicKey)), privateKey: device.keys.privateKey };
}

describe.each(STORAGE_CASES)('audit chain endpoints ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  async function push(device: TestDevice, entries: unknown[]): Promise<{ status: number; body: unknown }> {
    const res = await server.request('/api/audit', { method: 'POST', headers: { ...device.auth, 'content-type': 'application/json' }, body: JSON.stringify({ entries }) });
    return { status: res.status, body: await res.json() };
  }
  const refusal = (body: unknown): AuditRefusal => AuditRefusedSchema.parse(body).error.refusal;
  async function head(device: TestDevice) {
    const res = await server.request('/api/audit/head', { headers: device.auth });
    return AuditHeadResponseSchema.parse(await res.json()).head;
  }

  it('accepts a chain, answers its head, and takes a resend without storing it twice', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const chain = await sealChanges([change(1), change(2, { role: 'chair' }), change(3, { role: 'chair' })], null, await signer(chair));
    const first = await push(chair, chain);
    expect(first.status).toBe(200);
    expect(AuditHeadResponseSchema.parse(first.body)).toMatchObject({ head: headOf(chain), checkpoint: { n: 1, chain: headOf(chain), size: 3 } });
    expect(await head(chair)).toEqual(headOf(chain));
    // a lost answer: the same segment, and an overlapping one with new entries
    expect((await push(chair, chain)).status).toBe(200);
    const more = await sealChanges([change(4, { role: 'chair' })], headOf(chain), await signer(chair));
    const overlap = await push(chair, [chain[2], ...more]);
    expect(AuditHeadResponseSchema.parse(overlap.body)).toMatchObject({ head: headOf(more), checkpoint: { n: 2, chain: headOf(more), size: 4 } });
    const history = RecordAuditResponseSchema.parse(await (await server.request(`/api/audit?record=${KEY}`, { headers: chair.auth })).json());
    expect(history.items.map((i) => i.entry.seq)).toEqual([1, 2, 3, 4]);
  });

  it('refuses a gap with the seq it expects, and a rewritten stored entry (409, logged)', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const key = await signer(chair);
    const chain = await sealChanges([change(1), change(2), change(3), change(4)], null, key);
    expect((await push(chair, chain.slice(0, 2))).status).toBe(200);
    const gap = await push(chair, chain.slice(3));
    expect(gap.status).toBe(409);
    expect(refusal(gap.body)).toEqual({ kind: 'gap', expected: 3, got: 4 });
    // history rewritten and re-signed with the device's own key after seq 2 was acknowledged
    const rewritten = await sealChanges([change(9)], headOf(chain.slice(0, 1)), key);
    const res = await push(chair, rewritten);
    expect(res.status).toBe(409);
    expect(refusal(res.body)).toEqual({ kind: 'rewritten', seq: 2 });
    expect(server.logs.some((l) => l.msg === 'audit chain refused')).toBe(true);
    expect(await head(chair)).toEqual(headOf(chain.slice(0, 2)));
  });

  it('refuses an edited entry, another key, another device and a claimed role (422), storing nothing', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const chain = await sealChanges([change(1), change(2)], null, await signer(clerk));
    const { hash: _h, signature, ...body } = chain[1]!;
    const edited = { ...body, after: { 'votes.1': 999 } };
    const cases: [unknown[], AuditRefusal['kind']][] = [
      [[chain[0], { ...chain[1]!, after: { 'votes.1': 999 } }], 'hash-mismatch'],
      [[chain[0], { ...edited, hash: await auditBodyHash(edited), signature }], 'bad-signature'],
    ];
    // the same content signed by another key under this device's name
    const other = await generateKeyPair();
    const forged = await sealChanges([change(1)], null, { keyHash: (await signer(clerk)).keyHash, privateKey: other.privateKey });
    cases.push([forged, 'bad-signature']);
    // the chair's chain pushed by the clerk
    cases.push([await sealChanges([change(1)], null, await signer(chair)), 'other-device']);
    // a clerk claiming to be the chair
    cases.push([await sealChanges([change(1, { role: 'chair' })], null, await signer(clerk)), 'wrong-role']);
    for (const [entries, kind] of cases) {
      const res = await push(clerk, entries);
      expect({ kind, status: res.status }).toEqual({ kind, status: 422 });
      expect(refusal(res.body).kind).toBe(kind);
    }
    expect(await head(clerk)).toBeNull();
  });

  it('malformed and oversized requests are 4xx; a revoked device is refused', async () => {
    server = await startTestServer({ storage: storageCase, pushBodyLimit: 64 * 1024 });
    const chair = await enrol(server, server.chairCode);
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    for (const body of ['nope', JSON.stringify({ entries: [] }), JSON.stringify({ entries: [{ seq: 1 }] }), JSON.stringify({ entries: 'x'.repeat(70 * 1024) })]) {
      const res = await server.request('/api/audit', { method: 'POST', headers: { ...witness.auth, 'content-type': 'application/json' }, body });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await server.request('/api/audit?record=', { headers: witness.auth })).status).toBe(400);
    // a witness keeps a chain too (objections)
    const chain = await sealChanges([change(1, { role: 'witness', record: { kind: 'objection', key: 'obj-1' } })], null, await signer(witness));
    expect((await push(witness, chain)).status).toBe(200);
    expect((await revokeAs(server, chair, witness.enrolment.deviceId)).status).toBe(200);
    const more = await sealChanges([change(2, { role: 'witness' })], headOf(chain), await signer(witness));
    expect((await push(witness, more)).status).toBe(401);
    expect((await server.request('/api/audit/head', { headers: witness.auth })).status).toBe(401);
  });

  it("GET by record returns every device's entries oldest first, with the device's name and role", async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Ketua');
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    // 08:00 WIB on the clerk = 01:00Z; 02:30Z on the chair; 07:00 WIB (00:00Z) on the clerk is first
    const clerkChain = await sealChanges(
      [change(7, { at: '2024-02-18T07:00:00.000+07:00' }), change(8, { at: '2024-02-18T08:00:00.000+07:00' }), change(9, { record: { kind: 'tally', key: '3509082001002:PPWP' } })],
      null,
      await signer(clerk),
    );
    const chairChain = await sealChanges([change(1, { at: '2024-02-18T02:30:00.000Z', role: 'chair' })], null, await signer(chair));
    expect((await push(clerk, clerkChain)).status).toBe(200);
    expect((await push(chair, chairChain)).status).toBe(200);
    const res = await server.request(`/api/audit?record=${encodeURIComponent(KEY)}`, { headers: witness.auth });
    expect(res.status).toBe(200);
    const { items, more } = RecordAuditResponseSchema.parse(await res.json());
    expect(more).toBe(false);
    expect(items.map((i) => [i.device.name, i.device.role, i.entry.seq])).toEqual([
      ['Panel 1', 'clerk', 1],
      ['Panel 1', 'clerk', 2],
      ['Ketua', 'chair', 1],
    ]);
    expect(items[0]!.entry).toEqual(clerkChain[0]);
  });

  it('GET recent returns the kecamatan’s latest entries newest received first, filtered by a desa or TPS code', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Ketua');
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    const clerkChain = await sealChanges([change(1), change(2, { record: { kind: 'tally', key: '3509082004003:DPD' } })], null, await signer(clerk));
    expect((await push(clerk, clerkChain)).status).toBe(200);
    server.clock.advance(60_000);
    const chairChain = await sealChanges([change(3, { role: 'chair' })], null, await signer(chair));
    expect((await push(chair, chairChain)).status).toBe(200);

    const recent = async (query: string) => {
      const res = await server.request(`/api/audit/recent${query}`, { headers: witness.auth });
      expect(res.status).toBe(200);
      return RecordAuditResponseSchema.parse(await res.json());
    };
    const all = await recent('');
    expect(all.items.map((i) => [i.device.name, i.entry.seq, i.entry.record.key])).toEqual([
      ['Ketua', 1, KEY],
      ['Panel 1', 2, '3509082004003:DPD'],
      ['Panel 1', 1, KEY],
    ]);
    expect(all.more).toBe(false);
    expect((await recent('?prefix=3509082004')).items.map((i) => i.entry.record.key)).toEqual(['3509082004003:DPD']);
    const cut = await recent('?limit=2');
    expect([cut.items.length, cut.more]).toEqual([2, true]);
    for (const bad of ['?prefix=35%25', '?limit=0', '?limit=501']) expect((await server.request(`/api/audit/recent${bad}`, { headers: witness.auth })).status).toBe(400);
    expect((await server.request('/api/audit/recent')).status).toBe(401);
  });
});
