import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { OP_SIGNATURE_DOMAIN, opSigningMessage, recordHash, RecordAuditResponseSchema, type Op, type RecordAuditItem, type UnsignedOp } from '../../src/api/index.ts';
import { headOf, sealChanges, type AuditChange, type AuditEntry } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, keyHash, signText } from '../../src/domain/crypto/keys.ts';
import type { Objection } from '../../src/domain/objections/schema.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { enrol, issueCodeAs, tallyOf, tpsIn, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

/**
 * Issue 11: a device's audit chain also records edits the server's workflow then refused. The
 * server keeps those entries (the chain stays whole) but marks them with the refusal code, both in
 * GET /api/audit/recent and GET /api/audit?record=, until a later op of the same device on the
 * record is applied.
 */

const change = (key: string, role: AuditChange['role'], over: Partial<AuditChange> = {}): AuditChange => ({
  at: '2024-02-18T09:00:00.000+07:00',
  actor: 'Ani',
  role,
  record: { kind: 'tally', key },
  action: 'tally.changed',
  before: { 'votes.1': null },
  after: { 'votes.1': 10 },
  reason: null,
  ...over,
});

describe.each(STORAGE_CASES)('refused edits in the audit history ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  /** Each device's chain so far, so segments follow one another as a device would send them. */
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
  async function read(reader: TestDevice, path: string): Promise<RecordAuditItem[]> {
    const res = await server.request(path, { headers: reader.auth });
    expect(res.status).toBe(200);
    return RecordAuditResponseSchema.parse(await res.json()).items;
  }
  const refusedOf = (items: RecordAuditItem[], entry: AuditEntry) => items.find((i) => i.entry.hash === entry.hash)?.refused;

  async function kecamatan() {
    chains.clear();
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Ketua');
    const panel1 = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const panel2 = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-2'), 'Panel 2');
    const tps1 = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
    const tps2 = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-2')[0]!);
    return { chair, panel1, panel2, tps1, tps2, key1: `${tps1}:PPWP`, key2: `${tps2}:PPWP` };
  }

  it('marks the entries of a refused edit with the code in both reads; an applied edit’s and a resolution’s are not', async () => {
    const { chair, panel2, tps1, tps2, key1, key2 } = await kecamatan();
    // Panel 2 writes a form of panel 1's desa (refused) and one of its own (applied).
    const pushed = await panel2.push([await panel2.op(tallyOf(server.setup, tps1, 'PPWP', [10], 'draft'), 0), await panel2.op(tallyOf(server.setup, tps2, 'PPWP', [10], 'draft'), 0)]);
    expect(pushed.results.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual([
      ['rejected', 'other-panel'],
      ['applied', null],
    ]);
    const [refused, applied, resolved] = await pushChain(panel2, [
      change(key1, 'clerk'),
      change(key2, 'clerk'),
      change(key1, 'clerk', { action: 'tally.resolved', after: { keep: 'server' }, reason: 'ditolak server' }),
    ]);
    // The chair's own applied change of the same form: another device, not marked.
    expect((await chair.push([await chair.op(tallyOf(server.setup, tps1, 'PPWP', [7], 'draft'), 0)])).results[0]!.status).toBe('applied');
    const [chairs] = await pushChain(chair, [change(key1, 'chair', { actor: 'Ketua', at: '2024-02-18T10:00:00.000+07:00', after: { 'votes.1': 7 } })]);

    const recent = await read(chair, '/api/audit/recent');
    expect(recent).toHaveLength(4);
    expect(refusedOf(recent, refused!)).toBe('other-panel');
    expect(refusedOf(recent, applied!)).toBeNull();
    expect(refusedOf(recent, resolved!)).toBeNull();
    expect(refusedOf(recent, chairs!)).toBeNull();

    const history = await read(panel2, `/api/audit?record=${encodeURIComponent(key1)}`);
    expect(history.map((i) => [i.device.name, i.entry.action, i.refused])).toEqual([
      ['Panel 2', 'tally.changed', 'other-panel'],
      ['Panel 2', 'tally.resolved', null],
      ['Ketua', 'tally.changed', null],
    ]);
    // Filtered by desa, the mark comes along.
    expect((await read(chair, `/api/audit/recent?prefix=${tps1.slice(0, 10)}`)).find((i) => i.entry.hash === refused!.hash)?.refused).toBe('other-panel');
  });

  it('a later applied op of the same device on the record clears its marks, not another device’s', async () => {
    const { panel1, panel2, tps1, key1 } = await kecamatan();
    // Marked entered with cells still empty: refused as incomplete.
    const early = await panel1.push([await panel1.op(tallyOf(server.setup, tps1, 'PPWP', [10, 20, 30], 'entered'), 0)]);
    expect(early.results[0]).toMatchObject({ status: 'rejected', code: 'incomplete' });
    const [first] = await pushChain(panel1, [change(key1, 'clerk', { after: { 'votes.1': 10, status: 'entered' } })]);
    expect(await panel2.push([await panel2.op(tallyOf(server.setup, tps1, 'PPWP', [99], 'draft'), 0)])).toMatchObject({ results: [{ status: 'rejected', code: 'other-panel' }] });
    const [others] = await pushChain(panel2, [change(key1, 'clerk', { after: { 'votes.1': 99 } })]);

    let history = await read(panel1, `/api/audit?record=${key1}`);
    expect([refusedOf(history, first!), refusedOf(history, others!)]).toEqual(['incomplete', 'other-panel']);

    // The same figures as a draft: applied, so what the first entry records did land.
    expect((await panel1.push([await panel1.op(tallyOf(server.setup, tps1, 'PPWP', [10, 20, 30], 'draft'), 0)])).results[0]!.status).toBe('applied');
    history = await read(panel1, `/api/audit?record=${key1}`);
    expect([refusedOf(history, first!), refusedOf(history, others!)]).toEqual([null, 'other-panel']);
    const [second] = await pushChain(panel1, [change(key1, 'clerk', { before: { status: 'entered' }, after: { status: 'draft' } })]);
    expect(refusedOf(await read(panel1, '/api/audit/recent'), second!)).toBeNull();
  });

  it('an objection’s entries (named by its id) are marked by the op on objection:<id>', async () => {
    const { chair, tps1 } = await kecamatan();
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    const filed: Objection = {
      id: 'keberatan-1',
      kind: 'objection',
      scope: { level: 'tps', tps: tps1 },
      contest: 'PPWP',
      raisedBy: { role: 'witness', of: { kind: 'pair', number: 1 }, name: null },
      description: 'Suara Paslon 01 kurang dihitung',
      recordedAt: '2024-02-18T09:00:00.000+07:00',
      recordedBy: 'Saksi',
      decision: { status: 'pending' },
      corrections: [],
      filedBy: { name: 'Saksi', role: 'witness' },
    };
    expect((await witness.push([await objectionOp(witness, filed, 0)])).results[0]!.status).toBe('applied');
    const objectionChange = (over: Partial<AuditChange>) => change(filed.id, 'witness', { actor: 'Saksi', record: { kind: 'objection', key: filed.id }, before: null, after: null, ...over });
    const [recorded] = await pushChain(witness, [objectionChange({ action: 'objection.recorded' })]);
    // Only the chair decides.
    const decided: Objection = { ...filed, decision: { status: 'rejected', note: 'tidak terbukti', by: 'Saksi', at: '2024-02-18T10:00:00.000+07:00' } };
    expect((await witness.push([await objectionOp(witness, decided, 1)])).results[0]).toMatchObject({ status: 'rejected', code: 'chair-only' });
    const [decision] = await pushChain(witness, [objectionChange({ action: 'objection.decided', after: decided.decision })]);

    const history = await read(chair, `/api/audit?record=${filed.id}&kind=objection`);
    expect([refusedOf(history, recorded!), refusedOf(history, decision!)]).toEqual([null, 'chair-only']);
  });
});

/** A signed objection op (client.ts signs forms only). */
async function objectionOp(device: TestDevice, record: Objection, baseVersion: number): Promise<Op> {
  const unsigned = {
    opId: randomUUID(),
    kind: 'objection' as const,
    key: `objection:${record.id}`,
    baseVersion,
    record,
    hash: await recordHash(record),
    schemaVersion: 1 as const,
    actor: 'Saksi',
    at: '2024-02-18T09:00:00.000+07:00',
    reason: null,
  } satisfies UnsignedOp;
  return { ...unsigned, signature: await signText(device.keys.privateKey, OP_SIGNATURE_DOMAIN, opSigningMessage(unsigned)) };
}
