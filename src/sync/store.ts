import type { BlobRound, BlobTransport } from './blobTransport.ts';
import type { Attestation, Role, ServerRecord } from '../api/index.ts';
import type { DesaCode, KecamatanCode } from '../domain/codes/codes.ts';
import type { Result } from '../domain/common/result.ts';
import type { LocalizedText } from '../domain/common/text.ts';
import type { PublicKeyJwk } from '../domain/crypto/keys.ts';
import type { AuditEntry, ChainHead, ReceiptAlarm, SignedCheckpoint } from '../domain/audit/index.ts';
import type { Setup } from '../domain/setup/schema.ts';
import type { AuditWrite, ConflictRow, KeyedRecord, OutboxOp } from '../db/index.ts';
import type { BaseRecord } from './base.ts';

/**
 * Where the sync engine keeps its state. Two implementations share every line of sync logic:
 * DexieSyncStore (the browser: the app's own IndexedDB, so an op is written in the same
 * transaction as the change it carries) and SqliteSyncStore (Node, `rekap sync --state <dir>`).
 */

/** What enrolment gave this device (kept until the device is reset). */
export interface Enrolment {
  serverUrl: string;
  token: string;
  deviceId: string;
  deviceName: string;
  role: Role;
  kecamatan: KecamatanCode;
  panel: string | null;
  /** The desa this device may write; null = all (chair) or none (read-only roles). */
  desa: DesaCode[] | null;
  serverKey: PublicKeyJwk;
  attestation: Attestation;
  enrolledAt: string;
}

/** An op the server answered `locked` or `rejected`: kept, shown, never dropped by itself. */
export interface FailedOp {
  id: number;
  opId: string;
  key: string;
  status: 'locked' | 'rejected';
  reason: LocalizedText;
  /** locked: the server's copy, when it sent one (a person may take it instead). */
  server: ServerRecord | null;
  at: string;
}

/** Small key-value state besides ops, records, versions and conflicts. */
export interface SyncMeta {
  enrolment: Enrolment | null;
  /** The highest change-feed seq applied locally (pulls ask for what follows it). */
  checkpoint: number;
  lastSyncAt: string | null;
  /** The last transport failure (cleared by the next successful round). */
  lastError: LocalizedText | null;
  failed: FailedOp[];
  /** The last seq of this device's audit chain the server acknowledged (0: none yet). */
  auditSent: number;
  /** The server refused this device's audit chain: shown until a person asks to send again. */
  auditRefused: AuditRefusedState | null;
  /** Each writing device's key hash as first seen attested in the pull feed: a key never changes. */
  writerKeys: Record<string, string>;
  /** Changes the server sent that did not match what their device signed: never stored, shown. */
  pullRefused: RefusedChange[];
  /**
   * The server's latest signed checkpoint of this device's audit chain (or, on a device without a
   * chain, of the kecamatan's log): its receipt, compared with every later answer (issue 14).
   */
  auditReceipt: SignedCheckpoint | null;
  /** The server's answer contradicted the receipt: shown until a person acknowledges it. */
  auditAlarm: AuditAlarmState | null;
}

export interface AuditAlarmState {
  kind: ReceiptAlarm['kind'];
  message: LocalizedText;
  at: string;
}

/** A change of the pull feed refused because its proof did not hold (src/sync/pullProofs.ts). */
export interface RefusedChange {
  key: string;
  version: number;
  seq: number;
  deviceId: string;
  why: LocalizedText;
  refusedAt: string;
}

export interface AuditRefusedState {
  message: LocalizedText;
  at: string;
}

export const META_DEFAULTS: SyncMeta = { enrolment: null, checkpoint: 0, lastSyncAt: null, lastError: null, failed: [], auditSent: 0, auditRefused: null, writerKeys: {}, pullRefused: [], auditReceipt: null, auditAlarm: null };

/**
 * This device's signed audit trail, as the push reads it. Both calls do Web Crypto or their own
 * transactions: never call them inside `SyncStore.transaction`.
 */
