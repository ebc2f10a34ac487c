import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Setup } from '../../src/domain/setup/schema.ts';

export type BenchStorage = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string; schema: string };

/** What bench/sync/serverProcess.ts reads from REKAP_BENCH_SERVER. */
export interface ServerProcessConfig {
  storage: BenchStorage;
  setupFile: string;
  port: number;
  /** How many chair codes to issue (the init code included). */
  codes: number;
}

export interface ServerProcessReady {
  url: string;
  kecamatan: string;
  codes: string[];
}

export interface BenchServer extends ServerProcessReady {
  storage: 'sqlite' | 'postgres';
  /** Stops the process and removes its data (temp folder / PostgreSQL schema). */
  close(): Promise<void>;
}

const PROCESS_FILE = join(import.meta.dirname, 'serverProcess.ts');
const REPO = join(import.meta.dirname, '..', '..');

/**
 * A real Rekap server in its own process (as `rekap server start` runs it: its own event loop,
 * like pouchdb-server), on a fresh SQLite data folder or a fresh PostgreSQL schema, with the
 * given setup initialised.
 */
export async function startBenchServer(opts: { setup: Setup; port: number; codes: number; databaseUrl?: string }): Promise<BenchServer> {
  const work = await mkdtemp(join(tmpdir(), 'rekap-bench-server-'));
  const setupFile = join(work, 'setup.json');
  await writeFile(setupFile, JSON.stringify(opts.setup));
  const storage: BenchStorage = opts.databaseUrl
    ? { kind: 'postgres', url: opts.databaseUrl, schema: `rekap_bench_${process.pid}_${randomBytes(4).toString('hex')}` }
    : { kind: 'sqlite', dataDir: join(work, 'data') };
  const config: ServerProcessConfig = { storage, setupFile, port: opts.port, codes: opts.codes };
  const child = fork(PROCESS_FILE, [], {
    // --import tsx resolves from the working directory: the repository's.
    cwd: REPO,
    // BENCH_SERVER_NODE_ARGS: e.g. --cpu-prof, to see where the server's time goes.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, REKAP_BENCH_SERVER: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const cleanup = async () => {
    await stop(child);
    await rm(work, { recursive: true, force: true });
    if (storage.kind === 'postgres') await dropSchema(storage.url, storage.schema);
  };
  try {
    const ready = await new Promise<ServerProcessReady>((resolve, reject) => {
      child.once('message', (m) => resolve(m as ServerProcessReady));
      child.once('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
    });
    return { ...ready, storage: storage.kind, close: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
