import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planOutboxWrite } from '../../../src/db/outbox.ts';
import type { OutboxOp } from '../../../src/db/types.ts';
import { SetupSchema } from '../../../src/domain/setup/schema.ts';
import { emptyTally, setFigure } from '../../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../../src/domain/tally/tally.ts';
import { writeLocal } from '../../../src/sync/localWrite.ts';
import { SqliteSyncStore, StateError } from '../../../src/sync/node/sqliteStore.ts';
import { SETUP, TPS1, TPS2 } from '../../db/fixtures.ts';
import { conflictRow } from './storeFixtures.ts';

const ppwp = SETUP.contests[0]!;
const tally = (tps = TPS1, vote = 1): Tally => setFigure({ ...emptyTally(tps, ppwp), status: 'draft' }, 'votes.1', vote);
const keyed = (t: Tally) => ({ kind: 'tally' as const, key: tallyKey(t), record: t });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rekap-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the headless client’s SQLite store', () => {
  it('keeps records, ops, versions, conflicts and meta across a reopen', async () => {
    const store = await SqliteSyncStore.open(dir);
    await store.transaction(async (tx) => {
      await writeLocal(tx, tally(), 'cli', null);
      await tx.setVersion('x', 3);
      await tx.setMeta('checkpoint', 42);
      await tx.putConflict(conflictRow(tally(TPS2, 5), tally(TPS2, 6)));
    });
    await store.close();
    const again = await SqliteSyncStore.open(dir);
    expect(await again.records()).toEqual([keyed(tally())]);
    expect(await again.counts()).toEqual({ pending: 1, conflicts: 1, failed: 0 });
    expect(await again.conflicts()).toEqual([conflictRow(tally(TPS2, 5), tally(TPS2, 6))]);
    expect(await again.transaction(async (tx) => [await tx.version('x'), await tx.version('y'), await tx.getMeta('checkpoint'), (await tx.opsFor(tallyKey(tally())))[0]?.record])).toEqual([
      3,
      0,
      42,
      tally(),
    ]);
    await again.close();
  });

  it('a transaction that throws leaves nothing behind', async () => {
    const store = await SqliteSyncStore.open(dir);
    await expect(
      store.transaction(async (tx) => {
        await writeLocal(tx, tally(), 'cli', null);
        await tx.setMeta('checkpoint', 7);
        throw new Error('cut');
      }),
    ).rejects.toThrow('cut');
    expect(await store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
    expect(await store.records()).toEqual([]);
    expect(await store.transaction((tx) => tx.getMeta('checkpoint'))).toBe(0);
    await store.close();
  });

  it('transactions started together run one after the other, and the store’s reads wait for them', async () => {
    const store = await SqliteSyncStore.open(dir);
    const seen: number[] = [];
    const first = store.transaction(async (tx) => {
      for (let i = 1; i <= 5; i++) await tx.setMeta('checkpoint', i);
      await writeLocal(tx, tally(TPS1), 'cli', null);
      throw new Error('cut');
    });
    const second = store.transaction(async (tx) => {
      seen.push(await tx.getMeta('checkpoint'));
      await writeLocal(tx, tally(TPS2), 'cli', null);
      await tx.setMeta('checkpoint', 9);
    });
    const counts = store.counts();
    await expect(first).rejects.toThrow('cut');
    await second;
    // The second body saw nothing of the first (rolled back), and the count saw the second committed.
    expect(seen).toEqual([0]);
    expect(await counts).toEqual({ pending: 1, conflicts: 0, failed: 0 });
    expect((await store.records()).map((r) => r.key)).toEqual([tallyKey(tally(TPS2))]);
    await store.close();
  });

  it('sends per record its oldest op, never one behind a conflict, oldest first, up to the limit', async () => {
    const store = await SqliteSyncStore.open(dir);
    const op = (t: Tally, state: OutboxOp['state']): Omit<OutboxOp, 'id'> => {
      const plan = planOutboxWrite([], 0, { ...keyed(t), actor: 'cli', reason: null });
      return { ...plan.op, state } as Omit<OutboxOp, 'id'>;
    };
    const [a, b, c] = [tally(TPS1, 1), tally(TPS2, 2), setFigure(tally(TPS1, 3), 'votes.2', 1)];
    const other = { ...emptyTally(TPS1, SETUP.contests[1]!), status: 'draft' as const };
    const ids = await store.transaction(async (tx) => [await tx.addOp(op(a, 'sent')), await tx.addOp(op(a, 'queued')), await tx.addOp(op(b, 'queued')), await tx.addOp(op(other, 'rejected')), await tx.addOp(op(c, 'queued'))]);
    await store.transaction(async (tx) => {
      expect((await tx.nextBatch(200)).map((o) => o.id)).toEqual([ids[0], ids[2]]);
      expect((await tx.nextBatch(1)).map((o) => o.id)).toEqual([ids[0]]);
      await tx.putConflict(conflictRow(b, a));
      expect((await tx.nextBatch(200)).map((o) => o.id)).toEqual([ids[0]]);
      await tx.deleteOps([ids[0]!]);
      expect((await tx.nextBatch(200)).map((o) => o.id)).toEqual([ids[1]]);
    });
    await store.close();
  });

  it('never gives an op id twice, and refuses to rewrite an op it does not hold', async () => {
    const store = await SqliteSyncStore.open(dir);
    const first = await store.transaction(async (tx) => {
      await writeLocal(tx, tally(), 'cli', null);
      const [op] = await tx.opsFor(tallyKey(tally()));
      await tx.deleteOps([op!.id!]);
      return op!;
    });
    await store.close();
    const again = await SqliteSyncStore.open(dir);
    await again.transaction(async (tx) => {
      await writeLocal(tx, tally(TPS2), 'cli', null);
      const [op] = await tx.opsFor(tallyKey(tally(TPS2)));
      expect(op!.id).toBeGreaterThan(first.id!);
      await expect(tx.putOp(first)).rejects.toThrow(/no op/);
    });
    await again.close();
  });

  it('a transaction’s handle is dead once it has committed', async () => {
    const store = await SqliteSyncStore.open(dir);
    let kept: Parameters<Parameters<typeof store.transaction>[0]>[0] | null = null;
    await store.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept!.setMeta('checkpoint', 1)).rejects.toThrow(/after its transaction ended/);
    expect(await store.transaction((tx) => tx.getMeta('checkpoint'))).toBe(0);
    await store.close();
  });

  it('one process at a time: a live owner is refused, a dead one taken over', async () => {
    const store = await SqliteSyncStore.open(dir);
    await writeFile(join(dir, 'lock'), String(process.ppid));
    await expect(SqliteSyncStore.open(dir)).rejects.toBeInstanceOf(StateError);
    await writeFile(join(dir, 'lock'), '999999999');
    const taken = await SqliteSyncStore.open(dir);
    await taken.close();
    await store.close();
  });

  it('keeps the bearer token and the key out of other users’ reach (folder 700, files 600)', async () => {
    const folder = join(dir, 'state');
    const store = await SqliteSyncStore.open(folder);
    await store.transaction((tx) => tx.setMeta('checkpoint', 1));
    await store.deviceKey();
    const mode = async (name: string) => ((await stat(join(folder, name))).mode & 0o777).toString(8);
    expect(await mode('.')).toBe('700');
    expect(await mode('state.db')).toBe('600');
    expect(await mode('state.db-wal')).toBe('600');
    expect(await mode('device-key.json')).toBe('600');
    await store.close();
    expect((await readdir(folder)).sort()).toEqual(['device-key.json', 'state.db']);
  });

  it('narrows a state folder left open (755) by an older Rekap to 700 when it opens it', async () => {
    const folder = join(dir, 'state');
    await (await SqliteSyncStore.open(folder)).close();
    await chmod(folder, 0o755);
    const store = await SqliteSyncStore.open(folder);
    expect(((await stat(folder)).mode & 0o777).toString(8)).toBe('700');
    await store.close();
  });

  it('stores the setup and refuses another kecamatan’s once it holds records', async () => {
    const store = await SqliteSyncStore.open(dir);
    expect(await store.setup()).toBeNull();
    expect((await store.installSetup(SETUP)).ok).toBe(true);
    await store.transaction((tx) => writeLocal(tx, tally(), 'cli', null));
    const other = SetupSchema.parse({ ...SETUP, kecamatan: { code: '350909', name: 'Lain' } });
    const refused = await store.installSetup(other);
    expect(refused.ok ? null : refused.error.en).toMatch(/holds kecamatan 350908's data; use another folder/);
    await store.close();
    const again = await SqliteSyncStore.open(dir);
    expect(await again.setup()).toEqual(SETUP);
    await again.close();
  });

  it('refuses a damaged state with a sentence, not a crash', async () => {
    const store = await SqliteSyncStore.open(dir);
    await store.transaction((tx) => writeLocal(tx, tally(), 'cli', null));
    await store.close();
    const db = new BetterSqlite3(SqliteSyncStore.file(dir));
    db.prepare('UPDATE records SET json = ?').run('{"tps":"x"}');
    db.prepare('UPDATE ops SET json = ?').run('{not json');
    db.close();
    const again = await SqliteSyncStore.open(dir);
    await expect(again.records()).rejects.toThrow(/sync state is damaged \(records 3509082001001:PPWP\)/);
    await expect(again.transaction((tx) => tx.opsFor(tallyKey(tally())))).rejects.toThrow(/sync state is damaged \(ops 1\): not JSON/);
    await again.close();

    await writeFile(SqliteSyncStore.file(dir), 'this is no database, but a file of the same name');
    await rm(`${SqliteSyncStore.file(dir)}-wal`, { force: true });
    const refused = SqliteSyncStore.open(dir);
    await expect(refused).rejects.toBeInstanceOf(StateError);
    await expect(refused).rejects.toThrow(/sync state is damaged .*not an SQLite database/);
    // The refusal released the folder.
    expect(await readdir(dir)).not.toContain('lock');
  });
});
