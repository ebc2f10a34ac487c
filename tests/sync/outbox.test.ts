import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import {
  acceptWarnings,
  exportBackup,
  exportTallies,
  getTally,
  importBackup,
  importTallies,
  markEntered,
  parseOps,
  setFigure,
  setFigures,
  type RekapDb,
} from '../../src/db/index.ts';
import { freezeBatch } from '../../src/sync/index.ts';
import { dbWithSetup, freshDb, KEY1, P, TPS1, TPS2, typeForm } from '../db/fixtures.ts';
import { syncOk, type } from './helpers.ts';
import { realKecamatan, serverChanges, serverTally, startTestServer, STORAGE_CASES, type TestServer } from './realServer.ts';

/** The outbox's ops; these tests write forms only. */
const ops = async (db: RekapDb) => parseOps(await db.outbox.toArray()).map((op) => (op.kind === 'tally' ? op : fail(`not a form: ${op.key}`)));
const fail = (message: string): never => {
  throw new Error(message);
};

describe('the outbox is written with the change, in the same transaction', () => {
  it('every tally write leaves an op carrying the record as stored', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 12, actor: 'Ani' });
    const [op] = await ops(db);
    const row = await getTally(db, KEY1);
    expect(op).toMatchObject({ key: KEY1, baseVersion: 0, state: 'queued', actor: 'Ani', hash: null, schemaVersion: 1 });
    expect(op!.record).toEqual(row.ok && row.value?.tally);
    expect(op!.opId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('a write that fails stores neither the change nor its op', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    const refused = await setFigures(db, { tps: TPS1, contest: 'PPWP', changes: [{ path: 'votes.2', value: 5 }, { path: 'votes.9', value: 5 }], actor: 'Ani' });
    expect(!refused.ok && refused.error.kind).toBe('unknown-field');
    expect((await ops(db)).map((o) => o.record.votes)).toEqual([{ 1: 1, 2: null, 3: null }]);

    // The outbox itself failing (a full disk, say) takes the tally change down with it.
    db.outbox.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 9, actor: 'Ani' })).rejects.toThrow();
    const row = await getTally(db, tallyKey({ tps: TPS2, contest: 'PPWP' }));
    expect(row.ok && row.value).toBeNull();
  });

  it('writes of one record while offline fold into its one unsent op; reasons are all kept', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    expect(await ops(db)).toHaveLength(1);
    await markEntered(db, KEY1, 'Ani', []);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Budi', reason: 'salah baca' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.2', value: 49, actor: 'Budi', reason: 'salah baca' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.3', value: 36, actor: 'Budi', reason: 'saksi keberatan' });
    const [op, ...rest] = await ops(db);
    expect(rest).toEqual([]);
    expect(op).toMatchObject({ actor: 'Budi', reason: 'salah baca | saksi keberatan', baseVersion: 0 });
    expect(op!.record.status).toBe('entered');
    expect(op!.record.votes).toEqual({ 1: 31, 2: 49, 3: 36 });
  });

  it('once an op is sent it never changes: a later write queues a new op that follows it', async () => {
    const db = await dbWithSetup();
    const { DexieSyncStore } = await import('../../src/sync/index.ts');
    const store = new DexieSyncStore(db);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    const [frozen] = await store.transaction((tx) => freezeBatch(tx, 10));
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 2, actor: 'Ani' });
    const [first, second] = await ops(db);
    expect(first).toEqual(frozen);
    expect(first!.record.votes[1]).toBe(1);
    expect(second).toMatchObject({ baseVersion: null, state: 'queued' });
    expect(second!.record.votes[1]).toBe(2);
    // While the first is unanswered, the second is not sendable (one op per record in flight).
    expect((await store.transaction((tx) => freezeBatch(tx, 10))).map((o) => o.opId)).toEqual([first!.opId]);
  });

  it('status changes, imports and corrections are ops too', async () => {
    const db = await dbWithSetup();
    const file = { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [] as unknown[] };
    const source = await dbWithSetup();
    await typeForm(source, TPS2, 'Citra');
    const exported = await exportTallies(source);
    file.tallies = exported.ok ? exported.value.tallies : [];
    const imported = await importTallies(db, file, 'Ketua');
    expect(imported.ok && imported.value.imported).toBe(1);
    const k2 = tallyKey({ tps: TPS2, contest: 'PPWP' });
    expect((await ops(db)).map((o) => [o.key, o.actor])).toEqual([[k2, 'Ketua']]);
    await markEntered(db, k2, 'Ketua', []);
    await acceptWarnings(db, k2, 'Ketua', []);
    const verified = await (await import('../../src/db/index.ts')).verifyReadback(db, k2, 'Dewi');
    expect(verified.ok).toBe(true);
    const votes = exported.ok ? (exported.value.tallies[0]!.votes as Record<string, number | null>) : {};
    expect((await setFigure(db, { tps: TPS2, contest: 'PPWP', path: 'votes.1', value: (votes['1'] ?? 0) + 1, actor: 'Ketua', reason: 'saksi minta hitung ulang' })).ok).toBe(true);
    const [op] = await ops(db);
    expect(op!.record.status).toBe('entered');
    expect(op!.reason).toBe('saksi minta hitung ulang');
  });
});

