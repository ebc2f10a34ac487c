import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { installNodeSha256 } from './nodeSha256.ts';
import { Notifier } from './events/notifier.ts';
import { openPgFeedChannel, type PgFeedChannel } from './events/pgFeedChannel.ts';
import type { Logger } from './http/log.ts';
import type { KeySecretSource } from './keys/keySecret.ts';
import { loadServerKey, type ServerKey } from './keys/serverKey.ts';
import type { Storage } from './storage/types.ts';

export interface StartOptions {
  storage: Storage;
  /** The secret that seals the server's private key in the storage (src/server/keys/keySecret.ts). */
  keySecret: KeySecretSource;
  port: number;
  host: string;
  staticDir: string;
  log: Logger;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  connectSrc?: readonly string[];
  /** PUBLIC_URL: the address other devices use (a reverse proxy's, a DNS name); else the first LAN address. */
  publicUrl?: string | undefined;
  /**
   * PostgreSQL that other server processes may share (storage/open.ts `crossProcessFeed`): writes
   * are announced to them and theirs heard (LISTEN/NOTIFY), so every process's event streams see
   * every write at once. Without it (SQLite) the streams hear this process's writes only.
   */
  feed?: { url: string; schema?: string | undefined } | undefined;
  /** How often an open event stream re-reads the last seq anyway (default 5 s; app.ts). */
  eventsPollMs?: number;
}

export interface RunningServer {
  /** http(s)://localhost:<port> */
  url: string;
  /** The same on each LAN address (what other laptops in the hall type). */
  lanUrls: string[];
  port: number;
  secure: boolean;
  serverKey: ServerKey;
  close(): Promise<void>;
}

/**
 * Listens with the app (HTTPS when a certificate and key are given) and resolves once it accepts
 * connections. Rejects with ServerKeyError, before listening, when the key secret is missing or wrong.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  installNodeSha256();
  const serverKey = await loadServerKey(options.storage, options.keySecret);
  let publicUrl: string | null = options.publicUrl ?? null;
  const notifier = new Notifier();
  // LISTEN is in effect before the first request: no write of another process can slip past.
  const channel: PgFeedChannel | null = options.feed
    ? await openPgFeedChannel({ ...options.feed, deliver: (kecamatan, seq) => notifier.deliver(kecamatan, seq), log: options.log })
    : null;
  notifier.relayTo(channel);
  const app = createApp({
    publicUrl: () => publicUrl,
    storage: options.storage,
    serverKey,
    staticDir: options.staticDir,
    log: options.log,
    notifier,
    ...(options.eventsPollMs !== undefined ? { eventsPollMs: options.eventsPollMs } : {}),
    ...(options.connectSrc ? { connectSrc: options.connectSrc } : {}),
  });
  const secure = options.tls !== undefined;
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve(
        {
          fetch: app.fetch,
          port: options.port,
          hostname: options.host,
          ...(options.tls ? { createServer: createHttpsServer, serverOptions: { cert: options.tls.cert, key: options.tls.key } } : {}),
        },
        () => resolve(s),
      );
      s.once('error', reject);
    });
  } catch (error) {
    await channel?.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const lanUrls = networkUrls(options.host, port, secure);
  // Enrolment links must carry an address other laptops can reach, never localhost.
  publicUrl ??= lanUrls[0] ?? null;
  return {
    url: `${secure ? 'https' : 'http'}://localhost:${port}`,
    lanUrls,
    port,
    secure,
    serverKey,
    close: () =>
      new Promise<void>((resolve) => {
        // Event streams never end by themselves: close them, then the listener.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => channel?.close()),
  };
}

/** The addresses other laptops in the hall type: each LAN address when listening on every interface. */
export function networkUrls(host: string, port: number, secure: boolean): string[] {
  const scheme = secure ? 'https' : 'http';
  const anyInterface = host === '0.0.0.0' || host === '::';
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/.test(host);
  return anyInterface ? lanAddresses().map((a) => `${scheme}://${a}:${port}`) : loopback ? [] : [`${scheme}://${host}:${port}`];
}

function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}
