import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { KyselyStorage } from './kysely.ts';
import { migrateToLatest } from './migrate.ts';
import { restrictDataFiles } from './privateFiles.ts';
import type { Database } from './schema.ts';
import type { Storage } from './types.ts';

/**
 * The embedded storage of a hall laptop: one SQLite file. WAL lets readers (pulls) run while a
 * push writes; synchronous=FULL makes every commit reach the disk before it returns, so an op
 * the server acknowledged survives a power cut.
 */
export async function openSqliteStorage(file: string): Promise<Storage> {
  restrictDataFiles(dirname(file), file);
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  // Another process (the admin command line) may hold the write lock for a moment.
  database.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStorage(db, 'sqlite', file);
}
