import { closeSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { text } from '../../domain/common/text.ts';
import { StateError } from './stateError.ts';

/** The state file's layout version (PRAGMA user_version); a newer one is refused, not guessed at. */
export const STATE_DB_VERSION = 1;

/**
 * The headless client's tables. Values are JSON text read back through the zod schemas; the columns
 * beside them are what the store looks things up by.
 *
 *   ops        the outbox, id = the op's local id (AUTOINCREMENT: an id is never reused, so a kept
 *              refusal in meta `failed` cannot come to name another op); by key for opsFor, and
 *              (id, key, state) as a covering index for nextBatch's walk oldest first
 *   records    the local record of every kind, by key
 *   versions   the server version each record is based on
 *   conflicts  open conflicts, by key
 *   meta       SyncMeta, one row per field
 *   setup      the kecamatan's setup from enrolment (one row)
 *   migrated   old state formats imported into this file (the import's commit point)
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS ops (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ops_by_key ON ops (key, id);
  CREATE INDEX IF NOT EXISTS ops_in_order ON ops (id, key, state);
  CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS versions (key TEXT PRIMARY KEY, version INTEGER NOT NULL CHECK (version >= 0)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS conflicts (key TEXT PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS setup (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS migrated (source TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * Opens (creating) the state database. The file holds the bearer token, so it is created 0600
 * before SQLite opens it (SQLite gives its -wal and -shm files the database file's mode). WAL with
 * synchronous=FULL: a commit is on disk before it returns, and a kill at any moment leaves the
 * last committed state.
 */
export function openStateDatabase(file: string): BetterSqlite3.Database {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  }
  const db = new BetterSqlite3(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > STATE_DB_VERSION) {
      throw new StateError(
        text(`Folder status ditulis oleh Rekap yang lebih baru (format ${version}); perbarui Rekap.`, `The state folder was written by a newer Rekap (format ${version}); update Rekap.`),
      );
    }
    db.exec(`BEGIN IMMEDIATE; ${SCHEMA} PRAGMA user_version = ${STATE_DB_VERSION}; COMMIT;`);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StateError) throw error;
    if ((error as { code?: string }).code === 'SQLITE_NOTADB' || (error as { code?: string }).code === 'SQLITE_CORRUPT') {
      throw new StateError(text(`Berkas status sinkron rusak (${file}): bukan basis data SQLite.`, `The sync state is damaged (${file}): not an SQLite database.`));
    }
    throw error;
  }
}
