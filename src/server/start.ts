import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import type { Logger } from './http/log.ts';
import { loadServerKey, type ServerKey } from './keys/serverKey.ts';
import type { Storage } from './storage/types.ts';

export interface StartOptions {
  storage: Storage;
  port: number;
  host: string;
  staticDir: string;
  log: Logger;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  connectSrc?: readonly string[];
  /** PUBLIC_URL: the address other devices use (a reverse proxy's, a DNS name); else the first LAN address. */
  publicUrl?: string | undefined;
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

/** Listens with the app (HTTPS when a certificate and key are given) and resolves once it accepts connections. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const serverKey = await loadServerKey(options.storage);
  let publicUrl: string | null = options.publicUrl ?? null;
  const app = createApp({
    publicUrl: () => publicUrl,
    storage: options.storage,
    serverKey,
    staticDir: options.staticDir,
    log: options.log,
    ...(options.connectSrc ? { connectSrc: options.connectSrc } : {}),
  });
  const secure = options.tls !== undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
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
  const { port } = server.address() as AddressInfo;
  const scheme = secure ? 'https' : 'http';
  const anyInterface = options.host === '0.0.0.0' || options.host === '::';
  const loopback = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/.test(options.host);
  const lanUrls = anyInterface ? lanAddresses().map((a) => `${scheme}://${a}:${port}`) : loopback ? [] : [`${scheme}://${options.host}:${port}`];
  // Enrolment links must carry an address other laptops can reach, never localhost.
  publicUrl ??= lanUrls[0] ?? null;
  return {
    url: `${scheme}://localhost:${port}`,
    lanUrls,
    port,
    secure,
    serverKey,
    close: () =>
      new Promise<void>((resolve) => {
        // Event streams never end by themselves: close them, then the listener.
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(a.address);
  }
  return out;
}
