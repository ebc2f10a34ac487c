import type { AuditChange, AuditEntry } from '../domain/audit/schema.ts';
import type { DesaCode, TpsCode } from '../domain/codes/codes.ts';
import type { CorrectionLink, Decision, Objection } from '../domain/objections/schema.ts';
import type { ContestId } from '../domain/tally/contest.ts';
import type { Figure, Tally, TallyStatus } from '../domain/tally/tally.ts';
import type { FinalisationRecord } from '../domain/finalisation/record.ts';
import type { FormPhotos } from '../domain/photos/photo.ts';

/**
 * Row types of the tables added in schema v3. Each feature refines its own row type here (the
 * owners: objections/finalisations — chair's view; sync/conflicts — sync; audit — integrity) and
 * validates rows with zod where it reads them.
 */

/** One change of an objection, kept in its row (nothing about an objection is silently changed). */
export type ObjectionEvent =
  | { action: 'recorded'; at: string; by: string }
  | { action: 'decided'; at: string; by: string; before: Decision; after: Decision }
  | { action: 'linked'; at: string; by: string; before: CorrectionLink[]; after: CorrectionLink[] };

/**
 * A Model D.Kejadian Khusus dan/atau Keberatan entry (chair's view, src/db/objections.ts).
 * `desa`, `tps` and `contest` are copies of the objection's scope kept for the indexes
 * (`desa` null for the whole kecamatan).
 */
export interface ObjectionRow {
  id: string;
  desa: DesaCode | null;
  tps: TpsCode | null;
  contest: ContestId | null;
  objection: Objection;
  /** Increases by one on every stored change. */
  revision: number;
  updatedAt: string;
  updatedBy: string;
  history: ObjectionEvent[];
}

/** A finalisation or reopening, with the tally revisions it wrote (reopening needs a reason). */
export interface FinalisationEvent {
  action: 'finalised' | 'reopened';
  at: string;
  by: string;
  reason: string | null;
  tallies: { key: string; revision: number }[];
}

/**
 * A finalised (or reopened) desa × contest or kecamatan × contest (chair's view,
 * src/db/finalisation.ts). Key `<desa or kecamatan code>:<contest>`; `desa` holds that code.
 */
export interface FinalisationRow {
  key: string;
  desa: string;
  contest: ContestId;
  level: 'desa' | 'kecamatan';
  state: 'final' | 'reopened';
  revision: number;
  updatedAt: string;
  updatedBy: string;
  history: FinalisationEvent[];
}

/**
 * Key-value sync state of this device (src/sync/dexieStore.ts): `enrolment`, `keyPair`
 * (non-extractable CryptoKeys), `checkpoint`, `lastSyncAt`, `lastError`, and `version:<record key>`
 * = the server version each local record is based on.
 */
export interface SyncRow {
  key: string;
  value: unknown;
}

/** The server's copy of a record as it met local changes (the api ServerRecord). */
export interface ConflictServerSide<R = Tally> {
  version: number;
  record: R;
  hash: string;
  deviceId: string;
  actor: string;
  at: string;
}

interface ConflictOf<K extends string, R> {
  kind: K;
  key: string;
  server: ConflictServerSide<R>;
  /** The local record when the conflict was found (the screen shows the current one). */
  local: R | null;
  /** The op the server answered `conflict` to; null when a pull found it. */
  opId: string | null;
  source: 'push' | 'pull';
  detectedAt: string;
}

/**
 * A server version that met a record with local changes, waiting for a person to resolve it
 * (src/sync/conflicts.ts). Key: the record key; any kind of record.
 */
export type ConflictRow = ConflictOf<'tally', Tally> | ConflictOf<'objection', Objection> | ConflictOf<'finalisation', FinalisationRecord> | ConflictOf<'photos', FormPhotos>;
/** A conflict about a form (the conflicts screen compares them cell by cell). */
export type TallyConflictRow = Extract<ConflictRow, { kind: 'tally' }>;

/**
 * One change in this device's signed, hash-chained audit trail (src/db/audit.ts): written with the
 * change (`entry` null), sealed — chained and signed — right after. Key: the record key.
 */
export interface AuditRow {
  id?: number;
  key: string;
  change: AuditChange;
  entry: AuditEntry | null;
}

/**
 * A cell typed on this device whose audit entry waits for the cell to be committed
 * (src/db/openCells.ts). `before`/`statusBefore` are what the cell and the form held when typing
 * began; `after`/`statusAfter` what the last keystroke stored; `at` is the last keystroke's time.
 */
export interface OpenCellRow {
  id: string;
  key: string;
  path: string;
  before: Figure;
  after: Figure;
  statusBefore: TallyStatus;
  statusAfter: TallyStatus;
  actor: string;
  at: string;
}
