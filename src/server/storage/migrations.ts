import { PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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
  // Kecamatan summaries imported at the kabupaten level (src/server/kabupaten). One row per file
  // (kept forever, also once replaced) and one per kecamatan × contest it counts for; at most one
  // counted (replaced_at null) per kecamatan × contest, enforced by a partial unique index.
  '0002_kabupaten_summaries': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('summary_imports')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('kabupaten', 'text', (c) => c.notNull())
        .addColumn('kecamatan_name', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('contests', 'text', (c) => c.notNull())
        .addColumn('signer_name', 'text', (c) => c.notNull())
        .addColumn('signer_fingerprint', 'text', (c) => c.notNull())
        .addColumn('server_fingerprint', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addColumn('imported_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('summary_imports_pk', ['kecamatan', 'hash'])
        .execute();
      await db.schema.createIndex('summary_imports_by_kabupaten').on('summary_imports').columns(['kabupaten', 'imported_at']).execute();

      await db.schema
        .createTable('summary_slots')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('contest', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('kabupaten', 'text', (c) => c.notNull())
        .addColumn('kecamatan_name', 'text', (c) => c.notNull())
        .addColumn('ballot_key', 'text', (c) => c.notNull())
        .addColumn('ballot', 'text', (c) => c.notNull())
        .addColumn('tps_included', 'integer', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('counted_at', 'text', (c) => c.notNull())
        .addColumn('replaced_at', 'text')
        .addColumn('replaced_by', 'text')
        .addPrimaryKeyConstraint('summary_slots_pk', ['kecamatan', 'contest', 'hash'])
        .execute();
      await db.schema
        .createIndex('summary_slots_counted')
        .on('summary_slots')
        .columns(['kecamatan', 'contest'])
        .unique()
        .where(sql.ref('replaced_at'), 'is', null)
        .execute();
      await db.schema.createIndex('summary_slots_by_kabupaten').on('summary_slots').columns(['kabupaten', 'contest']).execute();
    },
  },
  // The devices' signed audit chains (src/domain/audit, POST /api/audit): one chain per device key
  // and kecamatan, entries verified before they are stored; indexed by record for a tally's history.
  '0003_audit_chain': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_chain')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('record_kind', 'text', (c) => c.notNull())
        .addColumn('record_key', 'text', (c) => c.notNull())
        .addColumn('at_utc', 'text', (c) => c.notNull())
        .addColumn('entry', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_chain_pk', ['kecamatan', 'key_hash', 'seq'])
        .execute();
      await db.schema.createIndex('audit_chain_by_record').on('audit_chain').columns(['kecamatan', 'record_key', 'at_utc']).execute();
    },
  },
  // Chain entries about an edit the server's workflow refused (issue 11): `refused` holds the
  // refusal code (null: not refused), so the history can show them as refused, not as changes.
  // Marking looks up the latest decision on a device's ops for a record in `audit`, inside the
  // kecamatan's lock on every chain push: the index keeps that from scanning the kecamatan's log.
  '0004_audit_chain_refused': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('audit_chain').addColumn('refused', 'text').execute();
      await db.schema.createIndex('audit_by_device_key').on('audit').columns(['kecamatan', 'device_id', 'key', 'id']).execute();
    },
  },
  // Batch signatures (issue 13): a device signs one manifest per push instead of each op. The
  // server keeps every manifest it decided ops from, and each op row names its manifest (or, for
  // a push from a device that signed each op, keeps that op's signature), so that every op stays
  // provable on its own: op → manifest → signature (docs/integrity.md).
  '0005_push_batches': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('push_batches')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('manifest', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('push_batches_pk', ['kecamatan', 'id'])
        .execute();
      await db.schema.alterTable('ops').addColumn('batch', 'text').execute();
      await db.schema.alterTable('ops').addColumn('signature', 'text').execute();
    },
  },
  // Records every device can check (issue 14): the pull feed serves, with each change, what its
  // device signed. A change names its op by seq (index); an op pushed without a manifest keeps the
  // exact message its device signed; a device keeps the attestation the server signed when it
  // enrolled, so a key swapped in the database afterwards no longer matches it (docs/integrity.md).
  '0006_pull_proofs': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('ops').addColumn('message', 'text').execute();
      await db.schema.createIndex('ops_by_seq').on('ops').columns(['kecamatan', 'seq']).execute();
      await db.schema.alterTable('devices').addColumn('attestation', 'text').execute();
    },
  },
  // Privileged requests signed by the chair's device key (issue 14): each signed message is kept
  // until its time window has passed, so a replay of it runs nothing, even on another process.
  '0007_signed_requests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('signed_requests')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('kecamatan', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('signed_requests_by_expiry').on('signed_requests').column('expires_at').execute();
    },
  },
  // Anchored chains (issue 14): after each accepted audit segment the server signs a checkpoint of
  // the device's chain head, numbered and hash-linked per kecamatan (src/domain/audit/checkpoint.ts),
  // and keeps it here; verify-audit checks the chains against them and against devices' receipts.
  '0008_audit_checkpoints': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('chain_hash', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('checkpoint', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('audit_checkpoints_pk', ['kecamatan', 'n'])
        .execute();
      await db.schema.createIndex('audit_checkpoints_by_key').on('audit_checkpoints').columns(['kecamatan', 'key_hash', 'n']).execute();
    },
  },
  // Photos of the C.Hasil as content-addressed blobs (issue 17, docs/sync.md): one row per kecamatan
  // and SHA-256. The bytes go in `data` on PostgreSQL (bytea) and in a file beside the SQLite
  // database otherwise, so the one column type that differs is chosen by dialect.
  '0009_blobs': {
    async up(db: Kysely<unknown>) {
      const binary = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
      await db.schema
        .createTable('blobs')
        .addColumn('kecamatan', 'text', (c) => c.notNull().references('kecamatan.code'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('tps', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('data', binary)
        .addPrimaryKeyConstraint('blobs_pk', ['kecamatan', 'sha256'])
        .execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).at(-1)!;
