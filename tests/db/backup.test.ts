import { describe, expect, it } from 'vitest';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import {
  BACKUP_FORMAT,
  exportBackup,
  getSetting,
  importBackup,
  markEntered,
  saveSecondEntry,
  getTally,
  setFigure,
  setSetting,
  unexportedChanges,
  verifyReadback,
  type Backup,
} from '../../src/db/index.ts';
import { dbWithSetup, freshDb, KEY1, P, TPS1, TPS2, typeForm } from './fixtures.ts';

/** A database with a bit of everything: drafts, entered, verified, a second entry, history, settings. */
async function populated() {
  const db = await dbWithSetup();
  await typeForm(db, TPS1, 'Ani');
  await markEntered(db, KEY1, 'Ani', []);
  const first = await getTally(db, KEY1);
  if (!first.ok || !first.value) throw new Error('no tally');
  await saveSecondEntry(db, KEY1, { ...first.value.tally, votes: { 1: 30, 2: 51, 3: 35 } } as Tally, 'Budi');
  await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 0, actor: 'Ani' });
  await setFigure(db, { tps: TPS2, contest: 'DPR', path: 'votes.1.candidates.2', value: 9, actor: 'Budi' });
  await typeForm(db, TPS2, 'Citra');
  const k2 = tallyKey({ tps: TPS2, contest: 'PPWP' });
  await markEntered(db, k2, 'Citra', []);
  await verifyReadback(db, k2, 'Ani');
  await setSetting(db, 'operatorName', 'Ani');
  await setSetting(db, 'verificationMode', 'double-entry');
  await db.outbox.add({ op: 'reserved-for-sync' });
  return db;
}

const withoutExportedAt = ({ exportedAt: _e, ...rest }: Backup) => rest;

describe('backup', () => {
  it('round-trips: export → import into a new db → export again is equal (except exportedAt)', async () => {
    const db = await populated();
    const first = await exportBackup(db);
    expect(first.format).toBe(BACKUP_FORMAT);
    expect(first.tallies).toHaveLength(3);
    expect(first.revisions.length).toBeGreaterThan(28);
    // The sync outbox travels too: one (folded, never sent) op per changed tally, and rows it cannot read as they are.
    expect(first.outbox.map((o) => o.key ?? o.op)).toEqual([KEY1, `${TPS2}:PPWP`, `${TPS2}:DPR`, 'reserved-for-sync']);
    expect(first.tallies.find((t) => t.key === KEY1)?.secondEntry?.by).toBe('Budi');

    // Through JSON, as a real file would go.
    const restored = freshDb();
    const r = await importBackup(restored, JSON.parse(JSON.stringify(first)));
    expect(r.ok && r.value).toEqual({ tallies: 3, revisions: first.revisions.length });
    const second = await exportBackup(restored);
    expect(withoutExportedAt(second)).toEqual(withoutExportedAt(first));
    expect(await getSetting(restored, 'operatorName')).toBe('Ani');

    // The restored db keeps working where the old one stopped (revision counters, ids).
    const next = await setFigure(restored, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Ani', reason: 'ulang' });
    expect(next.ok && next.value.row.revision).toBe(first.tallies.find((t) => t.key === KEY1)!.revision + 1);
  });

  it('refuses a bad file with the problems and their paths, storing nothing', async () => {
    const db = await populated();
    const good = JSON.parse(JSON.stringify(await exportBackup(db))) as Record<string, unknown> & { tallies: Record<string, unknown>[] };
    good.tallies[0]!.tally = { ...(good.tallies[0]!.tally as object), valid: 'banyak' };
    (good.tallies[1] as { revision: unknown }).revision = -1;

    const target = freshDb();
    const r = await importBackup(target, good);
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'invalid-file') {
      expect(r.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['tallies[0].tally.valid', 'tallies[1].revision']));
      expect(r.error.message.id).toMatch(/tidak ada data yang disimpan/);
    } else throw new Error('expected invalid-file');
    expect(await target.tallies.count()).toBe(0);
    expect(await target.setup.count()).toBe(0);

    for (const bad of [null, 'x', { format: 'rekap.backup/v2' }, {}]) {
      const res = await importBackup(target, bad);
      expect(!res.ok && res.error.kind).toBe('invalid-file');
    }
  });

  it('does not overwrite different data unless replace is set; restoring the same data again is fine', async () => {
    const db = await populated();
    const file = await exportBackup(db);
    const again = await importBackup(db, file);
    expect(again.ok).toBe(true);

    const other = await dbWithSetup();
    await setFigure(other, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 99, actor: 'Zed' });
    const refused = await importBackup(other, file);
    expect(!refused.ok && refused.error.kind).toBe('would-overwrite');
    const still = await getTally(other, KEY1);
    expect(still.ok && still.value?.tally.votes).toMatchObject({ 1: 99 });

    const replaced = await importBackup(other, file, { replace: true });
    expect(replaced.ok).toBe(true);
    expect(withoutExportedAt(await exportBackup(other))).toEqual(withoutExportedAt(file));
  });

  it('counts changes since the last export for the reminder', async () => {
    const db = await dbWithSetup();
    expect(await unexportedChanges(db)).toBe(0);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.2', value: 1, actor: 'Ani' });
    expect(await unexportedChanges(db)).toBe(2);
    const file = await exportBackup(db);
    expect(await getSetting(db, 'lastExportAt')).toBe(file.exportedAt);
    expect(await unexportedChanges(db)).toBe(0);
    // A quick re-edit of the cell typed last is merged into its revision, and still counts.
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.2', value: 12, actor: 'Ani' });
    expect(await unexportedChanges(db)).toBe(1);

    const restored = freshDb();
    await importBackup(restored, file);
    expect(await unexportedChanges(restored)).toBe(0);
  });

  it("leaves out the record of a summary this device signed: another laptop signs with its own key", async () => {
    const db = await dbWithSetup();
    await db.settings.put({ key: 'signedSummary:PPWP', value: { hash: 'a'.repeat(64) } });
    const file = await exportBackup(db);
    expect(file.settings.map((s) => s.key)).not.toContain('signedSummary:PPWP');

    const other = freshDb();
    await other.settings.put({ key: 'signedSummary:PPWP', value: { hash: 'b'.repeat(64) } });
    await importBackup(other, file, { replace: true });
    // the restoring device keeps its own record
    expect((await other.settings.get('signedSummary:PPWP'))?.value).toEqual({ hash: 'b'.repeat(64) });
  });
});