describe.each(STORAGE_CASES)('restoring a backup on an enrolled device ($name)', (storage) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ storage });
  });
  afterEach(async () => {
    await server.close();
  });
  // Panel 2 writes desa 3509082001 (TPS1) in the Puger demo.
  const clerk = async () => (await realKecamatan(server)).enrol('Ani', 'clerk', 'panel-2');

  it('a restored change the server never saw comes back as a conflict, never overwriting either side', async () => {
    const a = await clerk();
    await type(a, TPS1, 'PPWP', { 'votes.1': 5 });
    await syncOk(a);
    await type(a, TPS1, 'PPWP', { 'votes.1': 7 }); // not sent yet when the backup is made
    const backup = await exportBackup(a.db);
    await type(a, TPS1, 'PPWP', { 'votes.1': 6 });
    await syncOk(a);
    expect(await serverTally(server, KEY1)).toMatchObject({ version: 2, record: { votes: { 1: 6 } } });

    const restored = await importBackup(a.db, JSON.parse(JSON.stringify(backup)), { replace: true });
    expect(restored.ok).toBe(true);
    expect(await a.store.transaction((tx) => tx.getMeta('checkpoint'))).toBe(0);
    expect((await ops(a.db)).map((o) => [o.key, o.baseVersion, o.record.votes[1]])).toEqual([[KEY1, 1, 7]]);
    const round = await syncOk(a);
    expect(round.push.conflicts).toEqual([KEY1]);
    expect((await serverTally(server, KEY1))?.record.votes[1]).toBe(6);
    const row = await getTally(a.db, KEY1);
    expect(row.ok && row.value?.tally.votes[1]).toBe(7);
    const [conflict] = await a.store.conflicts();
    expect(conflict!.kind === 'tally' && conflict!.server.record.votes[1]).toBe(6);
  });

  it('restored figures the server already had are no conflict: the device catches up', async () => {
    const a = await clerk();
    await type(a, TPS1, 'PPWP', { 'votes.1': 5 });
    await syncOk(a);
    const backup = await exportBackup(a.db);
    await type(a, TPS1, 'PPWP', { 'votes.1': 6 });
    await syncOk(a);
    await importBackup(a.db, JSON.parse(JSON.stringify(backup)), { replace: true });
    // Not known to be on the server any more: queued with base 0.
    expect((await ops(a.db)).map((o) => [o.key, o.baseVersion])).toEqual([[KEY1, 0]]);
    await syncOk(a);
    expect(await a.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
    const row = await getTally(a.db, KEY1);
    expect(row.ok && row.value?.tally.votes[1]).toBe(6);
    expect(await serverChanges(server)).toHaveLength(2);
  });
});

describe('restoring a backup on a fresh device', () => {
  it('a fresh, unenrolled device restoring a backup has every record queued for its first sync', async () => {
    const source = await dbWithSetup();
    await typeForm(source, TPS1, 'Ani');
    await source.outbox.clear(); // as a backup written before sync existed
    const target = freshDb();
    const r = await importBackup(target, JSON.parse(JSON.stringify(await exportBackup(source))));
    expect(r.ok).toBe(true);
    expect((await ops(target)).map((o) => [o.key, o.baseVersion, o.actor])).toEqual([[KEY1, 0, 'cadangan']]);
  });
});
