import type { ChangeOpProof, OpProof, StoredBatch, StoredRecordText } from './provenance.ts';
import type { Change, Op, OpResult, ServerRecord } from '../../api/index.ts';
import type { Role } from '../../api/roles.ts';
import type { AuditEntry as ChainEntry, AuditRecordKind, ChainHead, CheckpointBody, SignedCheckpoint } from '../../domain/audit/index.ts';
import type { StoredChainRow } from './auditChain.ts';
import type { BlobInput, PutBlobResult, StoredBlob } from './blobs.ts';
import type { StoredCheckpointRow } from './auditCheckpoints.ts';
import type { TallyStatusRow } from './tallyStatuses.ts';
import type { KecamatanCode } from '../../domain/codes/codes.ts';
import type { Result } from '../../domain/common/result.ts';
import type { PublicKeyJwk } from '../../domain/crypto/keys.ts';
import type { ActiveSlot, AdmissionFailure, AdmittedSummary, KecamatanContestTotals } from '../../domain/kabupaten/index.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import type { Actor } from '../../domain/workflow/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';

/**
 * What the server keeps, behind one interface with a SQLite and a PostgreSQL implementation
 * (both Kysely). Everything but the server key is scoped by kecamatan. Methods that change data
 * run in one transaction and return only after it is durable.
 */
export interface Storage {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the data lives, for logs (never a password). */
  readonly location: string;
  close(): Promise<void>;

  /** The server's signing key; `create` runs only when none is stored yet (first start wins). */
  serverKey(create: () => Promise<StoredServerKey>): Promise<StoredServerKey>;
  /**
   * Replaces the stored private key text if it is still `expected` (sealing a plain key: the same
   * key, encrypted); false when another process changed it first.
   */
  resealServerKey(expected: string, replacement: string): Promise<boolean>;
  /** Records a signed privileged request; false when the same signed message was seen before (a replay). */
  rememberSignedRequest(seen: SeenSignedRequest): Promise<boolean>;

  /** false when the kecamatan already exists (its setup is never replaced silently). */
  createKecamatan(setup: Setup, setupHash: string, at: string): Promise<boolean>;
  kecamatan(code: string): Promise<KecamatanInfo | null>;
  listKecamatan(): Promise<KecamatanSummary[]>;

  insertCode(code: NewEnrolCode): Promise<void>;
  /** Uses the code and registers the device in one transaction. */
  enrol(input: EnrolInput): Promise<Result<Device, EnrolFailure>>;

  deviceByTokenHash(tokenHash: string): Promise<Device | null>;
  device(id: string): Promise<Device | null>;
  listDevices(kecamatan: string | null): Promise<Device[]>;
  /** Marks the device revoked (keeping the first revocation time); null when it does not exist. */
  revokeDevice(id: string, at: string, by: string): Promise<Device | null>;

  /**
   * Decides ops in order (duplicate / rejected / locked / applied / conflict) and stores them in
   * ONE transaction: all of them are durable when it returns, or none (it throws). One commit per
   * push instead of per op is what makes a 200-op push cost one disk flush.
   */
  /** Decides and stores a push; `batch`: its signed manifest (null: each op carries its own signature). */
  /** Stores a photo blob whose hash the caller checked (src/server/storage/blobs.ts); idempotent. */
  putBlob(input: BlobInput): Promise<PutBlobResult>;
  blob(kecamatan: string, sha256: string): Promise<StoredBlob | null>;

  applyOps(kecamatan: string, inputs: readonly ApplyOpInput[], batch?: PushBatch | null): Promise<OpResult[]>;
  record(kecamatan: string, key: string): Promise<ServerRecord | null>;
  /** The change feed after `since`, by seq, at most `limit` rows. */
  changes(kecamatan: string, since: number, limit: number): Promise<{ changes: Change[]; more: boolean }>;
  /** The same page with each record as the JSON text stored (the pull answers it without parsing it again). */
  changeTexts(kecamatan: string, since: number, limit: number): Promise<{ changes: ChangeText[]; more: boolean }>;
  lastSeq(kecamatan: string): Promise<number>;
  conflicts(kecamatan: string): Promise<StoredConflict[]>;
  audit(kecamatan: string): Promise<AuditEntry[]>;

