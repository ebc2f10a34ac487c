import { describe, expect, it } from 'vitest';
import { emptyTally, setFigure as applyFigure } from '../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { exportTallies, getHistory, getTally, importTallies, markEntered, setFigure } from '../../src/db/index.ts';
import { CLEAN_PPWP, dbWithSetup, freshDb, KEY1, P, SETUP, TPS1, TPS2, TPS_OTHER_DESA, typeForm } from './fixtures.ts';

const PPWP = SETUP.contests[0]!;
function cleanTally(tps: typeof TPS1, status: Tally['status'] = 'entered'): Tally {
  let t = emptyTally(tps, PPWP);
  for (const [path, value] of Object.entries(CLEAN_PPWP)) t = applyFigure(t, path, value);
  return { ...t, status, enteredBy: 'Panel 2' };
}

describe('rekap.tallies/v1 files', () => {
  it('exports the stored tallies and imports them into an empty database', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    const file = await exportTallies(db);
    expect(file.ok && file.value.format).toBe('rekap.tallies/v1');
    expect(file.ok && file.value.kecamatan).toBe('350908');
    if (!file.ok) return;

    const target = await dbWithSetup();
    const r = await importTallies(target, JSON.parse(JSON.stringify(file.value)), 'Ketua');
    expect(r.ok && r.value).toMatchObject({ imported: 2, conflicts: 0, unchanged: 0, unknown: 0 });
    const row = await getTally(target, KEY1);
    expect(row.ok && row.value?.tally).toEqual(file.value.tallies.find((t) => t.tps === TPS1));
    const h = await getHistory(target, KEY1);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ kind: 'import', by: 'Ketua', statusBefore: 'empty', statusAfter: 'entered' });
    expect(h[0]!.changes).toContainEqual({ path: 'votes.1', before: null, after: 30 });
    expect(h[0]!.changes).toContainEqual({ path: 'enteredBy', before: null, after: 'Ani' });

    const twice = await importTallies(target, file.value, 'Ketua');
    expect(twice.ok && twice.value).toMatchObject({ imported: 0, unchanged: 2 });
  });

  it('never overwrites local data that differs: it is reported as a conflict', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani', { 'votes.1': 31, valid: 116, total: 121 });
    await markEntered(db, KEY1, 'Ani', []);
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' }); // a draft
    // A blank draft (typed then cleared) may be replaced.
    await setFigure(db, { tps: TPS_OTHER_DESA, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    await setFigure(db, { tps: TPS_OTHER_DESA, contest: 'PPWP', path: P.vote1, value: null, actor: 'Ani' });
    const before = await db.tallies.get(KEY1);
    const revisions = await db.revisions.count();

    const file = { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [cleanTally(TPS1), cleanTally(TPS2), cleanTally(TPS_OTHER_DESA)] };
    const r = await importTallies(db, file, 'Ketua');
    expect(r.ok && r.value.outcomes).toEqual([
      { key: KEY1, outcome: 'conflict-not-overwritten' },
      { key: tallyKey({ tps: TPS2, contest: 'PPWP' }), outcome: 'conflict-not-overwritten' },
      { key: tallyKey({ tps: TPS_OTHER_DESA, contest: 'PPWP' }), outcome: 'imported' },
    ]);
    expect(await db.tallies.get(KEY1)).toEqual(before);
    expect(await db.revisions.count()).toBe(revisions + 1);
  });

  it('refuses invalid files with paths, other kecamatan, duplicates; skips TPS not in the setup', async () => {
    const db = await dbWithSetup();
    const bad = await importTallies(db, { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [{ ...cleanTally(TPS1), valid: 'x' }] }, 'Ketua');
    expect(!bad.ok && bad.error.kind === 'invalid-file' && bad.error.issues[0]?.path).toBe('tallies[0].valid');
    const other = await importTallies(db, { format: 'rekap.tallies/v1', kecamatan: '350901', tallies: [] }, 'Ketua');
    expect(!other.ok && other.error.kind === 'invalid-file' && other.error.issues[0]?.path).toBe('kecamatan');
    const dup = await importTallies(db, { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [cleanTally(TPS1), cleanTally(TPS1)] }, 'Ketua');
    expect(!dup.ok && dup.error.kind === 'invalid-file' && dup.error.issues[0]?.path).toBe('tallies[1]');
    const unknown = await importTallies(db, { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [cleanTally('3509082001777' as typeof TPS1)] }, 'Ketua');
    expect(unknown.ok && unknown.value.unknown).toBe(1);
    expect(await db.tallies.count()).toBe(0);
    const noSetup = await exportTallies(freshDb());
    expect(!noSetup.ok && noSetup.error.kind).toBe('no-setup');
  });
});
