import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPublicJwk } from '../../../src/domain/crypto/keys.ts';
import { emptyTally, setFigure } from '../../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../../src/domain/tally/tally.ts';
import { writeLocal } from '../../../src/sync/localWrite.ts';
import { SqliteSyncStore, StateError } from '../../../src/sync/node/sqliteStore.ts';
import type { SyncStore } from '../../../src/sync/store.ts';
import { SETUP, TPS1, TPS2 } from '../../db/fixtures.ts';
import { FileSyncStore } from './legacyFileStore.ts';
import { conflictRow } from './storeFixtures.ts';

const ppwp = SETUP.contests[0]!;
const tally = (tps = TPS1, vote = 1): Tally => setFigure({ ...emptyTally(tps, ppwp), status: 'draft' }, 'votes.1', vote);
const TPS3 = '3509082002001' as typeof TPS1;
const TPS4 = '3509082002003' as typeof TPS1;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rekap-legacy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A state folder as an older Rekap left it: several commits, an acknowledged op, a conflict, a refusal. */
async function oldFolder(): Promise<void> {
  const old = await FileSyncStore.open(dir);
  expect((await old.installSetup(SETUP)).ok).toBe(true);
  await old.deviceKey();
  await old.transaction((tx) => writeLocal(tx, tally(TPS1, 1), 'cli', null));
  await old.transaction(async (tx) => {
    // The first op was acknowledged: deleted, version 1 (its id is not to be given again).
    const [op] = await tx.opsFor(tallyKey(tally(TPS1)));
    await tx.deleteOps([op!.id!]);
    await tx.setVersion(tallyKey(tally(TPS1)), 1);
    await tx.setMeta('checkpoint', 17);
  });
  await old.transaction(async (tx) => {
    await writeLocal(tx, tally(TPS1, 2), 'cli', 'koreksi');
    await writeLocal(tx, tally(TPS2, 3), 'cli', null);
    await writeLocal(tx, tally(TPS3, 4), 'cli', null);
    await tx.putConflict(conflictRow(tally(TPS2, 9), tally(TPS2, 3)));
    const [op] = await tx.opsFor(tallyKey(tally(TPS3)));
    await tx.putOp({ ...op!, state: 'rejected', error: { id: 'ditolak', en: 'refused' } });
    await tx.setMeta('failed', [{ id: op!.id!, opId: op!.opId, key: op!.key, status: 'rejected', reason: { id: 'ditolak', en: 'refused' }, server: null, at: '2026-02-15T01:00:00.000Z' }]);
  });
  // The newest op was acknowledged too: the old store's next id is past every op it still holds.
  await old.transaction((tx) => writeLocal(tx, tally(TPS4, 5), 'cli', null));
  await old.transaction(async (tx) => {
    const [op] = await tx.opsFor(tallyKey(tally(TPS4)));
    await tx.deleteOps([op!.id!]);
    await tx.setVersion(tallyKey(tally(TPS4)), 1);
  });
  await old.close();
}

/** Everything a store holds, as the engine and `rekap sync` read it. */
async function snapshot(store: SyncStore) {
  const keys = [tallyKey(tally(TPS1)), tallyKey(tally(TPS2)), tallyKey(tally(TPS3)), tallyKey(tally(TPS4))];
  const inTx = await store.transaction(async (tx) => ({
    ops: await Promise.all(keys.map((k) => tx.opsFor(k))),
    versions: await Promise.all(keys.map((k) => tx.version(k))),
    batch: await tx.nextBatch(200),
    checkpoint: await tx.getMeta('checkpoint'),
    failed: await tx.getMeta('failed'),
    enrolment: await tx.getMeta('enrolment'),
  }));
  return { ...inTx, records: await store.records(), counts: await store.counts(), conflicts: await store.conflicts() };
}

