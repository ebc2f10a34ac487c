import { join } from 'node:path';

/** The repository root (src/server/../..): dist/ and public/demo/ are found from here, not from the cwd. */
export const PACKAGE_ROOT = join(import.meta.dirname, '..', '..');
export const DEFAULT_STATIC_DIR = join(PACKAGE_ROOT, 'dist');
export const PUGER_DEMO_SETUP = join(PACKAGE_ROOT, 'public', 'demo', 'puger-setup.json');
export const DEFAULT_PORT = 8787;
/** Every interface: laptops in the hall reach the server at the host's LAN address. */
export const DEFAULT_HOST = '0.0.0.0';

export interface ServerEnv {
  port: number;
  host: string;
  dataDir: string | undefined;
  databaseUrl: string | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  staticDir: string;
  connectSrc: string[];
  publicUrl: string | undefined;
}

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

/** PORT, HOST, DATA_DIR, DATABASE_URL, TLS_CERT, TLS_KEY, STATIC_DIR, CSP_CONNECT_SRC, PUBLIC_URL. */
export function serverEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const port = nonEmpty(env.PORT);
  return {
    port: port === undefined ? DEFAULT_PORT : Number(port),
    host: nonEmpty(env.HOST) ?? DEFAULT_HOST,
    dataDir: nonEmpty(env.DATA_DIR),
    databaseUrl: nonEmpty(env.DATABASE_URL),
    tlsCert: nonEmpty(env.TLS_CERT),
    tlsKey: nonEmpty(env.TLS_KEY),
    staticDir: nonEmpty(env.STATIC_DIR) ?? DEFAULT_STATIC_DIR,
    connectSrc: (nonEmpty(env.CSP_CONNECT_SRC) ?? '').split(/\s+/).filter(Boolean),
    // Without a trailing slash: links append /#/daftar/<code>.
    publicUrl: nonEmpty(env.PUBLIC_URL)?.replace(/\/+$/, ''),
  };
}
