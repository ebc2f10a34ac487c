import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordHash, type ServerRecord } from '../../src/api/index.ts';
import { TpsCodeSchema } from '../../src/domain/codes/codes.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { getTally } from '../../src/db/index.ts';
import { conflictCells, resolveConflict } from '../../src/sync/index.ts';
import type { TestServer } from '../server/harness.ts';
import { type } from './helpers.ts';
import type { Client } from './helpers.ts';
import { deliverDelayed, heal, lossy, newNetwork, type Fault, type Network } from './lossyNetwork.ts';
import { realKecamatan, startTestServer, STORAGE_CASES } from './realServer.ts';

/**
 * Property (issue 5): several clients with random offline periods, and pushes that are lost,
 * answered-but-lost, duplicated and delayed (delivered later, out of order), against the real
 * server. At quiescence: every client holds the server's records except where it shows a conflict,
 * no acknowledged write is missing from the server's history, and no client's last write vanished
 * without a visible conflict. After people resolve every conflict, everything is equal.
 */

const TPS = ['3509082004001', '3509082004002', '3509082004003'].map((t) => TpsCodeSchema.parse(t));
const CELLS = ['votes.1', 'votes.2', 'votes.3', 'voters.dpt.male'];
const KEYS = TPS.map((tps) => tallyKey({ tps, contest: 'PPWP' }));

type Action =
  | { kind: 'write'; client: number; tps: number; cell: number; value: number }
  | { kind: 'sync'; client: number; fault: Fault }
  | { kind: 'toggle'; client: number }
  | { kind: 'deliver-delayed'; index: number }
  | { kind: 'resolve'; client: number; keep: 'local' | 'server' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('write' as const), client: fc.nat(2), tps: fc.nat(2), cell: fc.nat(CELLS.length - 1), value: fc.integer({ min: 0, max: 300 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), client: fc.nat(2), fault: fc.constantFrom<Fault>('none', 'none', 'lose-request', 'lose-answer', 'duplicate', 'delay') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), client: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deliver-delayed' as const), index: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), client: fc.nat(2), keep: fc.constantFrom<'local' | 'server'>('local', 'server') }) },
);

interface World {
  server: TestServer;
  clients: Client[];
  net: Network;
  /** op hash by record key, for every op a client was told was applied or a duplicate. */
  acknowledged: { key: string; hash: string }[];
  /** Each client's last local write per record (canonical JSON). */
  lastWrite: Map<string, string>[];
}

async function localRecord(client: Client, key: string): Promise<Tally | null> {
  const row = await getTally(client.db, key as never);
  if (!row.ok) throw new Error(row.error.kind);
  return row.value?.tally ?? null;
}

/** The server's current records and full history, read through the change feed like a device would. */
async function serverState(world: World): Promise<{ current: Map<string, ServerRecord>; history: Map<string, Set<string>> }> {
  const transport = (await world.clients[0]!.engine.transport())!;
  const current = new Map<string, ServerRecord>();
  const history = new Map<string, Set<string>>();
  let since = 0;
  for (;;) {
    const page = await transport.pull(since, 1000);
    for (const c of page.changes) {
      current.set(c.key, c);
      history.set(c.key, (history.get(c.key) ?? new Set()).add(c.hash));
    }
    since = page.lastSeq;
    if (!page.more) return { current, history };
  }
}

async function act(world: World, action: Action): Promise<void> {
  switch (action.kind) {
    case 'write': {
      const client = world.clients[action.client]!;
      await type(client, TPS[action.tps]!, 'PPWP', { [CELLS[action.cell]!]: action.value });
      await noteLastWrite(world, action.client, KEYS[action.tps]!);
      return;
    }
    case 'sync':
      world.net.links[action.client]!.fault = action.fault;
      await world.clients[action.client]!.engine.syncNow();
      world.net.links[action.client]!.fault = 'none';
      return;
    case 'toggle':
      world.net.links[action.client]!.online = !world.net.links[action.client]!.online;
      return;
    case 'deliver-delayed':
      await deliverDelayed(world.net, action.index);
      return;
    case 'resolve':
      await resolveAll(world, action.client, action.keep);
      return;
  }
}

async function noteLastWrite(world: World, i: number, key: string): Promise<void> {
  const tally = await localRecord(world.clients[i]!, key);
  if (tally) world.lastWrite[i]!.set(key, canonicalJson(tally));
}

