import { describe, expect, it } from 'vitest';
import { figurePaths, getFigure } from '../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { BACKUP_RESTORE_REASON, changeMaps, exportBackup, importBackup, markEntered, setSetting, verifyReadback, type AuditRow, type Backup, type RekapDb } from '../../src/db/index.ts';
import { dbWithSetup, freshDb, KEY1, TPS1, TPS2, TPS_OTHER_DESA, typeForm } from './fixtures.ts';

/**
 * A restore writes a whole kecamatan in bulk (one request per table, the file validated once);
 * what it stores must be what the form-by-form restore stored: the same outbox ops in the same id
 * order, the same trail entries member for member, and nothing at all when a late write fails.
 */

const KEY2 = tallyKey({ tps: TPS2, contest: 'PPWP' });
const KEY_DPR = tallyKey({ tps: TPS_OTHER_DESA, contest: 'DPR' });

/** A file with a verified form, a DPR draft, a form already in the file's outbox and history. */
async function backupFile(): Promise<Backup> {
  const source = await dbWithSetup();
  await typeForm(source, TPS1, 'Ani');
  await markEntered(source, KEY1, 'Ani', []);
  await verifyReadback(source, KEY1, 'Budi');
  await typeForm(source, TPS_OTHER_DESA, 'Citra', {}, 'DPR');
  await typeForm(source, TPS2, 'Dewi', { 'votes.1': 31 });
  await setSetting(source, 'operatorName', 'Eka');
  const file = JSON.parse(JSON.stringify(await exportBackup(source))) as Backup;
  // As if only TPS 2's form had been typed since the device last synced.
  file.outbox = file.outbox.filter((op) => op.key === KEY2);
  return file;
}

/** What the trail held for a form a restore added: every figure and sign-off, as changeMaps gives them. */
function addedEntry(tally: Tally) {
  const figures = figurePaths(tally).map((path) => ({ path, before: null, after: getFigure(tally, path) ?? null }));
  const signOffs = (['enteredBy', 'verifiedBy', 'acceptedWarnings'] as const)
    .filter((path) => (tally[path] ?? null) !== null)
    .map((path) => ({ path, before: null, after: tally[path] }));
  return changeMaps([...figures.filter((c) => c.after !== null), ...signOffs], { before: null, after: tally.status });
}

const ordered = (value: Record<string, unknown>) => JSON.stringify(value);

describe('restoring a backup in bulk', () => {
  it('queues the same ops, in the file’s order after the file’s own, and writes the same trail entries', async () => {
    const file = await backupFile();
    const db = freshDb();
    const restored = await importBackup(db, file);
    expect(restored.ok).toBe(true);

    const ops = await db.outbox.orderBy(':id').toArray();
    const fileIds = file.outbox.map((op) => op.id as number);
    expect(ops.slice(0, fileIds.length).map((op) => op.id)).toEqual(fileIds);
    const queued = ops.slice(fileIds.length);
    expect(queued.map((op) => [op.key, op.baseVersion, op.actor, op.state])).toEqual(
      file.tallies.filter((row) => row.key !== KEY2).map((row) => [row.key, 0, 'Eka', 'queued']),
    );
    expect(queued.map((op) => op.id)).toEqual(queued.map((_, i) => Math.max(...fileIds) + 1 + i));
    expect(queued.map((op) => op.record)).toEqual(file.tallies.filter((row) => row.key !== KEY2).map((row) => row.tally));

    const trail = (await db.audit.orderBy(':id').toArray()).map((row) => row.change);
    expect(trail.map((c) => c.record.key)).toEqual([KEY1, KEY2, KEY_DPR].sort());
    for (const change of trail) {
      const tally = file.tallies.find((row) => row.key === change.record.key)!.tally;
      const expected = addedEntry(tally);
      expect(change).toMatchObject({ actor: 'Eka', role: null, action: 'tally.changed', reason: expect.stringContaining(`${BACKUP_RESTORE_REASON} (${file.exportedAt}), TIDAK TERVERIFIKASI`) });
      // Member for member and in the same order (the history lists them as stored).
      expect(ordered(change.before as Record<string, unknown>)).toBe(ordered(expected.before));
      expect(ordered(change.after as Record<string, unknown>)).toBe(ordered(expected.after));
    }
  });

  it('replacing other data diffs each form against what was stored: unchanged forms get no entry', async () => {
    const file = await backupFile();
    const db = freshDb();
    await importBackup(db, file);
    const before = await db.audit.count();
    const changed = JSON.parse(JSON.stringify(file)) as Backup;
    const row = changed.tallies.find((r) => r.key === KEY2)!;
    (row.tally.votes as Record<string, number | null>)['1'] = 32;
    const again = await importBackup(db, changed, { replace: true });
    expect(again.ok).toBe(true);
    const added = (await db.audit.orderBy(':id').toArray()).slice(before).map((r) => r.change);
    expect(added.map((c) => [c.record.key, c.before, c.after])).toEqual([[KEY2, { 'votes.1': 31 }, { 'votes.1': 32 }]]);
  });

  it('is all or nothing: a failure at the last write leaves the device as it was', async () => {
    const file = await backupFile();
    const db: RekapDb = await dbWithSetup();
    await typeForm(db, TPS2, 'Fajar');
    const snapshot = async () => ({
      tallies: await db.tallies.toArray(),
      summaries: await db.tallySummaries.toArray(),
      outbox: await db.outbox.toArray(),
      audit: await db.audit.toArray(),
      settings: await db.settings.toArray(),
    });
    const was = await snapshot();
    // The restore's own trail entries are its last bulk write but one (the export marks follow).
    const bulkAdd = db.audit.bulkAdd.bind(db.audit);
    db.audit.bulkAdd = ((rows: AuditRow[]) =>
      rows.some((r) => r.change.reason?.startsWith(BACKUP_RESTORE_REASON)) ? Promise.reject(new Error('disk on fire')) : bulkAdd(rows)) as unknown as typeof db.audit.bulkAdd;
    await expect(importBackup(db, file, { replace: true })).rejects.toThrow('disk on fire');
    expect(await snapshot()).toEqual(was);
  });
});
