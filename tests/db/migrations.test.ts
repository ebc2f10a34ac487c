import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { emptyTally, setFigure as applyFigure } from '../../src/domain/tally/fields.ts';
import { DB_VERSION, getHistory, getSetting, getTally, listTallies, listTallySummaries, loadSetup, openRekapDb, setFigure } from '../../src/db/index.ts';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V4 } from '../../src/db/migrations.ts';
import { KEY1, P, SETUP, TPS1, TPS2 } from './fixtures.ts';

const dbName = () => `rekap-migration-${Math.random().toString(36).slice(2)}`;

/** Writes data the way version 1 of the app did (rows without `desa` and `status`). */
async function writeV1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_V1);
  await v1.open();
  const tally = { ...applyFigure(emptyTally(TPS1, SETUP.contests[0]!), P.vote1, 30), status: 'draft' as const };
  const tally2 = { ...applyFigure(emptyTally(TPS2, SETUP.contests[0]!), P.vote1, 7), status: 'draft' as const };
  await v1.table('setup').put({ id: 'current', setup: SETUP, hash: null, savedAt: '2024-02-17T00:00:00.000Z' });
  await v1.table('settings').bulkPut([
    { key: 'operatorName', value: 'Ani' },
    { key: 'language', value: 'en' },
  ]);
  await v1.table('tallies').bulkPut([
    { key: KEY1, tps: TPS1, contest: 'PPWP', tally, revision: 1, updatedAt: '2024-02-18T01:00:00.000Z', updatedBy: 'Ani', secondEntry: null },
    { key: `${TPS2}:PPWP`, tps: TPS2, contest: 'PPWP', tally: tally2, revision: 1, updatedAt: '2024-02-18T01:00:00.000Z', updatedBy: 'Ani' },
    // A damaged v1 row must survive the upgrade and be reported, not crash it.
    { key: '3509082001901:PPWP', tps: '3509082001901', contest: 'PPWP', tally: { broken: true }, revision: 1, updatedAt: 'x', updatedBy: 'Ani' },
  ]);
  await v1.table('revisions').add({
    key: KEY1, revision: 1, at: '2024-02-18T01:00:00.000Z', by: 'Ani', kind: 'edit',
    changes: [{ path: 'votes.1', before: null, after: 30 }], statusBefore: 'empty', statusAfter: 'draft', reason: null,
  });
  v1.close();
}