async function resolveAll(world: World, i: number, keep: 'local' | 'server'): Promise<void> {
  const client = world.clients[i]!;
  for (const conflict of await client.store.conflicts()) {
    if (conflict.kind !== 'tally') throw new Error(`only forms are written here: ${conflict.key}`);
    const local = await localRecord(client, conflict.key);
    const cells = Object.fromEntries(conflictCells(local, conflict.server.record).map((c) => [c.path, { from: keep }]));
    const result = await resolveConflict(client.store, conflict.key, { cells, meta: keep, actor: client.name, reason: `konflik: ${keep}` });
    if (!result.ok) throw new Error(result.error.en);
    if (result.value.kind === 'new-version') await noteLastWrite(world, i, conflict.key);
    else world.lastWrite[i]!.delete(conflict.key);
  }
}

/** Network healed: late deliveries land, every client syncs until nothing moves. */
async function quiesce(world: World): Promise<void> {
  await heal(world.net);
  for (let pass = 0; pass < 3; pass++) {
    for (const client of world.clients) {
      const outcome = await client.engine.syncNow();
      if (outcome.kind !== 'synced') throw new Error(`${client.name}: ${outcome.kind}`);
    }
  }
}

async function checkQuiescent(world: World): Promise<void> {
  const { current, history } = await serverState(world);
  // No acknowledged write is lost.
  for (const { key, hash } of world.acknowledged) expect(history.get(key)?.has(hash), `acknowledged ${key} ${hash.slice(0, 8)}`).toBe(true);
  for (const [i, client] of world.clients.entries()) {
    const conflicts = new Set((await client.store.conflicts()).map((c) => c.key));
    const failed = new Set((await client.store.transaction((tx) => tx.getMeta('failed'))).map((f) => f.key));
    for (const key of KEYS) {
      const pending = await client.store.transaction((tx) => tx.opsFor(key));
      const local = await localRecord(client, key);
      const visible = conflicts.has(key) || failed.has(key);
      if (pending.length > 0) {
        // Ops that cannot go are there for a reason a person can see.
        expect(visible, `${client.name} ${key}: pending ops without a visible reason`).toBe(true);
      } else {
        // Converged on the server's record.
        expect(local ? canonicalJson(local) : null, `${client.name} ${key}`).toBe(current.has(key) ? canonicalJson(current.get(key)!.record) : null);
      }
      // A person's last write is on the server, or shown as a conflict: never silently gone.
      const last = world.lastWrite[i]!.get(key);
      if (last !== undefined && !visible) {
        const hash = await recordHash(JSON.parse(last) as Tally);
        expect(history.get(key)?.has(hash), `${client.name}'s last write of ${key} vanished`).toBe(true);
      }
    }
  }
}

describe.each(STORAGE_CASES)('sync convergence (fast-check, real server in-process, $name)', (storage) => {
  it('converges despite offline periods and lost, duplicated and late pushes; conflicts are never silent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 5, maxLength: 30 }), async (actions) => {
        const server = await startTestServer({ storage });
        try {
          const { chair, enrol } = await realKecamatan(server);
          const clients = [chair, await enrol('Ani', 'clerk', 'panel-1'), await enrol('Budi', 'clerk', 'panel-1')];
          const acknowledged: World['acknowledged'] = [];
          const net = newNetwork(clients.length, (ops, answer) => {
            for (const r of answer.results) {
              const op = ops.find((o) => o.opId === r.opId)!;
              if (r.status === 'applied' || r.status === 'duplicate') acknowledged.push({ key: op.key, hash: op.hash });
            }
          });
          const world: World = { server, clients, net, acknowledged, lastWrite: clients.map(() => new Map()) };
          clients.forEach((client, i) => {
            const wrapOnce = client.network.wrap;
            client.network.wrap = (t) => lossy(net, i, wrapOnce(t));
          });
          for (const action of actions) await act(world, action);
          await quiesce(world);
          await checkQuiescent(world);

          // People settle every conflict; then everyone holds the same records.
          for (let i = 0; i < clients.length; i++) await resolveAll(world, i, 'server');
          await quiesce(world);
          const { current } = await serverState(world);
          for (const client of clients) {
            expect(await client.store.counts(), client.name).toEqual({ pending: 0, conflicts: 0, failed: 0 });
            for (const key of KEYS) {
              const local = await localRecord(client, key);
              expect(local ? canonicalJson(local) : null).toBe(current.has(key) ? canonicalJson(current.get(key)!.record) : null);
            }
          }
        } finally {
          await server.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
