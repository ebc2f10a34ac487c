import { afterEach, beforeEach } from 'vitest';
import type { Change, Role, ServerRecord } from '../../src/api/index.ts';
import type { RekapDb } from '../../src/db/index.ts';
import { TallySchema, type Tally } from '../../src/domain/tally/tally.ts';
import { issueCode } from '../../src/server/admin.ts';
import { DexieSyncStore, httpTransport, localLock, requestSigner, SyncEngine, type Transport } from '../../src/sync/index.ts';
import { freshDb } from '../db/fixtures.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { STORAGE_CASES, type StorageCase } from '../server/storages.ts';
import { routedTransport } from './transports.ts';

/** Any URL reaches the in-process app (TestServer.fetch); this is the one the devices are given. */
export const SERVER_URL = 'https://ppk.test';

export interface Client {
  name: string;
  db: RekapDb;
  store: DexieSyncStore;
  engine: SyncEngine;
  /** Replace to cut the network or make it lossy. */
  network: { wrap: (t: Transport) => Transport };
}

/** The real HTTP transport into the app in-process, as a device with `token` would use it. */
export function directTransport(server: TestServer, token: string | null): Transport {
  return httpTransport({ serverUrl: SERVER_URL, token, fetch: server.fetch });
}

/**
 * A browser-like client (Dexie store, the real HTTP transport) talking to the real server app
 * in-process (tests/server/harness.ts: temp SQLite or PostgreSQL, the Puger demo, the chair's code).
 */
export function newClient(server: TestServer, name: string): Client {
  const db = freshDb();
  const store = new DexieSyncStore(db);
  const network = { wrap: (t: Transport) => t };
  const engine = new SyncEngine({
    store,
    lock: localLock(),
    transportFor: (_url, token) => {
      const direct = directTransport(server, token);
      // Looked up per call, so a test can cut the network between calls.
      return routedTransport(() => network.wrap(direct));
    },
  });
  return { name, db, store, engine, network };
}

export async function enrolledWith(server: TestServer, name: string, code: string): Promise<Client> {
  const client = newClient(server, name);
  const result = await client.engine.enrol({ serverUrl: SERVER_URL, code, deviceName: `${name}'s laptop`, actor: name });
  if (!result.ok) throw new Error(`enrol ${name}: ${result.error.en}`);
  return client;
}

/** A one-time code from the command line (`rekap server code`), no chair device needed. */
export async function adminCode(server: TestServer, role: Role, panel: string | null = null): Promise<string> {
  const issued = await issueCode({ storage: server.storage, now: server.clock.now }, { kecamatan: server.kecamatan, role, panel, createdBy: 'admin' });
  if (!issued.ok) throw new Error(issued.error.en);
  return issued.value.code;
}

export interface Kecamatan {
  /** Enrolled with the init code, as "Ketua". */
  chair: Client;
  /** A code the chair issues through POST /api/codes. */
  code(role: Role, panel?: string | null): Promise<string>;
  /** A device enrolled with such a code; `name` is also its actor. */
  enrol(name: string, role: Role, panel?: string | null): Promise<Client>;
}

/** The chair (enrolled with the init code) and a way to enrol more devices with codes it issues. */
export async function realKecamatan(server: TestServer): Promise<Kecamatan> {
  const chair = await enrolledWith(server, 'Ketua', server.chairCode);
  const code = async (role: Role, panel: string | null = null) => {
    const transport = await chair.engine.transport();
    return (await transport!.issueCode(role, panel, await requestSigner(chair.store))).code;
  };
  return { chair, code, enrol: async (name, role, panel = null) => enrolledWith(server, name, await code(role, panel)) };
}

export type ServerTally = Omit<ServerRecord, 'record'> & { record: Tally };

/** The server's current version of a C.Hasil record, from its storage. */
export async function serverTally(server: TestServer, key: string): Promise<ServerTally | null> {
  const stored = await server.storage.record(server.kecamatan, key);
  if (stored === null) return null;
  const tally = TallySchema.safeParse(stored.record);
  if (!tally.success) throw new Error(`${key} on the server is not a tally`);
  return { ...stored, record: tally.data };
}

/** The server's whole change feed (every applied version, by seq), from its storage. */
export async function serverChanges(server: TestServer): Promise<Change[]> {
  return (await server.storage.changes(server.kecamatan, 0, 10_000)).changes;
}

export async function tokenOf(client: Client): Promise<string> {
  const enrolment = await client.store.transaction((tx) => tx.getMeta('enrolment'));
  if (!enrolment) throw new Error(`${client.name} is not enrolled`);
  return enrolment.token;
}

/**
 * A fresh real server (on `storage`) and its kecamatan for every test of the calling describe
 * block, closed after each; `use` hands them to the block's variables.
 */
export function kecamatanEach(storage: StorageCase, use: (server: TestServer, kec: Kecamatan) => void): void {
  let current: TestServer | null = null;
  beforeEach(async () => {
    current = await startTestServer({ storage });
    use(current, await realKecamatan(current));
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
}

export { startTestServer, STORAGE_CASES, type StorageCase, type TestServer };
