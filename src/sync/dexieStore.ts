import type { ServerRecord } from '../api/index.ts';
import { desaOfTps } from '../domain/codes/codes.ts';
import { err, ok, type Result } from '../domain/common/result.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import type { Setup } from '../domain/setup/schema.ts';
import { figurePaths, getFigure } from '../domain/tally/fields.ts';
import { tallyKey, type Tally } from '../domain/tally/tally.ts';
import { canonicalJson } from '../domain/canonical/json.ts';
import {
  appendAudit,
  sealedAuditAfter,
  enqueueUnsynced,
  enqueueUnsyncedPlenary,
  listTallies,
  AUDIT_TABLES,
  loadSetup,
  OutboxOpSchema,
  parseOps,
  pendingOpCount,
  saveSetup,
  getTally,
  versionRowKey,
  baseRowKey,
  type Change,
  type ConflictRow,
  type KeyedRecord,
  listPlenaryRecords,
  putFinalisationRecord,
  putFormPhotosRecord,
  putObjectionRecord,
  readKeyedRecord,
  type OutboxOp,
  type RekapDb,
  type Revision,
  type TallyRow,
} from '../db/index.ts';
import { sealDeviceAudit } from './auditSealer.ts';
import { BaseRecordSchema, type BaseRecord } from './base.ts';
import { deviceKeyPair } from './deviceKey.ts';
import { ConflictRowSchema, MetaSchemas } from './schemas.ts';
import { headSelector } from './select.ts';
import { META_DEFAULTS, type AuditSource, type PhotoBlobSource, type SyncCounts, type SyncMeta, type SyncStore, type SyncTx } from './store.ts';
import { downloadPhotoBlobs, uploadPhotoBlobs } from './photoBlobs.ts';

/** Tables a sync transaction touches (setup: written by enrolment only; AUDIT_TABLES: a resolved conflict is audited). */
const SYNC_TABLES = ['tallies', 'revisions', 'objections', 'finalisations', 'photos', 'photoData', 'outbox', 'conflicts', ...AUDIT_TABLES];

const META_ROW: Record<keyof SyncMeta, string> = {
  enrolment: 'enrolment',
  checkpoint: 'checkpoint',
  lastSyncAt: 'lastSyncAt',
  lastError: 'lastError',
  failed: 'failed',
  auditSent: 'auditSent',
  auditRefused: 'auditRefused',
  writerKeys: 'writerKeys',
  pullRefused: 'pullRefused',
  auditReceipt: 'auditReceipt',
  auditAlarm: 'auditAlarm',
};

/** Figure and sign-off differences, for the history of a record changed by sync. */
function diff(before: Tally | null, after: Tally): Change[] {
  const changes: Change[] = [];
  for (const path of figurePaths(after)) {
    const a = before ? (getFigure(before, path) ?? null) : null;
    const b = getFigure(after, path) ?? null;
    if (a !== b) changes.push({ path, before: a, after: b });
  }
  for (const path of ['enteredBy', 'verifiedBy', 'acceptedWarnings'] as const) {
    const a = before?.[path] ?? null;
    const b = after[path] ?? null;
    if (canonicalJson(a) !== canonicalJson(b)) changes.push({ path, before: a, after: b });
  }
  return changes;
}

/**
 * The browser's store: the app's own database. Records are the tally rows the entry form shows;
 * a record written by sync gets a revision in its history like any other change ('import' from
 * the server, 'correction' with the reason for a resolved conflict).
 */
export class DexieSyncStore implements SyncStore {
  constructor(readonly db: RekapDb) {}

  /** The app's audit trail (src/db/audit.ts), sealed with this device's key. */
  readonly photos: PhotoBlobSource = {
    upload: (transport) => uploadPhotoBlobs(this.db, transport),
    download: (transport) => downloadPhotoBlobs(this.db, transport),
  };

  readonly audit: AuditSource = {
    seal: () => sealDeviceAudit(this.db),
    after: (seq, limit) => sealedAuditAfter(this.db, seq, limit),
  };

  transaction<T>(body: (tx: SyncTx) => Promise<T>): Promise<T> {
    // An async scope function: Dexie then keeps the transaction's zone across the native awaits
    // of the engine's (async) functions; a plain arrow returning their promise commits early.
    return this.db.transaction('rw', SYNC_TABLES, async () => await body(this.tx));
  }

