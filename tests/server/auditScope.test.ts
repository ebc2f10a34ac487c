import { afterEach, describe, expect, it } from 'vitest';
import { RecordAuditResponseSchema, type RecordAuditItem } from '../../src/api/index.ts';
import { headOf, sealChanges, type AuditChange, type AuditEntry } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, keyHash } from '../../src/domain/crypto/keys.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';
import type { Objection } from '../../src/domain/objections/schema.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { enrol, issueCodeAs, tallyOf, tpsIn, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

/**
 * Issue 14, "audit entries in scope": an entry about a record is a change only when its device
 * pushed an op on that record (or a refused one, marked with the refusal); witnesses and Panwascam
 * write only about objections they filed; and every reader is told who wrote an entry as the server
 * enrolled the device, not the name typed into it. Out-of-scope entries are kept (the chain stays
 * whole) but marked, so every device's history shows them as no change.
 */

describe.each(STORAGE_CASES)('audit entries in scope ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  const chains = new Map<TestDevice, AuditEntry[]>();
  async function pushChain(device: TestDevice, changes: AuditChange[]): Promise<AuditEntry[]> {
    const before = chains.get(device) ?? [];
    const signer = { keyHash: await keyHash(await exportPublicJwk(device.keys.publicKey)), privateKey: device.keys.privateKey };
    const segment = await sealChanges(changes, before.length > 0 ? headOf(before) : null, signer);
    const res = await server.request('/api/audit', { method: 'POST', headers: { ...device.auth, 'content-type': 'application/json' }, body: JSON.stringify({ entries: segment }) });
    expect(res.status).toBe(200);
    chains.set(device, [...before, ...segment]);
    return segment;
  }
  async function history(reader: TestDevice, path: string): Promise<RecordAuditItem[]> {
    const res = await server.request(path, { headers: reader.auth });
    expect(res.status).toBe(200);
    return RecordAuditResponseSchema.parse(await res.json()).items;
  }
  const markOf = (items: RecordAuditItem[], entry: AuditEntry) => items.find((i) => i.entry.hash === entry.hash)?.refused;

  const tallyChange = (key: string, role: AuditChange['role'], over: Partial<AuditChange> = {}): AuditChange => ({
    at: '2024-02-18T09:00:00.000+07:00',
    actor: 'Ketua PPK Siti',
    role,
    record: { kind: 'tally', key },
    action: 'tally.changed',
    before: { 'votes.1': 10 },
    after: { 'votes.1': 250 },
    reason: null,
    ...over,
  });

  async function kecamatan() {
    chains.clear();
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Ketua');
    const panel1 = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const panel2 = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-2'), 'Panel 2');
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi 01');
    const panwas = await enrol(server, await issueCodeAs(server, chair, 'panwas'), 'Panwascam');
    const tps1 = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
    const key1 = `${tps1}:PPWP`;
    expect((await panel1.push([await panel1.op(tallyOf(server.setup, tps1, 'PPWP', [10]), 0)])).results[0]!.status).toBe('applied');
    return { chair, panel1, panel2, witness, panwas, tps1, key1 };
  }

  const objection = (id: string, tps: TpsCode, role: 'witness' | 'chair', name: string): Objection => ({
    id,
    kind: 'objection',
    scope: { level: 'tps', tps },
    contest: 'PPWP',
    raisedBy: role === 'witness' ? { role: 'witness', of: { kind: 'pair', number: 1 }, name: null } : { role: 'ppk-member', name: null },
    description: 'Suara Paslon 01 kurang dihitung',
    recordedAt: '2024-02-18T09:00:00.000+07:00',
    recordedBy: name,
    decision: { status: 'pending' },
    corrections: [],
    filedBy: { name, role },
  });

  it("another panel's clerk writing about a form it never pushed: kept, marked no-op, shown under its enrolled name", async () => {
    const { panel1, panel2, key1 } = await kecamatan();
    const [honest] = await pushChain(panel1, [tallyChange(key1, 'clerk', { actor: 'Ani' })]);
    const [invented] = await pushChain(panel2, [tallyChange(key1, 'clerk')]);
    const items = await history(panel1, `/api/audit?record=${encodeURIComponent(key1)}`);
    expect([markOf(items, honest!), markOf(items, invented!)]).toEqual([null, 'no-op']);
    // Whatever name was typed, every reader gets the device the server enrolled.
    const shown = items.find((i) => i.entry.hash === invented!.hash)!;
    expect([shown.entry.actor, shown.device.name, shown.device.role]).toEqual(['Ketua PPK Siti', 'Panel 2', 'clerk']);
    expect(markOf(await history(panel1, '/api/audit/recent'), invented!)).toBe('no-op');
  });

  it('an entry that arrives before its op is marked no-op until the op is applied', async () => {
    const { panel1, tps1 } = await kecamatan();
    const key = `${tps1}:DPD`;
    const [early] = await pushChain(panel1, [tallyChange(key, 'clerk', { actor: 'Ani' })]);
    expect(markOf(await history(panel1, `/api/audit?record=${key}`), early!)).toBe('no-op');
    expect((await panel1.push([await panel1.op(tallyOf(server.setup, tps1, 'DPD', [10]), 0)])).results[0]!.status).toBe('applied');
    expect(markOf(await history(panel1, `/api/audit?record=${key}`), early!)).toBeNull();
  });

  it('witnesses and Panwascam write only about objections they filed: a form, or another’s objection, is out of scope', async () => {
    const { chair, witness, panwas, tps1, key1 } = await kecamatan();
    const own = objection('keberatan-saksi', tps1, 'witness', 'Saksi');
    expect((await witness.push([await witness.opOf({ kind: 'objection', record: own }, 0)])).results[0]!.status).toBe('applied');
    const chairs = objection('kejadian-ketua', tps1, 'chair', 'Ketua');
    expect((await chair.push([await chair.opOf({ kind: 'objection', record: chairs }, 0)])).results[0]!.status).toBe('applied');

    const objectionChange = (id: string, role: AuditChange['role']): AuditChange => ({ ...tallyChange(id, role), record: { kind: 'objection', key: id }, action: 'objection.recorded', before: null, after: null });
    const [onOwn, onForm, onChairs] = await pushChain(witness, [objectionChange(own.id, 'witness'), tallyChange(key1, 'witness'), objectionChange(chairs.id, 'witness')]);
    const [panwasOnForm] = await pushChain(panwas, [tallyChange(key1, 'panwas')]);

    const recent = await history(chair, '/api/audit/recent');
    expect([markOf(recent, onOwn!), markOf(recent, onForm!), markOf(recent, onChairs!), markOf(recent, panwasOnForm!)]).toEqual([null, 'out-of-scope', 'out-of-scope', 'out-of-scope']);
    // Both entries carry the same time: their order between devices is not part of the contract.
    expect((await history(chair, `/api/audit?record=${key1}`)).map((i) => [i.device.name, i.device.role, i.refused]).sort()).toEqual([
      ['Panwascam', 'panwas', 'out-of-scope'],
      ['Saksi 01', 'witness', 'out-of-scope'],
    ]);
  });
});
