import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** bench/peers: the comparison peers' own package.json and lock, outside the app's `npm ci`. */
export const PEERS_DIR = import.meta.dirname;

/**
 * Installs the peers from their lock the first time a benchmark needs them (`npm ci --prefix
 * bench/peers`): PouchDB and pouchdb-server are ~440 packages that no one running or testing the
 * app needs, so the root `npm ci` leaves them out.
 */
export function ensurePeers(): void {
  if (existsSync(join(PEERS_DIR, 'node_modules', '.package-lock.json'))) return;
  console.error('bench/peers: installing the comparison peers (npm ci --prefix bench/peers), once…');
  const result = spawnSync('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm ci --prefix bench/peers failed (${result.error?.message ?? `exit ${result.status}`})`);
}

/** `require` resolving from bench/peers/node_modules (installed first when missing). */
export function peerRequire(): NodeJS.Require {
  ensurePeers();
  return createRequire(join(PEERS_DIR, 'package.json'));
}

/** A package's command in bench/peers/node_modules/.bin (installed first when missing). */
export function peerBin(name: string): string {
  ensurePeers();
  return join(PEERS_DIR, 'node_modules', '.bin', name);
}
