import { describe, expect, it } from 'vitest';
import { exportBackup, exportTallies, importBackup, importTallies, listTallies, listTallySummaries, setFigure } from '../../src/db/index.ts';
import { checkTally } from '../../src/domain/checks/index.ts';
import { MAX_FIGURE } from '../../src/domain/tally/figure.ts';
import { dbWithSetup, KEY1, P, SETUP, TPS1, TPS2 } from './fixtures.ts';

/**
 * Figures on this device (issue 14): the bound of src/domain/tally/figure.ts holds for what is
 * typed, imported from a file, restored from a backup and read back from IndexedDB. A figure past it
 * is refused in words where it arrives, or, stored before the bound existed, reported as a damaged
 * form — never summed into a total, never a crash.
 */
const BAD = [1e308, -1e308, 2 ** 53 + 1, 1_000_000, -1, 1.5, 1e-320];
const PPWP = SETUP.contests.find((c) => c.id === 'PPWP')!;

describe('bounded figures on the device', () => {
  it('typing (or any caller) cannot store a figure past the bound; 999,999 is stored and E11 flags it', async () => {
    const db = await dbWithSetup();
    for (const value of BAD) {
      const r = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value, actor: 'Ani' });
      expect(!r.ok && r.error.kind, String(value)).toBe('invalid-value');
      if (!r.ok) expect(r.error.message.id).toContain('0–999.999');
    }
    expect(await db.tallies.count()).toBe(0);
    const top = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: MAX_FIGURE, actor: 'Ani' });
    expect(top.ok && top.value.row.tally.votes).toMatchObject({ 1: 999_999 });
    if (top.ok) expect(checkTally(top.value.row.tally, PPWP).filter((f) => f.code === 'E11').map((f) => f.fields)).toEqual([[P.vote1]]);
  });

  it('a stored form with a figure from before the bound is reported as damaged, left out of the lists, totals and exports', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    const raw = (await db.tallies.get(KEY1))!;
    await db.tallies.put({ ...raw, revision: raw.revision + 1, tally: { ...raw.tally, votes: { ...raw.tally.votes, 1: 1e308 } } } as never);

    const list = await listTallies(db);
    expect(list.rows.map((r) => r.tps)).toEqual([TPS2]);
    expect(list.corrupt).toEqual([{ table: 'tallies', key: KEY1, issues: [expect.objectContaining({ path: 'tally.votes.1' })] }]);
    expect(list.corrupt[0]!.issues[0]!.message).toEqual({
      id: expect.stringContaining('0–999.999') as string,
      en: expect.stringContaining('0–999,999') as string,
    });
    const summaries = await listTallySummaries(db);
    expect(summaries.corrupt).toEqual([KEY1]);
    const file = await exportTallies(db);
    expect(file.ok && file.value.tallies.map((t) => t.tps)).toEqual([TPS2]);
  });

  it('a tallies file with a figure past the bound is refused with its place, nothing stored', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 999_999, actor: 'Ani' });
    const good = await exportTallies(db);
    if (!good.ok) throw new Error('export failed');
    for (const value of BAD) {
      const target = await dbWithSetup();
      const file = JSON.parse(JSON.stringify(good.value)) as { tallies: { votes: Record<string, unknown> }[] };
      file.tallies[0]!.votes['2'] = value;
      const r = await importTallies(target, file, 'Ketua');
      expect(!r.ok && r.error.kind, String(value)).toBe('invalid-file');
      if (!r.ok && r.error.kind === 'invalid-file') {
        expect(r.error.issues[0]).toMatchObject({ path: expect.stringMatching(/tallies.*0.*votes.*2/) as string });
        expect(r.error.issues[0]!.message.id).toContain('0–999.999');
      }
      expect(await target.tallies.count()).toBe(0);
    }
    // The largest figure itself imports (E11 flags it for people to decide).
    const target = await dbWithSetup();
    const r = await importTallies(target, good.value, 'Ketua');
    expect(r.ok && r.value.imported).toBe(1);
  });

  it('a backup holding a figure past the bound is refused with its place, nothing restored', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 7, actor: 'Ani' });
    const backup = JSON.parse(JSON.stringify(await exportBackup(db))) as { tallies: { tally: { votes: Record<string, unknown> } }[] };
    backup.tallies[0]!.tally.votes['1'] = 1e308;
    const target = await dbWithSetup();
    const r = await importBackup(target, backup);
    expect(!r.ok && r.error.kind).toBe('invalid-file');
    if (!r.ok && r.error.kind === 'invalid-file') expect(r.error.issues.map((i) => i.path)).toContain('tallies[0].tally.votes.1');
    expect(await target.tallies.count()).toBe(0);
  });
});
