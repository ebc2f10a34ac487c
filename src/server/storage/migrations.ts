import { type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Migrations live in code (no migration folder to ship next to the bundle). Append new ones with
 * the next number; never edit one that has run. Column types are the common subset of SQLite and
 * PostgreSQL (text, integer), so one list serves both.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('server_key')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('private_jwk', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('kecamatan')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_audit', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      // Apart from the kecamatan row, which every write updates (lock and counters): a setup is
      // tens of kilobytes that SQLite would otherwise rewrite on each op.
      await db.schema
        .createTable('setups')
        .addColumn('kecamatan', 'text', (c) => c.primaryKey().references('kecamatan.code'))
        .addColumn('setup', 'text', (c) => c.notNull())
        .addColumn('setup_hash', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('enrol_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('panel', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('used_by', 'text')
        .execute();

      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('panel', 'text')
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('enrolled_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('devices_by_kecamatan').on('devices').columns(['kecamatan', 'enrolled_at']).execute();

      await db.schema
        .createTable('records')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('records_pk', ['kecamatan', 'key'])
        .execute();

      await db.schema
        .createTable('changes')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('changes_pk', ['kecamatan', 'seq'])
        .addUniqueConstraint('changes_version_unique', ['kecamatan', 'key', 'version'])
        .execute();

      await db.schema
        .createTable('ops')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('op_id', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('version', 'integer')
        .addColumn('seq', 'integer')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ops_pk', ['kecamatan', 'op_id'])
        .execute();

      await db.schema
        .createTable('conflicts')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('op_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('base_version', 'integer', (c) => c.notNull())
        .addColumn('server_version', 'integer', (c) => c.notNull())
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('conflicts_pk', ['kecamatan', 'op_id'])
        .execute();

      await db.schema
        .createTable('audit')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('id', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text')
        .addColumn('actor', 'text')
        .addColumn('key', 'text')
        .addColumn('op_id', 'text')
        .addColumn('version', 'integer')
        .addColumn('hash', 'text')
        .addColumn('detail', 'text')
        .addPrimaryKeyConstraint('audit_pk', ['kecamatan', 'id'])
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1)!;
