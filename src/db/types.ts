import type { DesaCode, TpsCode } from '../domain/codes/codes.ts';
import type { LocalizedText, Language } from '../domain/common/text.ts';
import type { Setup, VerificationMode } from '../domain/setup/schema.ts';
import type { ContestId } from '../domain/tally/contest.ts';
import type { FieldPath } from '../domain/tally/fields.ts';
import type { Figure, Tally, TallyKey, TallyStatus } from '../domain/tally/tally.ts';
import type { FormPhotos } from '../domain/photos/photo.ts';
import type { FinalisationRecord } from '../domain/finalisation/record.ts';
import type { Objection } from '../domain/objections/schema.ts';

/** The setup table holds one row under this id: the kecamatan this database belongs to. */
export const SETUP_ROW_ID = 'current';

export interface SetupRow {
  id: typeof SETUP_ROW_ID;
  setup: Setup;
  /** Canonical SHA-256 of the setup (hex), when the caller computed it. */
  hash?: string | null;
  savedAt: string;
}

/**
 * A blind second entry of the same C.Hasil form by another person (verification mode
 * "double-entry"). It is a check on the first entry, never the record itself.
 */
export interface SecondEntry {
  tally: Tally;
  by: string;
  at: string;
}

/** One stored tally. `desa` and `status` are copies of the tally's own data, kept for indexes. */
export interface TallyRow {
  key: TallyKey;
  tps: TpsCode;
  desa: DesaCode;
  contest: ContestId;
  status: TallyStatus;
  tally: Tally;
  /** Increases by one on every stored change (the sync issue uses it as baseVersion). */
  revision: number;
  updatedAt: string;
  updatedBy: string;
  secondEntry?: SecondEntry | null;
}

export type RevisionKind = 'edit' | 'correction' | 'status' | 'import' | 'restore';

/**
 * One changed value. For figures `path` is a FieldPath and before/after are Figures; status
 * changes use the paths `status`, `enteredBy`, `verifiedBy`, `acceptedWarnings`.
 */
export interface Change {
  path: FieldPath;
  before: Figure | string | null | unknown;
  after: Figure | string | null | unknown;
}

/** One entry of a tally's history: who changed what, when, and (after "entered") why. */
export interface Revision {
  id?: number;
  key: TallyKey;
  /** The tally row's revision after this change. */
  revision: number;
  at: string;
  by: string;
  kind: RevisionKind;
  changes: Change[];
  statusBefore: TallyStatus | null;
  statusAfter: TallyStatus;
  reason: string | null;
}

/**
 * A stored outbox row. Rows are read through OutboxOpSchema (src/db/outbox.ts): a row from before
 * sync existed (or a damaged one) stays stored and in backups, but is never sent.
 */
export interface OutboxRow {
  id?: number;
  [field: string]: unknown;
}

/**
 * Where a pending op stands: `queued` (never sent: a later write of the same record is folded into
 * it), `sent` (frozen: handed to the server at least once, answer not yet seen), `conflict`,
 * `locked`, `rejected` (answered, kept and shown until a person acts). Acknowledged ops are deleted.
 */
export type OutboxState = 'queued' | 'sent' | 'conflict' | 'locked' | 'rejected';

/**
 * One local change of a record (a form, an objection, a finalisation: `kind`) on its way to the
 * server (docs/sync.md; the wire form is api Op). A type, not an interface, so that it is an
 * OutboxRow (implicit index signature).
 */
export type OutboxOp = {
  id?: number;
  opId: string;
  /** The server version the change is based on; null = "on top of the op before it for this key". */
  baseVersion: number | null;
  /** recordHash(record), filled when the op is frozen (Web Crypto cannot run inside the write's transaction). */
  hash: string | null;
  schemaVersion: 1;
  actor: string;
  at: string;
  reason: string | null;
  state: OutboxState;
  /** How often it was handed to the transport. */
  attempts: number;
  /** The server's reason for `locked` / `rejected`. */
  error: LocalizedText | null;
} & KeyedRecord;

/** A record with its kind and key (tallies keep their branded key type). */
export type KeyedRecord =
  | { kind: 'tally'; key: TallyKey; record: Tally }
  | { kind: 'objection'; key: string; record: Objection }
  | { kind: 'finalisation'; key: string; record: FinalisationRecord }
  | { kind: 'photos'; key: string; record: FormPhotos };

/** Key-value settings of this device. `null` means "not set". */
export interface Settings {
  language: Language;
  operatorName: string | null;
  panel: string | null;
  /** Overrides the setup's `settings.verification` when set. */
  verificationMode: VerificationMode | null;
  lastExportAt: string | null;
  /** Highest revision id included in the last export (drives `unexportedChanges`). */
  lastExportRevision: number | null;
  storagePersisted: boolean | null;
  /** Whether the first-run persistence request has been made. */
  persistenceRequested: boolean;
}
export type SettingKey = keyof Settings;
export const DEFAULT_SETTINGS: Settings = {
  language: 'id',
  operatorName: null,
  panel: null,
  verificationMode: null,
  lastExportAt: null,
  lastExportRevision: null,
  storagePersisted: null,
  persistenceRequested: false,
};

/** Settings that describe this device's own state; backups neither carry nor restore them. */
export const DEVICE_SETTING_KEYS: readonly SettingKey[] = ['lastExportAt', 'lastExportRevision', 'storagePersisted', 'persistenceRequested'];

export interface SettingRow {
  key: string;
  value: unknown;
}

/** One problem in an input, located by path (like "tallies[3].voters.dpt.male"). */
export interface InputIssue {
  path: string;
  message: LocalizedText;
}

/** A stored row that no longer matches the schema: reported, never thrown. */
export interface CorruptRow {
  table: 'tallies' | 'setup' | 'revisions';
  key: string;
  issues: InputIssue[];
}

export interface TallyFilter {
  desa?: DesaCode;
  contest?: ContestId;
  status?: TallyStatus;
  tps?: TpsCode;
}
