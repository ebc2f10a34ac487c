import type { ColumnType } from 'kysely';

/**
 * The server's tables as Kysely sees them. Every table but the server key is partitioned by
 * kecamatan code (its first key column), so a kabupaten server can hold many kecamatan and a
 * distributed engine can shard by it. Times are ISO-8601 text and documents JSON text in both
 * SQLite and PostgreSQL, so the two storages behave byte for byte alike.
 */
export interface Database {
  server_key: ServerKeyTable;
  kecamatan: KecamatanTable;
  setups: SetupTable;
  enrol_codes: EnrolCodeTable;
  devices: DeviceTable;
  records: RecordTable;
  changes: ChangeTable;
  ops: OpTable;
  conflicts: ConflictTable;
  audit: AuditTable;
  summary_imports: SummaryImportTable;
  summary_slots: SummarySlotTable;
  audit_chain: AuditChainTable;
  push_batches: PushBatchTable;
  signed_requests: SignedRequestTable;
  audit_checkpoints: AuditCheckpointTable;
  blobs: BlobTable;
}

/**
 * Migration 0009 (issue 17): a photo of a C.Hasil page, content-addressed per kecamatan. `data`
 * holds the bytes on PostgreSQL (every server process sees them); on SQLite it stays null and the
 * bytes are a file under DATA_DIR/blobs (src/server/storage/blobs.ts).
 */
export interface BlobTable {
  kecamatan: string;
  sha256: string;
  mime: string;
  bytes: number;
  /** The TPS the uploading device named (and was allowed to write). */
  tps: string;
  device_id: string;
  at: string;
  data: Uint8Array | null;
}

export interface ServerKeyTable {
  id: string;
  private_jwk: string;
  public_jwk: string;
  created_at: string;
}

export interface KecamatanTable {
  code: string;
  name: string;
  /** The change feed's last sequence number; bumping it also serialises writers of the kecamatan. */
  last_seq: number;
  last_audit: number;
  created_at: string;
}

export interface SetupTable {
  kecamatan: string;
  setup: string;
  setup_hash: string;
}

export interface EnrolCodeTable {
  code_hash: string;
  kecamatan: string;
  role: string;
  panel: string | null;
  created_at: string;
  expires_at: string;
  created_by: string;
  used_at: string | null;
  used_by: string | null;
}

export interface DeviceTable {
  id: string;
  kecamatan: string;
  name: string;
  role: string;
  panel: string | null;
  public_key: string;
  key_hash: string;
  token_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  /** The attestation (src/api/protocol.ts AttestationSchema) the server signed at enrolment, JSON; null before it kept them. */
  attestation: string | null;
}

export interface RecordTable {
  kecamatan: string;
  key: string;
  version: number;
  record: string;
  hash: string;
  device_id: string;
  actor: string;
  at: string;
  seq: number;
  updated_at: string;
}

export interface ChangeTable {
  kecamatan: string;
  seq: number;
  key: string;
  version: number;
  record: string;
  hash: string;
  device_id: string;
  actor: string;
  at: string;
}

/** Every op the server decided on inside a transaction (applied, conflict, locked): the idempotency log. */
export interface OpTable {
  kecamatan: string;
  op_id: string;
  hash: string;
  key: string;
  device_id: string;
  status: string;
  version: number | null;
  seq: number | null;
  received_at: string;
  /** The id of the signed manifest of the push that carried the op (push_batches.id); null: signed alone. */
  batch: string | null;
  /** The op's own signature, when its push had no manifest (devices from before batch signing). */
  signature: string | null;
  /** With `signature`: the exact message the device signed (opSigningMessage), so devices can check it. */
  message: string | null;
}

/** A signed privileged request seen within its time window (src/server/storage/signedRequests.ts). */
export interface SignedRequestTable {
  /** sha256Hex of the message the device signed (not of the signature, which ECDSA lets anyone vary). */
  hash: string;
  kecamatan: string;
  device_id: string;
  path: string;
  /** After this its time alone refuses it, so the row may go. */
  expires_at: string;
  received_at: string;
}

/** A push's signed manifest (src/api/ops.ts PushManifestSchema), kept for the ops decided from it. */
export interface PushBatchTable {
  kecamatan: string;
  /** sha256Hex(manifest): the same manifest sent again is the same row. */
  id: string;
  device_id: string;
  /** The canonical JSON the device signed. */
  manifest: string;
  signature: string;
  received_at: string;
}

export interface ConflictTable {
  kecamatan: string;
  op_id: string;
  key: string;
  base_version: number;
  server_version: number;
  record: string;
  hash: string;
  device_id: string;
  actor: string;
  at: string;
  reason: string | null;
  received_at: string;
}

export interface AuditTable {
  kecamatan: string;
  id: number;
  at: string;
  action: string;
  device_id: string | null;
  actor: string | null;
  key: string | null;
  op_id: string | null;
  version: number | null;
  hash: string | null;
  detail: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A kecamatan summary file imported at the kabupaten level (migration 0002); never deleted. */
export interface SummaryImportTable {
  kecamatan: string;
  hash: string;
  kabupaten: string;
  kecamatan_name: string;
  /** The file as received (JSON text). */
  file: string;
  /** JSON list of its contests. */
  contests: string;
  signer_name: string;
  signer_fingerprint: string;
  server_fingerprint: string;
  created_at: string;
  imported_at: string;
  imported_by: string;
}

/** One kecamatan × contest of an imported summary; counted while replaced_at is null. */
export interface SummarySlotTable {
  kecamatan: string;
  contest: string;
  hash: string;
  kabupaten: string;
  kecamatan_name: string;
  ballot_key: string;
  ballot: string;
  tps_included: number;
  /** The verified kecamatan figures (JSON). */
  figures: string;
  counted_at: string;
  replaced_at: string | null;
  replaced_by: string | null;
}

/** One entry of a device's signed audit chain (migration 0003), as verified and received. */
export interface AuditChainTable {
  kecamatan: string;
  /** keyHash of the device key: the chain's owner. */
  key_hash: string;
  seq: number;
  hash: string;
  /** The enrolled device that pushed it (its name and role are shown with the entry). */
  device_id: string;
  record_kind: string;
  record_key: string;
  /** The entry's time in UTC, so entries of devices with different offsets sort by time. */
  at_utc: string;
  /** The whole entry, JSON. */
  entry: string;
  received_at: string;
  /**
   * Migration 0004: the workflow's refusal code when the server refused this device's latest op on
   * the record (the entry records a change that did not happen); null otherwise, and once a later
   * op of the device on the record is applied.
   */
  refused: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * Migration 0008 (issue 14): the server's signed checkpoint after each accepted audit segment
 * (src/domain/audit/checkpoint.ts), numbered per kecamatan; the columns repeat what the signed
 * JSON says, for lookups (verify-audit checks that they agree).
 */
export interface AuditCheckpointTable {
  kecamatan: string;
  n: number;
  /** The checkpoint's hash (what checkpoint n + 1 names as prev). */
  hash: string;
  key_hash: string;
  device_id: string;
  /** The chain head the checkpoint names. */
  seq: number;
  chain_hash: string;
  /** Entries of the kecamatan's chains after the segment. */
  size: number;
  /** The signed checkpoint, JSON. */
  checkpoint: string;
  at: string;
}