  private readonly tx: SyncTx = {
    nextBatch: async (limit, inFlight = new Set()) => {
      const blocked = new Set((await this.db.conflicts.toCollection().primaryKeys()).map(String));
      const select = headSelector(blocked);
      const batch: OutboxOp[] = [];
      await this.db.outbox
        .toCollection()
        .until(() => batch.length >= limit)
        .each((raw) => {
          // An op of a record in flight: the selector notes it, nothing is read.
          if (typeof raw.key === 'string' && inFlight.has(raw.key)) {
            select({ key: raw.key, state: String(raw.state) });
            return;
          }
          const parsed = OutboxOpSchema.safeParse(raw);
          if (parsed.success && select(parsed.data)) batch.push(parsed.data as OutboxOp);
        });
      return batch;
    },
    opsFor: async (key) => parseOps(await this.db.outbox.where('key').equals(key).toArray()),
    op: async (id) => {
      const parsed = OutboxOpSchema.safeParse(await this.db.outbox.get(id));
      return parsed.success ? (parsed.data as OutboxOp) : null;
    },
    putOp: async (op) => {
      await this.db.outbox.put(op);
    },
    addOp: async (op) => (await this.db.outbox.add(op as OutboxOp)) as number,
    deleteOps: async (ids) => {
      await this.db.outbox.bulkDelete([...ids]);
    },
    version: (key) => this.serverVersion(key),
    setVersion: async (key, version) => {
      await this.db.sync.put({ key: versionRowKey(key), value: version });
    },
    setBase: async ({ kind, key, version, record }) => {
      await this.db.sync.put({ key: baseRowKey(key), value: { kind, key, version, record } });
    },
    record: (key) => readKeyedRecord(this.db, key),
    putServerRecord: async (server: ServerRecord) => {
      // A server record is keyed by its kind's key shape (the schema checked it).
      await this.put(server as KeyedRecord, server.actor, null);
    },
    putLocalRecord: async (keyed, actor, reason) => {
      await this.put(keyed, actor, reason);
    },
    conflict: async (key) => {
      const parsed = ConflictRowSchema.safeParse(await this.db.conflicts.get(key));
      return parsed.success ? (parsed.data as ConflictRow) : null;
    },
    putConflict: async (row) => {
      await this.db.conflicts.put(row);
    },
    deleteConflict: async (key) => {
      await this.db.conflicts.delete(key);
    },
    getMeta: async (key) => this.readMeta(key),
    setMeta: async (key, value) => {
      await this.db.sync.put({ key: META_ROW[key], value });
    },
    appendAudit: async (change) => {
      await appendAudit(this.db, change);
    },
  };

  /** The server version a local record is based on (0: never on a server); safe inside live queries. */
  async serverVersion(key: string): Promise<number> {
    const row = await this.db.sync.get(versionRowKey(key));
    return typeof row?.value === 'number' ? row.value : 0;
  }

  /** The copy of a record at the version it is based on (src/sync/base.ts); safe inside live queries. */
  async baseOf(key: string): Promise<BaseRecord | null> {
    const parsed = BaseRecordSchema.safeParse((await this.db.sync.get(baseRowKey(key)))?.value);
    return parsed.success ? parsed.data : null;
  }

  /** The stored sync state without a write transaction (safe inside Dexie live queries). */
  async meta(): Promise<SyncMeta> {
    const [enrolment, checkpoint, lastSyncAt, lastError, failed, auditSent, auditRefused, writerKeys, pullRefused, auditReceipt, auditAlarm] = await Promise.all([
      this.readMeta('enrolment'),
      this.readMeta('checkpoint'),
      this.readMeta('lastSyncAt'),
      this.readMeta('lastError'),
      this.readMeta('failed'),
      this.readMeta('auditSent'),
      this.readMeta('auditRefused'),
      this.readMeta('writerKeys'),
      this.readMeta('pullRefused'),
      this.readMeta('auditReceipt'),
      this.readMeta('auditAlarm'),
    ]);
    return { enrolment, checkpoint, lastSyncAt, lastError, failed, auditSent, auditRefused, writerKeys, pullRefused, auditReceipt, auditAlarm };
  }

