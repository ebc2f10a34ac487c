import type { Role } from '../../src/api/index.ts';
import type { DesaCode, TpsCode } from '../../src/domain/codes/codes.ts';
import type { ContestId } from '../../src/domain/tally/contest.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { getTally, setFigures, type RekapDb } from '../../src/db/index.ts';
import { DexieSyncStore, localLock, SyncEngine, type Transport } from '../../src/sync/index.ts';
import { freshDb, TPS1 } from '../db/fixtures.ts';
import { routedTransport, type MemoryServer } from './memoryServer.ts';

export const SERVER_URL = 'https://ppk.test';

export interface Client {
  name: string;
  db: RekapDb;
  store: DexieSyncStore;
  engine: SyncEngine;
  /** Replace to cut the network or make it lossy. */
  network: { wrap: (t: Transport) => Transport };
}

/** A fresh browser profile with a sync engine whose transport goes into `server` (through `network`). */
export function newClient(server: MemoryServer, name: string): Client {
  const db = freshDb();
  const store = new DexieSyncStore(db);
  const network = { wrap: (t: Transport) => t };
  const engine = new SyncEngine({
    store,
    lock: localLock(),
    transportFor: (_url, token) => {
      const direct = server.transport(token);
      // Looked up per call, so a test can cut the network between calls.
      return routedTransport(() => network.wrap(direct));
    },
  });
  return { name, db, store, engine, network };
}

export async function enrolled(server: MemoryServer, name: string, role: Role, desa?: DesaCode[]): Promise<Client> {
  const client = newClient(server, name);
  const result = await client.engine.enrol({ serverUrl: SERVER_URL, code: server.code(role, { desa: desa ?? null }), deviceName: `${name}'s laptop`, actor: name });
  if (!result.ok) throw new Error(`enrol ${name}: ${result.error.en}`);
  return client;
}

export async function type(client: Client, tps: TpsCode, contest: ContestId, values: Record<string, number | null>, reason?: string): Promise<void> {
  const r = await setFigures(client.db, { tps, contest, changes: Object.entries(values).map(([path, value]) => ({ path, value })), actor: client.name, reason: reason ?? null });
  if (!r.ok) throw new Error(`${client.name} typing: ${r.error.kind}`);
}

export async function localTally(client: Client, tps: TpsCode, contest: ContestId): Promise<Tally | null> {
  const row = await getTally(client.db, tallyKey({ tps, contest }));
  if (!row.ok) throw new Error(row.error.kind);
  return row.value?.tally ?? null;
}

export async function syncOk(client: Client) {
  const outcome = await client.engine.syncNow();
  if (outcome.kind !== 'synced') throw new Error(`${client.name}: round ${outcome.kind}${outcome.kind === 'failed' ? ` ${outcome.failure.message.en}` : ''}`);
  return outcome;
}

/**
 * Two chairs, Ani and Budi, both holding `shared` (when given), then each editing TPS1's PPWP
 * form: Ani syncs first, so Budi's round (returned) ends with the record as a conflict on his side.
 */
export async function concurrentEdit(
  server: MemoryServer,
  edits: { shared?: Record<string, number>; a: Record<string, number>; b: Record<string, number> },
): Promise<{ a: Client; b: Client; round: Awaited<ReturnType<typeof syncOk>> }> {
  const a = await enrolled(server, 'Ani', 'chair');
  const b = await enrolled(server, 'Budi', 'chair');
  if (edits.shared) {
    await type(a, TPS1, 'PPWP', edits.shared);
    await syncOk(a);
    await syncOk(b);
  }
  await type(a, TPS1, 'PPWP', edits.a);
  await type(b, TPS1, 'PPWP', edits.b);
  await syncOk(a);
  return { a, b, round: await syncOk(b) };
}
