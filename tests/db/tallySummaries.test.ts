import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/api/index.ts';
import { emptyTally, setFigure as applyFigure } from '../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import {
  acceptWarnings,
  exportBackup,
  exportTallies,
  finaliseDesa,
  getTally,
  importBackup,
  importTallies,
  listTallySummaries,
  markEntered,
  saveSecondEntry,
  saveSetup,
  setFigure,
  setFigures,
  verifyReadback,
  type RekapDb,
  type TallySummaryRow,
} from '../../src/db/index.ts';
import { contestLookup, summaryOfStored } from '../../src/db/tallySummary.ts';
import { DexieSyncStore } from '../../src/sync/index.ts';
import { applyPage, emptyPullReport } from '../../src/sync/pull.ts';
import { dbWithSetup, KEY1, P, SETUP, TPS1, TPS2, TPS_OTHER_DESA, typeForm } from './fixtures.ts';
import { DESA1, DESA1_TPS, verified as verifiedForm, votesFor } from './plenary-fixtures.ts';

const KEY2 = tallyKey({ tps: TPS2, contest: 'PPWP' });

async function summary(db: RekapDb, key: string): Promise<TallySummaryRow | undefined> {
  return db.tallySummaries.get(key);
}

/**
 * Never stale: every stored row has exactly one summary, equal to the one its row gives now
 * (same revision, status and counts), and there is no summary without a row.
 */
async function expectFresh(db: RekapDb): Promise<void> {
  const contestOf = contestLookup(SETUP);
  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : 1);
  const expected = (await db.tallies.toArray()).map((raw) => summaryOfStored(raw, contestOf)!).sort(byKey);
  expect((await db.tallySummaries.toArray()).sort(byKey)).toEqual(expected);
}

