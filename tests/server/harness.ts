import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Setup } from '../../src/domain/setup/schema.ts';
import { validateSetup } from '../../src/domain/setup/validate.ts';
import { initKecamatan } from '../../src/server/admin.ts';
import { createApp } from '../../src/server/app.ts';
import type { AppEnv } from '../../src/server/context.ts';
import { Notifier } from '../../src/server/events/notifier.ts';
import { memoryLogger, type LogEntry } from '../../src/server/http/log.ts';
import { fixedKeySecret } from '../../src/server/keys/keySecret.ts';
import { loadServerKey, type ServerKey } from '../../src/server/keys/serverKey.ts';
import type { Storage } from '../../src/server/storage/types.ts';
import { sqliteCase, type StorageCase } from './storages.ts';

/** The secret sealing the test servers' keys (src/server/keys/keySecret.ts); never written to disk. */
export const TEST_KEY_SECRET = fixedKeySecret(new Uint8Array(32).fill(7), 'test');

export const PUGER_SETUP_FILE = join(import.meta.dirname, '..', '..', 'public', 'demo', 'puger-setup.json');

export async function pugerSetup(): Promise<Setup> {
  const result = validateSetup(JSON.parse(await readFile(PUGER_SETUP_FILE, 'utf8')));
  if (!result.ok) throw new Error('the Puger demo setup is invalid');
  return result.value;
}

/** A clock tests can move (codes expire after 24 h). */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export function testClock(start = new Date('2024-02-18T01:00:00.000Z')): TestClock {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

export interface TestServer {
  app: Hono<AppEnv>;
  storage: Storage;
  serverKey: ServerKey;
  setup: Setup;
  kecamatan: string;
  /** The chair's one-time enrolment code from `init`. */
  chairCode: string;
  clock: TestClock;
  logs: LogEntry[];
  notifier: Notifier;
  /** app.request: in-process HTTP, no socket. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** A fetch that routes any URL to the app (for clients that take a fetch function). */
  fetch: typeof fetch;
  /** Listens on 127.0.0.1 (port 0 = any free port) for clients that need a real socket. */
  listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Default: a temp SQLite file. */
  storage?: StorageCase;
  staticDir?: string;
  clock?: TestClock;
  eventsPollMs?: number;
  eventsHeartbeatMs?: number;
  pushBodyLimit?: number;
  /** The address the server gives for enrolment links (PUBLIC_URL); none by default. */
  publicUrl?: string;
}

/**
 * The sync server in-process on a throw-away storage, with the Puger demo kecamatan initialised
 * (as `rekap server init --setup public/demo/puger-setup.json` would) and the chair's code ready.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const opened = await (options.storage ?? sqliteCase).open();
  const { storage } = opened;
  const clock = options.clock ?? testClock();
  const logger = memoryLogger();
  const notifier = new Notifier();
  const setup = await pugerSetup();
  const serverKey = await loadServerKey(storage, TEST_KEY_SECRET, clock.now);
  const init = await initKecamatan({ storage, now: clock.now }, setup);
  if (!init.ok) throw new Error(init.error.en);
  const app = createApp({
    storage,
    serverKey,
    log: logger,
    now: clock.now,
    notifier,
    staticDir: options.staticDir,
    eventsPollMs: options.eventsPollMs ?? 200,
    eventsHeartbeatMs: options.eventsHeartbeatMs ?? 1000,
    ...(options.pushBodyLimit ? { pushBodyLimit: options.pushBodyLimit } : {}),
    publicUrl: () => options.publicUrl ?? null,
  });
  const servers: { close(): Promise<void> }[] = [];
  const fetchApp = ((input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    return Promise.resolve(app.fetch(request));
  }) as typeof fetch;
  return {
    app,
    storage,
    serverKey,
    setup,
    kecamatan: init.value.kecamatan,
    chairCode: init.value.chairCode.code,
    clock,
    logs: logger.entries,
    notifier,
    request: async (path, init) => app.request(path, init),
    fetch: fetchApp,
    async listen(port = 0) {
      const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
        const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
      });
      const { port: actual } = server.address() as AddressInfo;
      const handle = {
        close: () =>
          new Promise<void>((resolve) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => resolve());
          }),
      };
      servers.push(handle);
      return { url: `http://127.0.0.1:${actual}`, close: handle.close };
    },
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      await opened.cleanup();
    },
  };
}

/** The Puger setup moved to another kecamatan code (350909), for partition tests. */
export function otherKecamatan(setup: Setup): Setup {
  const moved = JSON.parse(JSON.stringify(setup).replaceAll('350908', '350909')) as Setup;
  return { ...moved, kecamatan: { code: moved.kecamatan.code, name: 'Kecamatan Lain' } };
}
