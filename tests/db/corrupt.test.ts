import { describe, expect, it } from 'vitest';
import { exportTallies, getTally, listTallies, loadSetup, markEntered, setFigure } from '../../src/db/index.ts';
import { dbWithSetup, freshDb, KEY1, P, TPS1, TPS2 } from './fixtures.ts';

describe('damaged rows', () => {
  it('a corrupted tally is reported with paths; the rest of the list still loads; it is never overwritten', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    const raw = (await db.tallies.get(KEY1))!;
    const damaged = { ...raw, tally: { ...raw.tally, valid: 'seratus' } };
    await db.tallies.put(damaged as never);

    const list = await listTallies(db);
    expect(list.rows.map((r) => r.tps)).toEqual([TPS2]);
    expect(list.corrupt).toEqual([{ table: 'tallies', key: KEY1, issues: [expect.objectContaining({ path: 'tally.valid' })] }]);
    expect(list.corrupt[0]!.issues[0]!.message.id).toMatch(/\S/);

    const one = await getTally(db, KEY1);
    expect(!one.ok && one.error.kind).toBe('corrupt');
    const write = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 4, actor: 'Ani' });
    expect(!write.ok && write.error.kind).toBe('corrupt');
    const mark = await markEntered(db, KEY1, 'Ani', []);
    expect(!mark.ok && mark.error.kind).toBe('corrupt');
    expect(await db.tallies.get(KEY1)).toEqual(damaged);

    const file = await exportTallies(db);
    expect(file.ok && file.value.tallies.map((t) => t.tps)).toEqual([TPS2]);
  });

  it('a row whose index copies disagree with its tally is reported too', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    await db.tallies.update(KEY1, { status: 'verified' });
    const list = await listTallies(db);
    expect(list.corrupt[0]?.issues.map((i) => i.path)).toEqual(['status']);
  });

  it('a damaged setup is a typed error', async () => {
    const db = freshDb();
    await db.setup.put({ id: 'current', setup: { format: 'rekap.setup/v1' }, savedAt: 'x' } as never);
    const r = await loadSetup(db);
    expect(!r.ok && r.error.kind).toBe('corrupt');
    if (!r.ok && r.error.kind === 'corrupt') expect(r.error.issues.some((i) => i.path.startsWith('setup.'))).toBe(true);
    const w = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    expect(!w.ok && w.error.kind).toBe('corrupt');
  });
});
