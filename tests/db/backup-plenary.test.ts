import { describe, expect, it } from 'vitest';
import {
  decideObjection,
  exportBackup,
  finaliseDesa,
  importBackup,
  listFinalisations,
  listObjections,
  type Backup,
} from '../../src/db/index.ts';
import { dbWithSetup, freshDb } from './fixtures.ts';
import { DESA1, DESA1_TPS, recorded, specialEvent, verified, votesFor } from './plenary-fixtures.ts';

async function withPlenary() {
  const db = await dbWithSetup();
  for (const [i, tps] of DESA1_TPS.entries()) await verified(db, tps, votesFor(i));
  const event = await recorded(db, specialEvent(DESA1_TPS[0]!));
  await decideObjection(db, event.id, { status: 'noted', note: 'Dicatat' }, 'Ketua');
  await recorded(db, specialEvent(DESA1_TPS[1]!, { kind: 'objection', raisedBy: { role: 'witness', of: { kind: 'pair', number: 2 }, name: 'Joko' } }));
  const fin = await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
  if (!fin.ok) throw new Error(fin.error.kind);
  return db;
}

const withoutExportedAt = ({ exportedAt: _e, ...rest }: Backup) => rest;

describe('backup of objections and finalisations', () => {
  it('round-trips them: export → import into a new database → export again is equal', async () => {
    const db = await withPlenary();
    const first = await exportBackup(db);
    expect(first.objections).toHaveLength(2);
    expect(first.finalisations?.map((f) => [f.key, f.state])).toEqual([[`${DESA1}:PPWP`, 'final']]);
    const copy = freshDb();
    const restored = await importBackup(copy, JSON.parse(JSON.stringify(first)));
    expect(restored.ok).toBe(true);
    expect((await listObjections(copy)).rows.map((r) => r.objection.decision.status).sort()).toEqual(['noted', 'pending']);
    expect((await listFinalisations(copy)).map((f) => f.key)).toEqual([`${DESA1}:PPWP`]);
    expect(withoutExportedAt(await exportBackup(copy))).toEqual(withoutExportedAt(first));
  });

  it('restores a backup written before they existed (no arrays) and replaces them on request', async () => {
    const db = await withPlenary();
    const { objections: _o, finalisations: _f, ...old } = await exportBackup(db);
    const copy = freshDb();
    expect((await importBackup(copy, old)).ok).toBe(true);
    expect(await copy.objections.count()).toBe(0);

    // A device holding objections is "other data": not overwritten without replace.
    const refused = await importBackup(db, old);
    expect(!refused.ok && refused.error.kind).toBe('would-overwrite');
    expect(await db.objections.count()).toBe(2);
    expect((await importBackup(db, old, { replace: true })).ok).toBe(true);
    expect(await db.objections.count()).toBe(0);
    expect(await db.finalisations.count()).toBe(0);
  });

  it('refuses a file with a damaged objection, naming it, and stores nothing', async () => {
    const db = await withPlenary();
    const file = JSON.parse(JSON.stringify(await exportBackup(db))) as Backup;
    (file.objections![0]!.objection as { description: string }).description = '';
    const copy = freshDb();
    const r = await importBackup(copy, file);
    expect(!r.ok && r.error.kind === 'invalid-file' && r.error.issues.map((i) => i.path)).toContain('objections[0].objection.description');
    expect(await copy.tallies.count()).toBe(0);
  });
});
