import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planOutboxWrite } from '../../src/db/index.ts';
import { emptyTally, setFigure } from '../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { writeLocal } from '../../src/sync/index.ts';
import { FileSyncStore, StateError } from '../../src/sync/node/fileStore.ts';
import { SETUP, TPS1, TPS2 } from '../db/fixtures.ts';

const ppwp = SETUP.contests[0]!;
const tally = (tps = TPS1, vote = 1): Tally => setFigure({ ...emptyTally(tps, ppwp), status: 'draft' }, 'votes.1', vote);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rekap-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the headless client’s file store', () => {
  it('keeps records, ops, versions and meta across a reopen', async () => {
    const store = await FileSyncStore.open(dir);
    await store.transaction(async (tx) => {
      await writeLocal(tx, tally(), 'cli', null);
      await tx.setVersion('x', 3);
      await tx.setMeta('checkpoint', 42);
    });
    await store.close();
    const again = await FileSyncStore.open(dir);
    expect(await again.records()).toEqual([{ kind: 'tally', key: tallyKey(tally()), record: tally() }]);
    expect(await again.counts()).toEqual({ pending: 1, conflicts: 0, failed: 0 });
    expect(await again.transaction(async (tx) => [await tx.version('x'), await tx.getMeta('checkpoint'), (await tx.opsFor(tallyKey(tally())))[0]?.record])).toEqual([3, 42, tally()]);
    await again.close();
  });

  it('a transaction that throws leaves nothing behind', async () => {
    const store = await FileSyncStore.open(dir);
    await expect(
      store.transaction(async (tx) => {
        await writeLocal(tx, tally(), 'cli', null);
        await tx.setMeta('checkpoint', 7);
        throw new Error('cut');
      }),
    ).rejects.toThrow('cut');
    expect(await store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
    expect(await store.transaction((tx) => tx.getMeta('checkpoint'))).toBe(0);
    await store.close();
    expect((await readdir(dir)).filter((f) => f.startsWith('chunk-'))).toEqual([]);
  });

  it('removes chunks a cut-off commit left without a manifest', async () => {
    const store = await FileSyncStore.open(dir);
    await store.transaction((tx) => writeLocal(tx, tally(), 'cli', null));
    await store.close();
    await writeFile(join(dir, 'chunk-99.json'), '{"records":{},"ops":{}}');
    await writeFile(join(dir, '.state.json.123.abc.tmp'), 'half');
    const again = await FileSyncStore.open(dir);
    expect(await readdir(dir)).not.toContain('chunk-99.json');
    expect((await readdir(dir)).some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(await again.records()).toEqual([{ kind: 'tally', key: tallyKey(tally()), record: tally() }]);
    await again.close();
  });

  it('one process at a time: a live owner is refused, a dead one taken over', async () => {
    const store = await FileSyncStore.open(dir);
    await writeFile(join(dir, 'lock'), String(process.ppid));
    await expect(FileSyncStore.open(dir)).rejects.toBeInstanceOf(StateError);
    await writeFile(join(dir, 'lock'), '999999999');
    const taken = await FileSyncStore.open(dir);
    await taken.close();
    await store.close();
  });

  it('many small commits keep only the chunks still in use, losing nothing', async () => {
    const store = await FileSyncStore.open(dir);
    for (let i = 0; i < 40; i++) await store.transaction((tx) => writeLocal(tx, tally(i % 2 ? TPS1 : TPS2, i), 'cli', null));
    expect((await readdir(dir)).filter((f) => f.startsWith('chunk-')).length).toBeLessThanOrEqual(3);
    await store.close();
    const again = await FileSyncStore.open(dir);
    expect((await again.records()).map((r) => (r.kind === 'tally' ? r.record.votes[1] : null))).toEqual([39, 38]);
    // Each record's never-sent op absorbed its later writes.
    expect(await again.counts()).toMatchObject({ pending: 2 });
    await again.close();
  });

  it('refuses a damaged state with a sentence, not a crash', async () => {
    await writeFile(join(dir, 'state.json'), '{"format":"rekap.sync-state/v1","generation":"x"}');
    await expect(FileSyncStore.open(dir)).rejects.toThrow(/sync state is damaged/);
  });

  it('plans the same ops as the browser’s outbox', () => {
    const plan = planOutboxWrite([], 4, { kind: 'tally', key: tallyKey(tally()), record: tally(), actor: 'cli', reason: null });
    expect(plan).toMatchObject({ kind: 'add', op: { baseVersion: 4, state: 'queued' } });
  });
});
