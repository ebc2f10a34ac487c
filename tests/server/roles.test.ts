import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, DevicesResponseSchema, MeResponseSchema, type OpResult, type Role } from '../../src/api/index.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { enrol, issueCodeAs, revokeAs, signedPost, tallyOf, tpsIn, type TestDevice } from './client.ts';
import { initKecamatan } from '../../src/server/admin.ts';
import { otherKecamatan, startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

type Endpoint = 'push' | 'pull' | 'events' | 'me' | 'codes' | 'devices' | 'revoke';

/**
 * Who may call what (DESIGN.md §6): 200 allowed, 403 refused for the role. Every role pushes
 * (witnesses and Panwascam file objections); what each op may change is the workflow's answer,
 * per op (PUSHED_FORM).
 */
const MATRIX: Record<Role, Record<Endpoint, number>> = {
  chair: { push: 200, pull: 200, events: 200, me: 200, codes: 200, devices: 200, revoke: 200 },
  clerk: { push: 200, pull: 200, events: 200, me: 200, codes: 403, devices: 403, revoke: 403 },
  witness: { push: 200, pull: 200, events: 200, me: 200, codes: 403, devices: 403, revoke: 403 },
  panwas: { push: 200, pull: 200, events: 200, me: 200, codes: 403, devices: 403, revoke: 403 },
};

/** The answer to a draft form of panel 1's desa pushed by the role: only chair and clerks write figures. */
const PUSHED_FORM: Record<Role, { status: string; code?: string }> = {
  chair: { status: 'applied' },
  clerk: { status: 'applied' },
  witness: { status: 'rejected', code: 'read-only-role' },
  panwas: { status: 'rejected', code: 'read-only-role' },
};

describe.each(STORAGE_CASES)('roles and revocation ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  let pushed: OpResult[] = [];
  async function call(endpoint: Endpoint, device: TestDevice, victim: TestDevice): Promise<number> {
    switch (endpoint) {
      case 'push': {
        const tps = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
        const res = await device.push([await device.op(tallyOf(server.setup, tps), 0)]);
        pushed = res.results;
        return res.status;
      }
      case 'pull':
        return (await server.request('/api/pull', { headers: device.auth })).status;
      case 'events': {
        const controller = new AbortController();
        const res = await server.request('/api/events', { headers: device.auth, signal: controller.signal });
        await res.body?.cancel();
        controller.abort();
        return res.status;
      }
      case 'me':
        return (await server.request('/api/me', { headers: device.auth })).status;
      case 'codes':
        return (await signedPost(server, device, '/api/codes', { role: 'witness', panel: null })).status;
      case 'devices':
        return (await server.request('/api/devices', { headers: device.auth })).status;
      case 'revoke':
        return (await revokeAs(server, device, victim.enrolment.deviceId)).status;
    }
  }

  it.each(Object.keys(MATRIX) as Role[])('%s: each endpoint allowed or refused as designed', async (role) => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Ketua');
    const device = role === 'chair' ? chair : await enrol(server, await issueCodeAs(server, chair, role, role === 'clerk' ? 'panel-1' : null), role);
    const victim = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'victim');
    const got: Record<string, number> = {};
    for (const endpoint of Object.keys(MATRIX[role]) as Endpoint[]) got[endpoint] = await call(endpoint, device, victim);
    expect(got).toEqual(MATRIX[role]);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject(PUSHED_FORM[role]);
  });

  it('a clerk writes the desa of its own panel only', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const own = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[1]!);
    const other = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-2')[0]!);
    const { results } = await clerk.push([await clerk.op(tallyOf(server.setup, own), 0), await clerk.op(tallyOf(server.setup, other), 0)]);
    expect(results.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual([
      ['applied', null],
      ['rejected', 'other-panel'],
    ]);
    const otherDesa = server.setup.desa.find((d) => d.code === desaOfPanel(server.setup, 'panel-2')[0])!.name;
    const refused = results[1]!.status === 'rejected' ? results[1]!.reason : null;
    expect(refused?.en).toMatch(new RegExp(`^${otherDesa} TPS \\d{3}, .*desa ${otherDesa} belongs to another panel`));
    expect(refused?.id).toMatch(new RegExp(`desa ${otherDesa} dikerjakan panel lain`));
    expect(await server.storage.record(server.kecamatan, `${other}:PPWP`)).toBeNull();
    // The chair writes anywhere in the kecamatan.
    expect((await chair.push([await chair.op(tallyOf(server.setup, other), 0)])).results[0]!.status).toBe('applied');
  });

  it('a revoked device is refused everywhere but /api/me, which says it was revoked', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const revoke = await revokeAs(server, chair, clerk.enrolment.deviceId);
    expect(revoke.status).toBe(200);

    const tps = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
    const pushed = await clerk.push([await clerk.op(tallyOf(server.setup, tps), 0)]);
    expect(pushed.status).toBe(401);
    expect(ApiErrorSchema.parse(pushed.body).error.message.en).toMatch(/revoked/);
    expect((await server.request('/api/pull', { headers: clerk.auth })).status).toBe(401);
    expect((await server.request('/api/events', { headers: clerk.auth })).status).toBe(401);
    const me = MeResponseSchema.parse(await (await server.request('/api/me', { headers: clerk.auth })).json());
    expect(me.revoked).toBe(true);

    const list = DevicesResponseSchema.parse(await (await server.request('/api/devices', { headers: chair.auth })).json());
    const entry = list.devices.find((d) => d.deviceId === clerk.enrolment.deviceId);
    expect(entry?.revokedAt).not.toBeNull();
    expect(list.devices.find((d) => d.deviceId === chair.enrolment.deviceId)?.revokedAt).toBeNull();
    expect(await server.storage.record(server.kecamatan, `${tps}:PPWP`)).toBeNull();
  });

  it('keeps kecamatan apart: feeds, writes and revocation stay inside the device\'s own', async () => {
    server = await startTestServer({ storage: storageCase });
    const other = otherKecamatan(server.setup);
    const init = await initKecamatan({ storage: server.storage, now: server.clock.now }, other);
    if (!init.ok) throw new Error(init.error.en);
    const chairA = await enrol(server, server.chairCode, 'Ketua Puger');
    const chairB = await enrol(server, init.value.chairCode.code, 'Ketua lain');
    expect(chairB.enrolment.kecamatan).toBe('350909');

    const tpsA = tpsIn(server.setup, server.setup.desa[0]!.code);
    const tpsB = tpsIn(other, other.desa[0]!.code);
    expect((await chairA.push([await chairA.op(tallyOf(server.setup, tpsA), 0)])).results[0]!.status).toBe('applied');
    const intoB = (await chairA.push([await chairA.op(tallyOf(other, tpsB), 0)])).results[0]!;
    expect(intoB.status).toBe('rejected');
    expect((await chairB.push([await chairB.op(tallyOf(other, tpsB), 0)])).results[0]).toMatchObject({ status: 'applied', seq: 1 });

    expect((await chairA.pull()).changes.map((c) => c.key)).toEqual([`${tpsA}:PPWP`]);
    expect((await chairB.pull()).changes.map((c) => c.key)).toEqual([`${tpsB}:PPWP`]);
    const cross = await revokeAs(server, chairA, chairB.enrolment.deviceId);
    expect(cross.status).toBe(404);
    const listA = DevicesResponseSchema.parse(await (await server.request('/api/devices', { headers: chairA.auth })).json());
    expect(listA.devices.map((d) => d.deviceId)).toEqual([chairA.enrolment.deviceId]);
  });

  it('refuses missing, malformed and unknown tokens, and unknown devices for revocation', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const noToken = await server.request('/api/pull');
    expect(noToken.status).toBe(401);
    expect(ApiErrorSchema.parse(await noToken.json()).error.message.en).toMatch(/no token/);
    expect((await server.request('/api/pull', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await server.request('/api/pull', { headers: { authorization: `Bearer ${'A'.repeat(43)}` } })).status).toBe(401);
    const missing = await revokeAs(server, chair, '00000000-0000-0000-0000-000000000000');
    expect(missing.status).toBe(404);
  });
});
