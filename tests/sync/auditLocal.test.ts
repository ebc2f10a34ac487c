import { beforeEach, describe, expect, it } from 'vitest';
import { DesaCodeSchema } from '../../src/domain/codes/codes.ts';
import { resolveConflict } from '../../src/sync/index.ts';
import { KEY1, SETUP, TPS1 } from '../db/fixtures.ts';
import { concurrentEdit, enrolled, syncOk, type } from './helpers.ts';
import { MemoryServer } from './memoryServer.ts';

/** The local audit trail around sync (src/db/audit.ts): pulled records add nothing, resolutions do. */
let server: MemoryServer;

beforeEach(async () => {
  server = await MemoryServer.create(SETUP);
});

const log = async (db: import('../../src/db/index.ts').RekapDb) => (await db.audit.orderBy(':id').toArray()).map((r) => r.change);

describe('the local audit trail and sync', () => {
  it('a record applied by a pull adds no entry (it is in the other device’s chain); typing records the enrolled role', async () => {
    const clerk = await enrolled(server, 'Ani', 'clerk', [DesaCodeSchema.parse('3509082001')]);
    const chair = await enrolled(server, 'Ketua', 'chair');
    await type(clerk, TPS1, 'PPWP', { 'votes.1': 30 });
    expect(await log(clerk.db)).toEqual([expect.objectContaining({ actor: 'Ani', role: 'clerk', action: 'tally.changed', after: { 'votes.1': 30, status: 'draft' } })]);
    await syncOk(clerk);
    await syncOk(chair);
    expect((await chair.db.tallies.get(KEY1))?.tally.votes).toMatchObject({ 1: 30 });
    expect(await chair.db.audit.count()).toBe(0);
  });

  it('resolving a conflict is a tally.resolved entry: local → resolved, with the reason', async () => {
    const { b } = await concurrentEdit(server, { shared: { 'votes.1': 30, 'votes.2': 50 }, a: { 'votes.1': 31 }, b: { 'votes.1': 32 } });
    const before = await b.db.audit.count();
    const resolved = await resolveConflict(b.store, KEY1, { cells: { 'votes.1': { from: 'typed', value: 33 } }, meta: 'server', actor: 'Budi', reason: 'cek C.Hasil' });
    expect(resolved.ok).toBe(true);
    const entries = (await log(b.db)).slice(before);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'tally.resolved', actor: 'Budi', role: 'chair', record: { kind: 'tally', key: KEY1 }, before: { 'votes.1': 32 }, after: { 'votes.1': 33 }, reason: 'cek C.Hasil' }),
    ]);
  });

  it('a refused resolution (a cell left unchosen) adds no entry', async () => {
    const { b } = await concurrentEdit(server, { a: { 'votes.1': 31 }, b: { 'votes.1': 32 } });
    const before = await b.db.audit.count();
    const refused = await resolveConflict(b.store, KEY1, { cells: {}, meta: 'server', actor: 'Budi', reason: 'x' });
    expect(refused.ok).toBe(false);
    expect(await b.db.audit.count()).toBe(before);
  });
});
