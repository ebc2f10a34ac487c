import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgresStorage } from '../../src/server/storage/postgres.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import type { Storage } from '../../src/server/storage/types.ts';

export interface OpenedStorage {
  storage: Storage;
  /** Closes the storage and removes its data (temp folder / PostgreSQL schema). */
  cleanup(): Promise<void>;
}

export interface StorageCase {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStorage>;
}

export const sqliteCase: StorageCase = {
  name: 'sqlite',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'rekap-server-'));
    const storage = await openSqliteStorage(join(dir, 'rekap.sqlite'));
    let closed = false;
    return {
      storage,
      async cleanup() {
        if (!closed) await storage.close();
        closed = true;
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

/**
 * PostgreSQL from DATABASE_URL (CI: postgres://postgres@127.0.0.1:5432/test). Each storage gets a
 * fresh schema, dropped afterwards, so parallel test files and runs never see each other's rows.
 * When DATABASE_URL is set and the server is unreachable the tests fail: they are never skipped.
 */
export function postgresCase(url: string): StorageCase {
  return {
    name: 'postgres',
    async open() {
      const schema = `rekap_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const storage = await openPostgresStorage(url, { schema, maxConnections: 4 });
      let closed = false;
      return {
        storage,
        async cleanup() {
          if (!closed) await storage.close();
          closed = true;
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`drop schema if exists ${schema} cascade`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL too when DATABASE_URL is set. */
export const STORAGE_CASES: StorageCase[] = [sqliteCase, ...(process.env.DATABASE_URL ? [postgresCase(process.env.DATABASE_URL)] : [])];
