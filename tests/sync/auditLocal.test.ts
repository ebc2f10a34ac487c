import { describe, expect, it } from 'vitest';
import type { RekapDb } from '../../src/db/index.ts';
import { resolveConflict } from '../../src/sync/index.ts';
import { KEY1, TPS1 } from '../db/fixtures.ts';
import { concurrentEdit, syncOk, type } from './helpers.ts';
import { kecamatanEach, STORAGE_CASES, type Kecamatan } from './realServer.ts';

/** The local audit trail around sync (src/db/audit.ts): pulled records add nothing, resolutions do. */
const log = async (db: RekapDb) => (await db.audit.orderBy(':id').toArray()).map((r) => r.change);

describe.each(STORAGE_CASES)('the local audit trail and sync ($name)', (storage) => {
  let kec: Kecamatan;
  kecamatanEach(storage, (_server, k) => {
    kec = k;
  });

  it('a record applied by a pull adds no entry (it is in the other device’s chain); typing records the enrolled role', async () => {
    // Panel 2 writes desa 3509082001 (TPS1) in the Puger demo.
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-2');
    const { chair } = kec;
    await type(clerk, TPS1, 'PPWP', { 'votes.1': 30 });
    expect(await log(clerk.db)).toEqual([expect.objectContaining({ actor: 'Ani', role: 'clerk', action: 'tally.changed', after: { 'votes.1': 30, status: 'draft' } })]);
    await syncOk(clerk);
    await syncOk(chair);
    expect((await chair.db.tallies.get(KEY1))?.tally.votes).toMatchObject({ 1: 30 });
    expect(await chair.db.audit.count()).toBe(0);
  });

  it('resolving a conflict is a tally.resolved entry: local → resolved, with the reason', async () => {
    const { b } = await concurrentEdit(kec, { shared: { 'votes.1': 30, 'votes.2': 50 }, a: { 'votes.1': 31 }, b: { 'votes.1': 32 } });
    const before = await b.db.audit.count();
    const resolved = await resolveConflict(b.store, KEY1, { cells: { 'votes.1': { from: 'typed', value: 33 } }, meta: 'server', actor: 'Budi', reason: 'cek C.Hasil' });
    expect(resolved.ok).toBe(true);
    const entries = (await log(b.db)).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'tally.resolved', actor: 'Budi', role: 'chair', record: { kind: 'tally', key: KEY1 }, before: { 'votes.1': 32 }, after: { 'votes.1': 33 }, reason: 'cek C.Hasil' }),
    ]);
  });

  it('a refused resolution (a cell left unchosen) adds no entry', async () => {
    const { b } = await concurrentEdit(kec, { a: { 'votes.1': 31 }, b: { 'votes.1': 32 } });
    const before = await b.db.audit.count();
    const refused = await resolveConflict(b.store, KEY1, { cells: {}, meta: 'server', actor: 'Budi', reason: 'x' });
    expect(refused.ok).toBe(false);
    expect(await b.db.audit.count()).toBe(before);
  });
});
