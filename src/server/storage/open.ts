import { join, resolve } from 'node:path';
import type { Storage } from './types.ts';

export interface StorageConfig {
  /** PostgreSQL when set. */
  databaseUrl?: string | undefined;
  /** Folder of the SQLite file otherwise (default ./data). */
  dataDir?: string | undefined;
  schema?: string | undefined;
}

export const SQLITE_FILE = 'rekap.sqlite';
export const DEFAULT_DATA_DIR = 'data';

/** PostgreSQL from DATABASE_URL, else the embedded SQLite file under the data folder. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.databaseUrl) {
    const { openPostgresStorage } = await import('./postgres.ts');
    return openPostgresStorage(config.databaseUrl, config.schema ? { schema: config.schema } : {});
  }
  const { openSqliteStorage } = await import('./sqlite.ts');
  return openSqliteStorage(join(resolve(config.dataDir ?? DEFAULT_DATA_DIR), SQLITE_FILE));
}

/**
 * Where the server processes sharing this storage tell each other about writes (LISTEN/NOTIFY,
 * src/server/events/pgFeedChannel.ts): the same PostgreSQL and schema; none for SQLite, which one
 * process serves.
 */
export function crossProcessFeed(config: StorageConfig): { url: string; schema?: string } | undefined {
  if (!config.databaseUrl) return undefined;
  return { url: config.databaseUrl, ...(config.schema ? { schema: config.schema } : {}) };
}
