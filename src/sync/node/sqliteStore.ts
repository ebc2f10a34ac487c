import { access, chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { ConflictRow } from '../../db/v3Types.ts';
import type { KeyedRecord } from '../../db/types.ts';
import { canonicalJson } from '../../domain/canonical/json.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { SetupSchema, type Setup } from '../../domain/setup/schema.ts';
import { ConflictRowSchema } from '../schemas.ts';
import type { SyncCounts, SyncStore, SyncTx } from '../store.ts';
import { loadOrCreateKeyFile } from './keyFile.ts';
import { importLegacyState } from './legacyMigration.ts';
import { keyedOf, recordSchemaOf } from './recordKinds.ts';
import { openStateDatabase } from './sqliteSchema.ts';
import { prepareStatements, type Statements } from './sqliteStatements.ts';
import { readMeta, sqliteTx } from './sqliteTx.ts';
import { releaseStateLock, takeStateLock } from './stateLock.ts';
import { StateError } from './stateError.ts';
import { parseStored } from './storedJson.ts';

export { StateError };

/**
 * The headless client's store (`rekap sync --state <dir>`): the same state as the browser's, in
 * one SQLite file that survives a kill at any moment.
 *
 *   state.db          ops, records, versions, conflicts, meta (enrolment with the bearer token,
 *                     checkpoint, refusals) and the setup (sqliteSchema.ts), mode 600, WAL
 *                     (state.db-wal, state.db-shm beside it while open)
 *   device-key.json   the device key pair as JWK (mode 600). Node has no non-extractable key
 *                     storage like IndexedDB, so the private key is an extractable file: protect
 *                     the folder like a password
 *   lock              the pid of the process using the folder
 *
 * A transaction is one SQLite transaction (BEGIN IMMEDIATE before the body, COMMIT after it,
 * ROLLBACK when it throws), committed with synchronous=FULL; a push cut off mid-way resumes from the
 * last commit, and an op sent but not recorded as answered is simply sent again (the server answers
 * `duplicate`). A folder of the old file store is imported on open (legacyMigration.ts).
 *
 * better-sqlite3 is synchronous and the SyncTx calls only wrap it, so a body's awaits are on
 * settled promises; transactions run one after another (a queue), so two bodies never interleave
 * inside one SQLite transaction, and the store's own reads (counts, records…) wait for them and
 * see committed state only.
 */
export class SqliteSyncStore implements SyncStore {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly s: Statements;

  private constructor(
    readonly dir: string,
    private readonly db: BetterSqlite3.Database,
  ) {
    this.s = prepareStatements(db);
  }

  /** The database file in a state folder. */
  static file(dir: string): string {
    return join(dir, 'state.db');
  }

  /** Opens (creating, mode 700) a state folder and takes its lock; `close()` releases it. */
  static async open(dir: string): Promise<SqliteSyncStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // A folder made by an older Rekap (or by hand) may be 755: narrowed once it is ours — it holds
    // our state — never a folder the user merely pointed at for the first time.
    if (await holdsState(dir)) await chmod(dir, 0o700);
    await takeStateLock(dir);
    let db: BetterSqlite3.Database | null = null;
    try {
      db = openStateDatabase(SqliteSyncStore.file(dir));
      await importLegacyState(db, dir);
      return new SqliteSyncStore(dir, db);
    } catch (error) {
      db?.close();
      await releaseStateLock(dir);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.db.open) this.db.close();
    await releaseStateLock(this.dir);
  }

  transaction<T>(body: (tx: SyncTx) => Promise<T>): Promise<T> {
    return this.serially(async () => {
      let open = true;
      this.s.begin.run();
      try {
        const value = await body(sqliteTx(this.s, () => open));
        this.s.commit.run();
        return value;
      } catch (error) {
        if (this.db.inTransaction) this.s.rollback.run();
        throw error;
      } finally {
        open = false;
      }
    });
  }

  /** Runs `work` after every transaction queued before it (and before any queued after it). */
  private serially<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  deviceKey(): Promise<CryptoKeyPair> {
    return loadOrCreateKeyFile(join(this.dir, 'device-key.json'));
  }

  installSetup(setup: Setup): Promise<Result<void, LocalizedText>> {
    return this.serially(() => {
      const current = this.readSetup();
      if (current && canonicalJson(current) === canonicalJson(setup)) return ok(undefined);
      if (current && current.kecamatan.code !== setup.kecamatan.code && this.s.recordCount.get()! > 0) {
        return err(text(`Folder ini menyimpan data kecamatan ${current.kecamatan.code}; pakai folder lain.`, `This folder holds kecamatan ${current.kecamatan.code}'s data; use another folder.`));
      }
      this.s.putSetup.run(JSON.stringify(setup));
      return ok(undefined);
    });
  }

  /** The setup stored at enrolment, null when none (or it no longer reads as a setup). */
  setup(): Promise<Setup | null> {
    return this.serially(() => this.readSetup());
  }

  private readSetup(): Setup | null {
    const json = this.s.setupJson.get();
    if (json === undefined) return null;
    try {
      return SetupSchema.parse(JSON.parse(json));
    } catch {
      return null;
    }
  }

  async queueUnsynced(): Promise<number> {
    // Records here come from pulls (the server's) or local writes (which queue their op).
    return 0;
  }

  counts(): Promise<SyncCounts> {
    return this.serially(() => ({ pending: this.s.opCount.get()!, conflicts: this.s.conflictCount.get()!, failed: readMeta(this.s, 'failed').length }));
  }

  conflicts(): Promise<ConflictRow[]> {
    return this.serially(() => this.s.allConflicts.all().map((row) => parseStored(ConflictRowSchema, row.json, `conflicts ${row.key}`) as ConflictRow));
  }

  records(): Promise<KeyedRecord[]> {
    return this.serially(() => this.s.allRecords.all().map((row) => keyedOf(row.key, parseStored(recordSchemaOf(row.key), row.json, `records ${row.key}`))));
  }
}

async function holdsState(dir: string): Promise<boolean> {
  for (const name of ['state.db', 'state.json']) {
    try {
      await access(join(dir, name));
      return true;
    } catch {
      // not there
    }
  }
  return false;
}