  /**
   * Kabupaten level (src/server/kabupaten): stores an admitted kecamatan summary under the
   * kecamatan's lock, deciding with planImport whether it is new, the same file again, or a
   * refused/explicit replacement of the one counted for a kecamatan × contest.
   */
  importSummary(input: NewSummaryImport): Promise<Result<SummaryImportOutcome, AdmissionFailure[]>>;
  /** Every summary imported for the kabupaten, replaced ones included (the history), newest first. */
  summaryImports(kabupaten: string): Promise<StoredSummaryImport[]>;
  /** The kecamatan totals currently counted for the kabupaten. */
  countedSummaries(kabupaten: string): Promise<KecamatanContestTotals[]>;

  /** The devices' signed audit chains (src/server/storage/auditChain.ts): the last stored entry of a key's chain. */
  chainHead(kecamatan: string, keyHash: string): Promise<ChainHead | null>;
  /** Stored hashes of seq `from`…`to` of a key's chain. */
  chainHashes(kecamatan: string, keyHash: string, from: number, to: number): Promise<Map<number, string>>;
  /** Whether a key's stored chain holds an entry with this hash. */
  chainHasHash(kecamatan: string, keyHash: string, hash: string): Promise<boolean>;
  /** Appends a verified segment if the chain still ends at `expected` (one transaction, durable). */
  appendChain(kecamatan: string, input: AppendChainInput): Promise<AppendChainResult>;
  /** Every device's entries about one record, oldest first. */
  chainEntriesOf(kecamatan: string, recordKey: string, kind: AuditRecordKind | undefined, limit: number): Promise<{ items: StoredChainEntry[]; more: boolean }>;
  /** The latest entries of every device, newest received first; `prefix`: record keys starting with it. */
  recentChainEntries(kecamatan: string, prefix: string | null, limit: number): Promise<{ items: StoredChainEntry[]; more: boolean }>;
  /** Every stored chain of the kecamatan, seq ascending, entries as stored (for a full re-verification). */
  storedChains(kecamatan: string): Promise<{ keyHash: string; entries: unknown[] }[]>;
  /** The roles a key was ever enrolled with in the kecamatan. */
  rolesOfKey(kecamatan: string, keyHash: string): Promise<Set<string>>;
  /** The latest signed checkpoint of a key's chain (null: none), or the kecamatan's latest with `keyHash` null (auditCheckpoints.ts). */
  latestCheckpoint(kecamatan: string, keyHash: string | null): Promise<SignedCheckpoint | null>;
  /** Every stored checkpoint of the kecamatan by n, as stored (`rekap server verify-audit`). */
  storedCheckpoints(kecamatan: string): Promise<StoredCheckpointRow[]>;
  /** Every audit chain row of the kecamatan with its columns as stored (`rekap server verify-audit`). */
  storedChainRows(kecamatan: string): Promise<StoredChainRow[]>;
  /** Every applied op with its manifest or own signature, in feed order (`rekap server verify-audit`). */
  appliedOpProofs(kecamatan: string): Promise<OpProof[]>;
  /** Every record as stored now, its JSON text unparsed. */
  storedRecordTexts(kecamatan: string): Promise<StoredRecordText[]>;
  /** Key and status of every synced C.Hasil form of the kecamatan (the kabupaten view's coverage). */
  tallyStatuses(kecamatan: string): Promise<TallyStatusRow[]>;
  /** The op behind each change at `seqs` and the manifests they name (the pull feed's proofs). */
  changeProofs(kecamatan: string, seqs: readonly number[]): Promise<{ ops: Map<number, ChangeOpProof>; batches: StoredBatch[] }>;
  /** The attestations signed at enrolment, by device id (null: a device enrolled before they were kept). */
  deviceAttestations(kecamatan: string, ids: readonly string[]): Promise<Map<string, string | null>>;
  /** Keeps a device's attestation unless one is kept already. */
  keepAttestation(deviceId: string, attestation: string): Promise<void>;
}

export interface AppendChainInput {
  keyHash: string;
  deviceId: string;
  expected: ChainHead | null;
  /** Verified to continue `expected`, oldest first. */
  entries: readonly ChainEntry[];
  receivedAt: string;
  /** Signs the checkpoint of the new head (the server key, domain rekap.checkpoint/v1). */
  sign(body: CheckpointBody): Promise<string>;
}

/** `checkpoint`: the server's signed checkpoint of the new head (null when nothing was appended). */
export type AppendChainResult = { ok: true; head: ChainHead | null; checkpoint: SignedCheckpoint | null } | { ok: false; head: ChainHead | null };