describe('a state folder of the old file store', () => {
  it('is imported once into state.db, losing nothing, and its files are removed', async () => {
    await oldFolder();
    // A commit cut off before its manifest left an orphan chunk and a temporary file.
    await writeFile(join(dir, 'chunk-99.json'), '{"records":{},"ops":{}}');
    await writeFile(join(dir, '.state.json.123.abc.tmp'), 'half');
    const old = await FileSyncStore.open(dir);
    const before = await snapshot(old);
    const key = await exportPublicJwk((await old.deviceKey()).publicKey);
    await old.close();

    const store = await SqliteSyncStore.open(dir);
    expect(await snapshot(store)).toEqual(before);
    expect(before.counts).toEqual({ pending: 3, conflicts: 1, failed: 1 });
    expect(await store.setup()).toEqual(SETUP);
    // Same device: the key file stays as it is.
    expect(await exportPublicJwk((await store.deviceKey()).publicKey)).toEqual(key);
    expect((await readdir(dir)).sort()).toEqual(['device-key.json', 'lock', 'state.db', 'state.db-shm', 'state.db-wal']);

    // New ops get ids after every id the old store gave (the acknowledged ops' included).
    const held = Math.max(...before.ops.flat().map((o) => o.id!));
    await store.transaction((tx) => writeLocal(tx, tally(TPS4, 6), 'cli', null));
    const [added] = await store.transaction((tx) => tx.opsFor(tallyKey(tally(TPS4))));
    expect(added!.id).toBe(held + 2);
    await store.close();

    const again = await SqliteSyncStore.open(dir);
    expect((await again.counts()).pending).toBe(4);
    await again.close();
  });

  it('a kill after the import’s commit only leaves files that the next open removes', async () => {
    await oldFolder();
    const saved = join(tmpdir(), `rekap-legacy-state-${process.pid}.json`);
    await copyFile(join(dir, 'state.json'), saved);
    const store = await SqliteSyncStore.open(dir);
    await store.transaction((tx) => tx.setMeta('checkpoint', 99));
    await store.close();
    // As if the process died between the import's commit and the removal of the old files.
    await copyFile(saved, join(dir, 'state.json'));
    await writeFile(join(dir, 'chunk-1.json'), '{"records":{},"ops":{}}');
    await rm(saved);
    const again = await SqliteSyncStore.open(dir);
    expect(await again.transaction((tx) => tx.getMeta('checkpoint'))).toBe(99);
    expect((await again.counts()).pending).toBe(3);
    expect(await readdir(dir)).not.toContain('state.json');
    expect(await readdir(dir)).not.toContain('chunk-1.json');
    await again.close();
  });

  it('a damaged old state is refused with a sentence and kept as it is', async () => {
    await writeFile(join(dir, 'state.json'), '{"format":"rekap.sync-state/v1","generation":"x"}');
    await expect(SqliteSyncStore.open(dir)).rejects.toThrow(/sync state is damaged \(state\.json\)/);
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toContain('"generation":"x"');
    expect(await readdir(dir)).not.toContain('lock');
  });

  it('an old state beside a new one that holds data is refused, not merged', async () => {
    const store = await SqliteSyncStore.open(dir);
    await store.transaction((tx) => writeLocal(tx, tally(TPS2, 8), 'cli', null));
    await store.close();
    const other = await mkdtemp(join(tmpdir(), 'rekap-legacy-other-'));
    try {
      const old = await FileSyncStore.open(other);
      await old.transaction((tx) => writeLocal(tx, tally(TPS1, 1), 'cli', null));
      await old.close();
      for (const name of await readdir(other)) if (name === 'state.json' || name.startsWith('chunk-')) await copyFile(join(other, name), join(dir, name));
    } finally {
      await rm(other, { recursive: true, force: true });
    }
    const refused = SqliteSyncStore.open(dir);
    await expect(refused).rejects.toBeInstanceOf(StateError);
    await expect(refused).rejects.toThrow(/holds both an old \(state\.json\) and a new \(state\.db\) sync state/);
    expect(await readdir(dir)).toContain('state.json');
  });
});
