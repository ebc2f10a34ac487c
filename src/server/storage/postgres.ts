import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { KyselyStorage } from './kysely.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import type { Storage } from './types.ts';

export interface PostgresOptions {
  /** A schema of its own (created when missing), e.g. one per test run; default: the server's search_path. */
  schema?: string;
  /** Pool size per server process. */
  maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The kabupaten (or larger) deployment: PostgreSQL, where several stateless servers share the data. */
export async function openPostgresStorage(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await pool.query(`create schema if not exists ${schema}`);
    await migrateToLatest(db, schema ?? (await currentSchema(pool)));
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStorage(db, 'postgres', redact(url) + (schema ? ` (schema ${schema})` : ''));
}

/**
 * The schema tables are created in when none is given (the URL's search_path, e.g.
 * `?options=-c%20search_path%3Drekap`). Named explicitly to the migrator, which otherwise takes a
 * migration table in ANY schema of the database for its own and then fails to find it.
 */
async function currentSchema(pool: pg.Pool): Promise<string | undefined> {
  const result = await pool.query<{ schema: string | null }>('select current_schema() as schema');
  return result.rows[0]?.schema ?? undefined;
}

/** The URL without its password, for logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}
