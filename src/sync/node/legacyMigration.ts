import { access, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { text } from '../../domain/common/text.ts';
import { syncDir } from './atomic.ts';
import { LEGACY_FORMAT, legacyLeftovers, readLegacyState, type LegacyState } from './legacyState.ts';
import { StateError } from './stateError.ts';

/**
 * A state folder written by the old file store (state.json + chunks) is imported into the SQLite
 * file once, in one transaction that also records the import; the old files are removed only after
 * that commit. A kill before the commit leaves the old files whole (the next open imports them
 * again); a kill after it leaves files the next open only removes. Returns whether it imported.
 */
export async function importLegacyState(db: BetterSqlite3.Database, dir: string): Promise<boolean> {
  if (!(await exists(join(dir, 'state.json')))) return false;
  const imported = db.prepare<[string], number>('SELECT 1 FROM migrated WHERE source = ?').pluck().get(LEGACY_FORMAT) !== undefined;
  let wrote = false;
  if (!imported) {
    const legacy = await readLegacyState(dir);
    if (legacy) {
      if (holdsState(db)) {
        throw new StateError(
          text(
            `Folder ${dir} berisi status sinkron lama (state.json) dan baru (state.db) sekaligus; pakai folder lain.`,
            `Folder ${dir} holds both an old (state.json) and a new (state.db) sync state; use another folder.`,
          ),
        );
      }
      db.transaction(() => write(db, legacy)).immediate();
      wrote = true;
    }
  }
  for (const name of [...(await legacyLeftovers(dir)), 'state.json']) {
    await unlink(join(dir, name)).catch((error: { code?: string }) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  await syncDir(dir);
  return wrote;
}

function write(db: BetterSqlite3.Database, legacy: LegacyState): void {
  const op = db.prepare<[number, string, string, string]>('INSERT INTO ops (id, key, state, json) VALUES (?, ?, ?, ?)');
  for (const { id, ...stored } of legacy.ops) op.run(id!, stored.key, stored.state, JSON.stringify(stored));
  // Ids the old store already gave (to ops since acknowledged) are not given again.
  const next = Math.max(legacy.nextOpId - 1, ...legacy.ops.map((o) => o.id!));
  if (db.prepare<[number]>("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'ops'").run(next).changes === 0) {
    db.prepare<[number]>("INSERT INTO sqlite_sequence (name, seq) VALUES ('ops', ?)").run(next);
  }
  const record = db.prepare<[string, string]>('INSERT INTO records (key, json) VALUES (?, ?)');
  for (const [key, value] of legacy.records) record.run(key, JSON.stringify(value));
  const version = db.prepare<[string, number]>('INSERT INTO versions (key, version) VALUES (?, ?)');
  for (const [key, value] of legacy.versions) version.run(key, value);
  const conflict = db.prepare<[string, string]>('INSERT INTO conflicts (key, json) VALUES (?, ?)');
  for (const row of legacy.conflicts) conflict.run(row.key, JSON.stringify(row));
  const meta = db.prepare<[string, string]>('INSERT INTO meta (name, json) VALUES (?, ?)');
  for (const [name, value] of Object.entries(legacy.meta)) meta.run(name, JSON.stringify(value));
  if (legacy.setup) db.prepare<[string]>('INSERT INTO setup (id, json) VALUES (1, ?)').run(JSON.stringify(legacy.setup));
  db.prepare<[string, string]>('INSERT INTO migrated (source, at) VALUES (?, ?)').run(LEGACY_FORMAT, new Date().toISOString());
}

function holdsState(db: BetterSqlite3.Database): boolean {
  return ['ops', 'records', 'versions', 'conflicts', 'meta', 'setup'].some((table) => db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() !== undefined);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
