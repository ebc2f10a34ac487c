import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peerBin, peerRequire } from './install.ts';

/** The little of PouchDB the benchmark uses (the package ships no types). */
export interface PouchDatabase {
  bulkDocs(docs: readonly object[]): Promise<{ ok?: boolean; error?: unknown }[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  close(): Promise<unknown>;
}

interface PouchStatic {
  new (name: string, options?: { adapter?: string }): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  replicate(source: PouchDatabase | string, target: PouchDatabase | string, options?: { batch_size?: number }): Promise<{ ok: boolean; docs_written: number; doc_write_failures: number }>;
}

let loaded: PouchStatic | null = null;

/**
 * PouchDB with its in-memory adapter, from bench/peers (installed on first use): loaded when a
 * benchmark first needs it, so that `npm run bench` of any other benchmark never installs it.
 */
function pouchDB(): PouchStatic {
  if (loaded) return loaded;
  const require = peerRequire();
  loaded = (require('pouchdb') as PouchStatic).plugin(require('pouchdb-adapter-memory'));
  return loaded;
}

let counter = 0;

/** A fresh in-memory local database, as a browser client's IndexedDB would be. */
export function localPouch(): PouchDatabase {
  counter += 1;
  const PouchDB = pouchDB();
  return new PouchDB(`bench-local-${process.pid}-${counter}`, { adapter: 'memory' });
}

/**
 * Replicates to completion with PouchDB's defaults (batch_size 100). One-shot replication, as a
 * client catching up after being offline does.
 */
export async function replicate(source: PouchDatabase | string, target: PouchDatabase | string): Promise<number> {
  const result = await pouchDB().replicate(source, target);
  if (!result.ok || result.doc_write_failures > 0) throw new Error(`replication failed: ${JSON.stringify(result)}`);
  return result.docs_written;
}

export interface PouchServer {
  url: string;
  close(): Promise<void>;
}

/** `pouchdb-server --in-memory` in its own process (its config and log files in a temp folder). */
export async function startPouchServer(port: number): Promise<PouchServer> {
  const work = await mkdtemp(join(tmpdir(), 'rekap-bench-pouch-'));
  const child = spawn(peerBin('pouchdb-server'), ['--in-memory', '--port', String(port), '--host', '127.0.0.1', '--no-stdout-logs', '--config', join(work, 'config.json')], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) await stop(child);
    await rm(work, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`pouchdb-server exited (${child.exitCode})`);
      const up = await fetch(`${url}/`).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error('pouchdb-server did not start within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