describe('schema migrations', () => {
  it('upgrades a version 1 database to the current version with every row intact', async () => {
    const name = dbName();
    await writeV1(name);

    const db = openRekapDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);

    const setup = await loadSetup(db);
    expect(setup.ok && setup.value?.kecamatan.code).toBe('350908');
    expect(await getSetting(db, 'operatorName')).toBe('Ani');
    expect(await getSetting(db, 'language')).toBe('en');

    const row = await getTally(db, KEY1);
    expect(row.ok && row.value).toMatchObject({ desa: '3509082001', status: 'draft', revision: 1, tally: { votes: { 1: 30 } } });

    // The new indexes answer queries.
    const byDesa = await listTallies(db, { desa: '3509082001' as never, contest: 'PPWP' });
    expect(byDesa.rows.map((r) => r.key).sort()).toEqual([KEY1, `${TPS2}:PPWP`]);
    expect(byDesa.corrupt.map((c) => c.key)).toEqual(['3509082001901:PPWP']);
    expect((await listTallies(db, { status: 'draft' })).rows).toHaveLength(2);
    // …and so does the per-form summary table (v5), damaged row included as damaged.
    const summaries = await listTallySummaries(db);
    expect(summaries.rows.map((r) => [r.key, r.status, r.revision])).toEqual([[KEY1, 'draft', 1], [`${TPS2}:PPWP`, 'draft', 1]]);
    expect(summaries.corrupt).toEqual(['3509082001901:PPWP']);

    // Work continues on migrated data, and the old history stays in front of the new one.
    const next = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.2', value: 50, actor: 'Budi' });
    expect(next.ok && next.value.row.revision).toBe(2);
    const history = await getHistory(db, KEY1);
    expect(history.map((h) => [h.by, h.changes[0]?.path])).toEqual([['Ani', 'votes.1'], ['Budi', 'votes.2']]);
    db.close();
  });

  it('upgrades a version 2 database to the current version with every row intact', async () => {
    const name = dbName();
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const tally = { ...applyFigure(emptyTally(TPS1, SETUP.contests[0]!), P.vote1, 30), status: 'draft' as const };
    await v2.table('setup').put({ id: 'current', setup: SETUP, hash: null, savedAt: '2024-02-17T00:00:00.000Z' });
    await v2.table('tallies').put({
      key: KEY1, tps: TPS1, desa: '3509082001', contest: 'PPWP', status: 'draft', tally, revision: 3,
      updatedAt: '2024-02-18T01:00:00.000Z', updatedBy: 'Ani', secondEntry: null,
    });
    // v2 reserved the outbox; a row written then (without an op id) must survive the new unique index.
    await v2.table('outbox').add({ note: 'v2 row' });
    v2.close();

    const db = openRekapDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    const row = await getTally(db, KEY1);
    expect(row.ok && row.value).toMatchObject({ status: 'draft', revision: 3, tally: { votes: { 1: 30 } } });
    expect(await db.outbox.toArray()).toMatchObject([{ note: 'v2 row' }]);
    expect(await db.objections.count()).toBe(0);
    db.close();
  });

  it('upgrades a version 4 database: a summary per stored form, computed with the stored setup', async () => {
    const name = dbName();
    const v4 = new Dexie(name);
    v4.version(4).stores(SCHEMA_V4);
    await v4.open();
    const row = (tally: ReturnType<typeof emptyTally>, revision: number) => ({
      key: `${tally.tps}:${tally.contest}`, tps: tally.tps, desa: tally.tps.slice(0, 10), contest: tally.contest, status: tally.status, tally, revision,
      updatedAt: '2024-02-18T01:00:00.000Z', updatedBy: 'Ani', secondEntry: null,
    });
    const ppwp = SETUP.contests[0]!;
    // TPS 1: DPT L + P ≠ J (E01). TPS 2: one vote typed, nothing to find yet.
    let broken = emptyTally(TPS1, ppwp);
    for (const [path, value] of [['voters.dpt.male', 100], ['voters.dpt.female', 120], ['voters.dpt.total', 230]] as const) broken = applyFigure(broken, path, value);
    const clean = applyFigure(emptyTally(TPS2, ppwp), P.vote1, 7);
    await v4.table('setup').put({ id: 'current', setup: SETUP, hash: null, savedAt: '2024-02-17T00:00:00.000Z' });
    await v4.table('tallies').bulkPut([
      row({ ...broken, status: 'entered' }, 5),
      row({ ...clean, status: 'draft' }, 2),
      { key: '3509082001901:PPWP', tps: '3509082001901', desa: '3509082001', contest: 'PPWP', status: 'draft', tally: { broken: true }, revision: 1 },
    ]);
    v4.close();

    const db = openRekapDb(name);
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(await db.tallySummaries.get(KEY1)).toEqual({
      key: KEY1, tps: TPS1, desa: '3509082001', contest: 'PPWP', status: 'entered', errors: 1, warnings: 0, revision: 5, corrupt: false,
    });
    expect(await db.tallySummaries.get(`${TPS2}:PPWP`)).toMatchObject({ status: 'draft', errors: 0, revision: 2, corrupt: false });
    expect(await db.tallySummaries.get('3509082001901:PPWP')).toMatchObject({ desa: '3509082001', status: 'empty', corrupt: true });
    // The next write keeps it current.
    const next = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'voters.dpt.total', value: 220, actor: 'Ani', reason: 'salah baca' });
    expect(next.ok).toBe(true);
    expect(await db.tallySummaries.get(KEY1)).toMatchObject({ status: 'entered', errors: 0, revision: 6 });
    db.close();
  });

  it('opens a fresh database directly at the current version', async () => {
    const db = openRekapDb(dbName());
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'audit', 'backupAudit', 'backupSigners', 'conflicts', 'finalisations', 'objections', 'openCells', 'outbox', 'photoData', 'photos', 'revisions', 'settings', 'setup', 'sync', 'tallies', 'tallySummaries',
    ]);
    expect(db.photos.schema.primKey.name).toBe('sha256');
    expect(db.photos.schema.indexes.map((i) => i.name)).toEqual(['key']);
    expect(db.backupAudit.schema.indexes.map((i) => i.name)).toEqual(['key']);
    expect(db.tallySummaries.schema.indexes.map((i) => i.name)).toEqual(['desa']);
    expect(db.openCells.schema.indexes.map((i) => i.name)).toEqual(['key']);
    expect(db.outbox.schema.indexes.map((i) => i.name).sort()).toEqual(['key', 'opId']);
    expect(db.tallies.schema.indexes.map((i) => i.name).sort()).toEqual(['[desa+contest]', 'contest', 'desa', 'status', 'tps']);
    db.close();
  });
});