export interface StoredChainEntry {
  entry: ChainEntry;
  device: { deviceId: string; name: string; role: Role; revoked: boolean; publicKey: PublicKeyJwk };
  receivedAt: string;
  /** The workflow's refusal code when the edit this entry records was refused by the server (issue 11); else null. */
  refused: string | null;
}

export interface NewSummaryImport {
  admitted: AdmittedSummary;
  /** The file as received. */
  file: string;
  importedAt: string;
  /** A device id, or "admin" for the command line. */
  importedBy: string;
  /** Explicitly replace the summary counted for the same kecamatan × contest. */
  replace: boolean;
}

export interface SummaryImportOutcome {
  status: 'imported' | 'unchanged';
  replaced: ActiveSlot[];
}

export interface StoredSummaryImport {
  hash: string;
  kabupaten: string;
  kecamatan: { code: string; name: string };
  contests: ContestId[];
  signerName: string;
  fingerprint: string;
  serverFingerprint: string;
  createdAt: string;
  importedAt: string;
  importedBy: string;
  /** Per contest: counted now, or replaced (when, by which file). */
  slots: { contest: ContestId; counted: boolean; replacedAt: string | null; replacedBy: string | null }[];
}

export interface SeenSignedRequest {
  /** sha256Hex of the signed message. */
  hash: string;
  kecamatan: string;
  deviceId: string;
  path: string;
  expiresAt: string;
  receivedAt: string;
}

export interface StoredServerKey {
  /** The private key as stored: sealed (src/server/keys/sealedKey.ts), or a plain JWK from before. */
  privateKey: string;
  publicJwk: PublicKeyJwk;
  createdAt: string;
}

export interface KecamatanSummary {
  code: KecamatanCode;
  name: string;
  createdAt: string;
}

export interface KecamatanInfo extends KecamatanSummary {
  setup: Setup;
  setupHash: string;
}

export interface NewEnrolCode {
  codeHash: string;
  kecamatan: string;
  role: Role;
  panel: string | null;
  createdAt: string;
  expiresAt: string;
  /** A device id, or "admin" for the command line. */
  createdBy: string;
}

export interface EnrolInput {
  codeHash: string;
  now: string;
  device: { id: string; name: string; publicKey: PublicKeyJwk; keyHash: string; tokenHash: string };
}

export type EnrolFailure = 'unknown-code' | 'used-code' | 'expired-code';

export interface Device {
  id: string;
  kecamatan: KecamatanCode;
  name: string;
  role: Role;
  panel: string | null;
  publicKey: PublicKeyJwk;
  keyHash: string;
  enrolledAt: string;
  revokedAt: string | null;
}

export interface ApplyOpInput {
  op: Op;
  device: Pick<Device, 'id' | 'role'>;
  /** The device as the workflow sees it (role, panel, the panel's desa) and the kecamatan's setup. */
  actor: Actor;
  setup: Setup;
  receivedAt: string;
  /** Check codes found on the record (kept in the audit row; they never block storing). */
  findings: string[];
  /** The canonical JSON of the record (what its hash is of), stored as it is. */
  recordText: string;
}

/** A change-feed row with its record as stored: JSON text the server wrote after checking it. */
export interface ChangeText {
  key: string;
  version: number;
  record: string;
  hash: string;
  deviceId: string;
  actor: string;
  at: string;
  seq: number;
}

/** The signed manifest of a push, stored with the ops decided from it (push_batches). */
export interface PushBatch {
  /** sha256Hex(manifest). */
  id: string;
  deviceId: string;
  manifest: string;
  signature: string;
}

export interface StoredConflict {
  opId: string;
  key: string;
  baseVersion: number;
  serverVersion: number;
  record: unknown;
  hash: string;
  deviceId: string;
  actor: string;
  at: string;
  reason: string | null;
  receivedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: AuditAction;
  deviceId: string | null;
  actor: string | null;
  key: string | null;
  opId: string | null;
  version: number | null;
  hash: string | null;
  detail: string | null;
}

export type AuditAction =
  | 'kecamatan-created'
  | 'code-issued'
  | 'enrolled'
  | 'revoked'
  | 'applied'
  | 'conflict'
  | 'locked'
  | 'refused'
  | 'summary-imported'
  | 'summary-replaced';
