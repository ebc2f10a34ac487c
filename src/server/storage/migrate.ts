import { Migrator, type Kysely } from 'kysely';
import { migrationProvider } from './migrations.ts';
import type { Database } from './schema.ts';

/** Brings the database to the latest schema; fails loudly (the server must not run on half a schema). */
export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const detail = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`database migration failed: ${detail}`);
  }
}