  private async readMeta<K extends keyof SyncMeta>(key: K): Promise<SyncMeta[K]> {
    const row = await this.db.sync.get(META_ROW[key]);
    if (row === undefined) return META_DEFAULTS[key];
    const parsed = MetaSchemas[key].safeParse(row.value);
    // Unreadable state falls back to "not set": at worst a full pull, or enrolling again.
    return parsed.success ? (parsed.data as SyncMeta[K]) : META_DEFAULTS[key];
  }

  /** Writes a record of any kind into the table of its kind (forms with a revision in their history). */
  private async put(keyed: KeyedRecord, actor: string, reason: string | null): Promise<void> {
    switch (keyed.kind) {
      case 'tally':
        return this.write(keyed.record, actor, reason, reason ? 'correction' : 'import');
      case 'objection':
        return putObjectionRecord(this.db, keyed.record, new Date().toISOString(), actor);
      case 'finalisation':
        return putFinalisationRecord(this.db, keyed.record);
      case 'photos':
        return putFormPhotosRecord(this.db, keyed.record);
    }
  }

  /**
   * Writes a record as the local tally row with a revision. A damaged stored row is replaced, but
   * what it held stays readable in that revision (nothing is lost).
   */
  private async write(tally: Tally, actor: string, reason: string | null, kind: Revision['kind']): Promise<void> {
    const key = tallyKey(tally);
    const raw = await this.db.tallies.get(key);
    const stored = raw === undefined ? null : await getTally(this.db, key);
    const before = stored?.ok ? stored.value : null;
    if (before && canonicalJson(before.tally) === canonicalJson(tally)) return;
    const at = new Date().toISOString();
    const row: TallyRow = {
      key,
      tps: tally.tps,
      desa: desaOfTps(tally.tps),
      contest: tally.contest,
      status: tally.status,
      tally,
      revision: (before?.revision ?? 0) + 1,
      updatedAt: at,
      updatedBy: actor,
      secondEntry: before?.secondEntry ?? null,
    };
    await this.db.tallies.put(row);
    const changes = diff(before?.tally ?? null, tally);
    if (raw !== undefined && !before) changes.push({ path: 'damaged-row', before: raw, after: null });
    await this.db.revisions.add({ key, revision: row.revision, at, by: actor, kind, changes, statusBefore: before?.status ?? null, statusAfter: tally.status, reason });
  }

  deviceKey(): Promise<CryptoKeyPair> {
    return deviceKeyPair(this.db);
  }

  async installSetup(setup: Setup): Promise<Result<void, LocalizedText>> {
    const current = await loadSetup(this.db);
    if (current.ok && current.value && canonicalJson(current.value) === canonicalJson(setup)) return ok(undefined);
    const saved = await saveSetup(this.db, setup);
    if (saved.ok) return ok(undefined);
    if (saved.error.kind === 'setup-mismatch') {
      return err(
        text(
          `Perangkat ini menyimpan data kecamatan lain; server ini untuk ${setup.kecamatan.name} (${setup.kecamatan.code}). Ekspor cadangan, pakai profil browser baru, lalu minta kode baru.`,
          `This device holds another kecamatan's data; this server is for ${setup.kecamatan.name} (${setup.kecamatan.code}). Export a backup, use a fresh browser profile, then ask for a new code.`,
        ),
      );
    }
    return err(saved.error.message);
  }

  async queueUnsynced(actor: string): Promise<number> {
    return this.db.transaction('rw', ['tallies', 'objections', 'finalisations', 'outbox', 'sync'], async () => (await enqueueUnsynced(this.db, actor)) + (await enqueueUnsyncedPlenary(this.db, actor)));
  }

  async counts(): Promise<SyncCounts> {
    const [pending, conflicts, failed] = await Promise.all([pendingOpCount(this.db), this.db.conflicts.count(), this.readMeta('failed')]);
    return { pending, conflicts, failed: failed.length };
  }

  async conflicts(): Promise<ConflictRow[]> {
    const rows: ConflictRow[] = [];
    for (const raw of await this.db.conflicts.toArray()) {
      const parsed = ConflictRowSchema.safeParse(raw);
      if (parsed.success) rows.push(parsed.data as ConflictRow);
    }
    return rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async records(): Promise<KeyedRecord[]> {
    const tallies: KeyedRecord[] = (await listTallies(this.db)).rows.map((r) => ({ kind: 'tally', key: r.key, record: r.tally }));
    return [...tallies, ...(await listPlenaryRecords(this.db))];
  }
}