export interface AuditSource {
  /** Chains and signs every change not yet sealed; the head afterwards. */
  seal(): Promise<ChainHead | null>;
  /** Sealed entries with seq > `seq`, ascending, at most `limit`. */
  after(seq: number, limit: number): Promise<AuditEntry[]>;
}

/**
 * The operations one transaction may do. Inside `SyncStore.transaction` await only these: no Web
 * Crypto, no network (IndexedDB commits a transaction as soon as it waits on anything else).
 */
export interface SyncTx {
  /**
   * Up to `limit` sendable ops: per record its oldest op, when that is queued or sent and the record
   * has no conflict. Oldest first. Records in `inFlight` (a push awaiting its answer) are passed over
   * without being read; they still count as being sent for the finalisation rule (src/sync/select.ts).
   */
  nextBatch(limit: number, inFlight?: ReadonlySet<string>): Promise<OutboxOp[]>;
  /** A record's ops, oldest first. */
  opsFor(key: string): Promise<OutboxOp[]>;
  op(id: number): Promise<OutboxOp | null>;
  /** Rewrites a stored op (same id). */
  putOp(op: OutboxOp): Promise<void>;
  addOp(op: Omit<OutboxOp, 'id'>): Promise<number>;
  deleteOps(ids: readonly number[]): Promise<void>;

  /** The server version the local record is based on (0: never seen on a server). */
  version(key: string): Promise<number>;
  setVersion(key: string, version: number): Promise<void>;
  /**
   * Keeps the record at the version set with setVersion (src/sync/base.ts: what both sides started
   * from when a conflict comes). Optional: the headless client shows no conflicts.
   */
  setBase?(base: BaseRecord): Promise<void>;

  /** The local record of any kind, null when none. */
  record(key: string): Promise<KeyedRecord | null>;
  /** The server's copy becomes the local record (pull, or a person taking the server's version). */
  putServerRecord(server: ServerRecord): Promise<void>;
  /** A local write (a resolved conflict, a headless import or objection); the caller appends its op. */
  putLocalRecord(record: KeyedRecord, actor: string, reason: string | null): Promise<void>;

  conflict(key: string): Promise<ConflictRow | null>;
  putConflict(row: ConflictRow): Promise<void>;
  deleteConflict(key: string): Promise<void>;

  getMeta<K extends keyof SyncMeta>(key: K): Promise<SyncMeta[K]>;
  setMeta<K extends keyof SyncMeta>(key: K, value: SyncMeta[K]): Promise<void>;

  /**
   * Appends a person's change (a resolved conflict) to the device's audit trail, in this
   * transaction (src/db/audit.ts). Optional: the headless client keeps no audit trail.
   */
  appendAudit?(change: AuditWrite): Promise<void>;
}

export interface SyncCounts {
  /** Ops not yet acknowledged (any state). */
  pending: number;
  conflicts: number;
  failed: number;
}

export interface SyncStore {
  /** Runs `body` atomically: everything it wrote is stored, or (it threw) nothing. */
  transaction<T>(body: (tx: SyncTx) => Promise<T>): Promise<T>;
  /** This device's key pair, created on first use. */
  deviceKey(): Promise<CryptoKeyPair>;
  /** Stores the server's setup as this device's (refused when it would orphan local data). */
  installSetup(setup: Setup): Promise<Result<void, LocalizedText>>;
  /** After enrolment: queue what this device holds but never sent (see enqueueUnsynced). */
  queueUnsynced(actor: string): Promise<number>;
  counts(): Promise<SyncCounts>;
  conflicts(): Promise<ConflictRow[]>;
  /** Every local record of every kind, by key (the headless client's `pull -o`, `--objections-out`). */
  records(): Promise<KeyedRecord[]>;
  /** The audit trail to push after the ops; absent when the store keeps none (the headless client). */
  readonly audit?: AuditSource;
  /** Photo bytes to send before the records naming them, and to fetch after a pull (src/sync/photoBlobs.ts); absent: none kept. */
  readonly photos?: PhotoBlobSource;
}

export interface PhotoBlobSource {
  upload(transport: BlobTransport): Promise<BlobRound>;
  download(transport: BlobTransport): Promise<BlobRound>;
}
