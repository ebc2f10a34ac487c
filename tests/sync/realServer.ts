import type { Role } from '../../src/api/index.ts';
import { DexieSyncStore, httpTransport, localLock, SyncEngine, type Transport } from '../../src/sync/index.ts';
import { freshDb } from '../db/fixtures.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import type { Client } from './helpers.ts';
import { routedTransport } from './memoryServer.ts';

export const REAL_URL = 'http://rekap.test';

/**
 * A browser-like client (Dexie store, the real HTTP transport) talking to the real server app
 * in-process (tests/server/harness.ts: temp SQLite, the Puger demo, the chair's code).
 */
export function realClient(server: TestServer, name: string): Client {
  const db = freshDb();
  const store = new DexieSyncStore(db);
  const network = { wrap: (t: Transport) => t };
  const engine = new SyncEngine({
    store,
    lock: localLock(),
    transportFor: (serverUrl, token) => {
      const direct = httpTransport({ serverUrl, token, fetch: server.fetch });
      return routedTransport(() => network.wrap(direct));
    },
  });
  return { name, db, store, engine, network };
}

export async function realEnrolled(server: TestServer, name: string, code: string): Promise<Client> {
  const client = realClient(server, name);
  const result = await client.engine.enrol({ serverUrl: REAL_URL, code, deviceName: `${name}'s laptop`, actor: name });
  if (!result.ok) throw new Error(`enrol ${name}: ${result.error.en}`);
  return client;
}

/** The chair (enrolled with the init code) and a way to enrol more devices with codes it issues. */
export async function realKecamatan(server: TestServer): Promise<{ chair: Client; enrol: (name: string, role: Role, panel?: string | null) => Promise<Client> }> {
  const chair = await realEnrolled(server, 'Ketua', server.chairCode);
  return {
    chair,
    enrol: async (name, role, panel = null) => {
      const transport = await chair.engine.transport();
      const issued = await transport!.issueCode(role, panel);
      return realEnrolled(server, name, issued.code);
    },
  };
}

export { startTestServer };