describe('per-form summaries, written with every write of a form', () => {
  it('typing: a new form, an error, and a keystroke autosave (open cell)', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    expect(await summary(db, KEY1)).toEqual({
      key: KEY1, tps: TPS1, desa: '3509082001', contest: 'PPWP', status: 'draft', errors: 0, warnings: 0, revision: 1, corrupt: false,
    });
    // DPT L + P ≠ J: E01.
    await setFigures(db, {
      tps: TPS1,
      contest: 'PPWP',
      changes: [
        { path: 'voters.dpt.male', value: 100 },
        { path: 'voters.dpt.female', value: 120 },
        { path: 'voters.dpt.total', value: 230 },
      ],
      actor: 'Ani',
      open: true,
    });
    expect(await summary(db, KEY1)).toMatchObject({ status: 'draft', errors: 1, revision: 4 });
    await setFigures(db, { tps: TPS1, contest: 'PPWP', changes: [{ path: 'voters.dpt.total', value: 220 }], actor: 'Ani', open: true });
    expect(await summary(db, KEY1)).toMatchObject({ errors: 0, revision: 5 });
    await expectFresh(db);
  });

  it('mark entered with an accepted warning, verify by read-back, correct, verify again, finalise', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani', { 'ballots.received': 210, 'ballots.unused': 90 }); // W02 only
    expect(await summary(db, KEY1)).toMatchObject({ status: 'draft', errors: 0, warnings: 1 });
    expect((await markEntered(db, KEY1, 'Ani', [{ code: 'W02', reason: 'KPPS menerima 6 lembar tambahan' }])).ok).toBe(true);
    expect(await summary(db, KEY1)).toMatchObject({ status: 'entered', errors: 0, warnings: 0 });
    expect((await verifyReadback(db, KEY1, 'Budi')).ok).toBe(true);
    expect(await summary(db, KEY1)).toMatchObject({ status: 'verified', warnings: 0 });

    const corrected = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.valid, value: 116, actor: 'Ani', reason: 'salah baca' });
    expect(corrected.ok).toBe(true);
    const afterCorrection = await summary(db, KEY1);
    expect(afterCorrection).toMatchObject({ status: 'entered', revision: corrected.ok ? corrected.value.row.revision : -1 });
    expect(afterCorrection!.errors).toBeGreaterThan(0);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.valid, value: 115, actor: 'Ani', reason: 'salah baca' });
    expect((await verifyReadback(db, KEY1, 'Budi')).ok).toBe(true);

    for (const [i, tps] of DESA1_TPS.slice(1).entries()) await verifiedForm(db, tps, votesFor(i + 1));
    expect((await finaliseDesa(db, DESA1, 'PPWP', 'Ketua')).ok).toBe(true);
    const desa = await listTallySummaries(db, { desa: [DESA1] });
    expect(desa.rows.filter((r) => r.contest === 'PPWP').map((r) => r.status)).toEqual(['final', 'final', 'final']);
    await expectFresh(db);
  });

  it('accepting a warning after "entered" clears it from the summary', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.received, value: 210, actor: 'Ani', reason: 'r' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'ballots.unused', value: 90, actor: 'Ani', reason: 'r' });
    expect(await summary(db, KEY1)).toMatchObject({ status: 'entered', warnings: 1 });
    expect((await acceptWarnings(db, KEY1, 'Ani', [{ code: 'W02', reason: 'tambahan dari PPS' }])).ok).toBe(true);
    expect(await summary(db, KEY1)).toMatchObject({ status: 'entered', warnings: 0 });
    await expectFresh(db);
  });

  it('blind second entry: a matching entry verifies; a differing one keeps the form entered', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await markEntered(db, KEY1, 'Ani', []);
    const first = await getTally(db, KEY1);
    if (!first.ok || !first.value) throw new Error('no tally');
    await saveSecondEntry(db, KEY1, { ...first.value.tally, votes: { 1: 30, 2: 51, 3: 35 } } as Tally, 'Budi');
    expect(await summary(db, KEY1)).toMatchObject({ status: 'entered' });
    await expectFresh(db);
    const second = await saveSecondEntry(db, KEY1, first.value.tally, 'Budi');
    expect(second.ok && second.value.verified).toBe(true);
    expect(await summary(db, KEY1)).toMatchObject({ status: 'verified' });
    await expectFresh(db);
  });

  it('a tallies file import and a backup restore (which first empties the table)', async () => {
    const source = await dbWithSetup();
    await typeForm(source, TPS1, 'Ani', { valid: 116 }); // E06 + E08
    await typeForm(source, TPS2, 'Ani');
    await markEntered(source, KEY2, 'Ani', []);
    const file = await exportTallies(source);
    if (!file.ok) throw new Error(file.error.kind);

    const target = await dbWithSetup();
    // A form of another desa that the restore below must remove, with its summary.
    await setFigure(target, { tps: TPS_OTHER_DESA, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Budi' });
    const imported = await importTallies(target, file.value, 'Budi');
    expect(imported.ok && imported.value.imported).toBe(2);
    expect(await summary(target, KEY1)).toMatchObject({ status: 'draft', errors: 2 });
    expect(await summary(target, KEY2)).toMatchObject({ status: 'entered', errors: 0 });
    await expectFresh(target);

    const restored = await importBackup(target, await exportBackup(source), { replace: true });
    expect(restored.ok).toBe(true);
    expect((await target.tallySummaries.toArray()).map((s) => `${s.key} ${s.status} ${s.errors}`).sort()).toEqual([`${KEY1} draft 2`, `${KEY2} entered 0`]);
    await expectFresh(target);
  });

  it('a record applied by the sync pull', async () => {
    const db = await dbWithSetup();
    const store = new DexieSyncStore(db);
    const tally = { ...applyFigure(emptyTally(TPS1, SETUP.contests[0]!), P.vote1, 30), status: 'draft' as const };
    const change: Change = { kind: 'tally', key: KEY1, record: tally, version: 3, hash: 'a'.repeat(64), deviceId: 'server-device', actor: 'Citra', at: '2024-02-18T01:00:00.000Z', seq: 7 };
    await store.transaction((tx) => applyPage(tx, [change], 7, '2024-02-18T01:00:01.000Z', emptyPullReport()));
    expect(await summary(db, KEY1)).toMatchObject({ status: 'draft', errors: 0, revision: 1 });
    // DPT L + P ≠ J: E01.
    const dpt = { ...tally, voters: { ...tally.voters, dpt: { male: 100, female: 120, total: 230 } } };
    const next = { ...change, record: dpt, version: 4, seq: 8 };
    await store.transaction((tx) => applyPage(tx, [next], 8, '2024-02-18T01:00:02.000Z', emptyPullReport()));
    expect(await summary(db, KEY1)).toMatchObject({ revision: 2, errors: 1 });
    await expectFresh(db);
  });

  it('is written in the same transaction: a write that fails leaves no summary behind', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    const stored = (await db.tallies.get(KEY1))!;
    await expect(
      db.transaction('rw', ['tallies'], async () => {
        await db.tallies.put({ ...stored, revision: 9, status: 'entered', tally: { ...stored.tally, status: 'entered' } });
        throw new Error('power cut');
      }),
    ).rejects.toThrow('power cut');
    expect(await summary(db, KEY1)).toMatchObject({ status: 'draft', revision: 1 });
    await expectFresh(db);
  });

  it('deletes follow the rows; a damaged row is counted as damaged, not shown', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    const raw = (await db.tallies.get(KEY1))!;
    await db.tallies.put({ ...raw, tally: { ...raw.tally, valid: 'seratus' } } as never);
    const list = await listTallySummaries(db);
    expect(list.rows.map((r) => r.key)).toEqual([KEY2]);
    expect(list.corrupt).toEqual([KEY1]);

    await db.tallies.delete(KEY2);
    expect(await summary(db, KEY2)).toBeUndefined();
    await db.tallies.clear();
    expect(await db.tallySummaries.count()).toBe(0);
  });

  it('a setup with other contests recomputes every summary (the checks read them)', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    expect(await summary(db, KEY1)).toMatchObject({ warnings: 0 });
    // 5 invalid of 120 is over a 2% threshold: W03.
    const stricter = { ...SETUP, contests: SETUP.contests.map((c) => (c.id === 'PPWP' ? { ...c, invalidWarningThreshold: 0.02 } : c)) };
    expect((await saveSetup(db, stricter)).ok).toBe(true);
    expect(await summary(db, KEY1)).toMatchObject({ warnings: 1 });
  });

  it('lists only the desa asked for', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    await setFigure(db, { tps: TPS_OTHER_DESA, contest: 'DPR', path: 'votes.1.candidates.2', value: 9, actor: 'Ani' });
    expect((await listTallySummaries(db, { desa: [DESA1] })).rows.map((r) => r.key)).toEqual([KEY1]);
    expect((await listTallySummaries(db)).rows).toHaveLength(2);
    expect((await listTallySummaries(db, { desa: [] })).rows).toEqual([]);
  });
});
