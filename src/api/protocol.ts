import { z } from 'zod';
import { isWellFormed, WELL_FORMED_ISSUE } from '../domain/canonical/wellFormed.ts';
import { DesaCodeSchema, KecamatanCodeSchema } from '../domain/codes/codes.ts';
import { PublicKeyJwkSchema, SignatureSchema } from '../domain/crypto/keys.ts';
import { SetupSchema } from '../domain/setup/schema.ts';
import { HashSchema, IsoTimeSchema, MAX_OPS_PER_PUSH, MAX_SEQ, OpIdSchema, OpSchema, PushManifestSchema } from './ops.ts';
import { kinded } from './records.ts';
import { RoleSchema } from './roles.ts';

/**
 * The HTTP contract between devices and the server (DESIGN.md §6). Both sides parse with these
 * schemas; anything else is refused with an ApiError. All routes are under /api; every route but
 * enrolment needs `Authorization: Bearer <token>`.
 */

export const LocalizedTextSchema = z.object({ id: z.string(), en: z.string() });

/** Every non-2xx answer. `code` is stable (tests and clients switch on it). */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.enum(['bad-request', 'unauthorized', 'forbidden', 'not-found', 'too-large', 'too-many', 'conflict', 'unprocessable', 'internal']),
    message: LocalizedTextSchema,
    /** For bad-request: the zod issues, located by path. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

// POST /api/enrol — a device exchanges a one-time code for a token.
export const EnrolRequestSchema = z.object({
  code: z.string().min(6).max(64),
  /** Signed into the attestation, so well-formed text (canonical JSON cannot hold a lone surrogate). */
  deviceName: z.string().min(1).max(120).refine(isWellFormed, WELL_FORMED_ISSUE),
  publicKey: PublicKeyJwkSchema,
});
export type EnrolRequest = z.infer<typeof EnrolRequestSchema>;

/** The server's signature over a device's key, role and kecamatan (checked by verifiers). */
export const ATTESTATION_DOMAIN = 'rekap.attestation/v1';
export const AttestationSchema = z.object({
  deviceId: z.string().min(1),
  deviceName: z.string(),
  kecamatan: KecamatanCodeSchema,
  role: RoleSchema,
  panel: z.string().nullable(),
  publicKey: PublicKeyJwkSchema,
  issuedAt: IsoTimeSchema,
  /** signText(serverKey, ATTESTATION_DOMAIN, canonicalJson(everything above)). */
  signature: SignatureSchema,
});
export type Attestation = z.infer<typeof AttestationSchema>;

export const EnrolResponseSchema = z.object({
  deviceId: z.string().min(1),
  /** Shown once; the server keeps only its hash. */
  token: z.string().min(32),
  role: RoleSchema,
  kecamatan: KecamatanCodeSchema,
  panel: z.string().nullable(),
  /** The desa this device may write (clerks: its panel's); null = all (chair) or none (read-only roles). */
  desa: z.array(DesaCodeSchema).nullable(),
  setup: SetupSchema,
  serverKey: PublicKeyJwkSchema,
  attestation: AttestationSchema,
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

// POST /api/push
/**
 * A push: the ops in order, the manifest listing them and one signature over it
 * (signText(deviceKey, PUSH_MANIFEST_DOMAIN, manifestSigningMessage(manifest))). A push without a
 * manifest carries a signature on each op instead (devices from before batch signing).
 */
export const PushRequestSchema = z.object({
  ops: z.array(OpSchema).min(1).max(MAX_OPS_PER_PUSH),
  manifest: PushManifestSchema.optional(),
  signature: SignatureSchema.optional(),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

const serverRecordFields = {
  version: z.number().int().min(1),
  hash: HashSchema,
  deviceId: z.string(),
  actor: z.string(),
  at: IsoTimeSchema,
};
/** The server's copy of a record (any kind). */
export const ServerRecordSchema = kinded(serverRecordFields);
export type ServerRecord = z.infer<typeof ServerRecordSchema>;

export const OpResultSchema = z.discriminatedUnion('status', [
  /** Stored: the record is now at `version`, change-feed position `seq`. */
  z.object({ opId: OpIdSchema, status: z.literal('applied'), version: z.number().int(), seq: z.number().int() }),
  /** Seen before with the same hash: the original result is repeated. */
  z.object({ opId: OpIdSchema, status: z.literal('duplicate'), version: z.number().int(), seq: z.number().int() }),
  /** baseVersion is not the server's version: kept as a conflict; the server's copy is returned. */
  z.object({ opId: OpIdSchema, status: z.literal('conflict'), server: ServerRecordSchema }),
  /** The record is final on the server, or its desa is finalised (`code`: locked, desa-final). */
  z.object({ opId: OpIdSchema, status: z.literal('locked'), code: z.string().optional(), reason: LocalizedTextSchema, server: ServerRecordSchema.nullable() }),
  /**
   * Malformed, bad signature, op id reused with another hash, or a step the workflow does not
   * allow this device (`code`: the workflow's refusal code, docs/domain.md, or a protocol code).
   */
  z.object({
    opId: OpIdSchema,
    status: z.literal('rejected'),
    code: z.string().optional(),
    reason: LocalizedTextSchema,
    /** A workflow refusal sends the server's copy (when it holds one), so a person can take it instead. */
    server: ServerRecordSchema.nullable().optional(),
  }),
]);
export type OpResult = z.infer<typeof OpResultSchema>;
export type OpStatus = OpResult['status'];

export const PushResponseSchema = z.object({ results: z.array(OpResultSchema) });
export type PushResponse = z.infer<typeof PushResponseSchema>;

// GET /api/pull?since=<seq>&limit=<n>
export const PullQuerySchema = z.object({
  // A seq is a 32-bit integer in the database: a larger one cannot exist (and PostgreSQL refuses to compare with it).
  since: z.coerce.number().int().min(0).max(MAX_SEQ).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
/**
 * What proves a change (docs/integrity.md, "Records every device checks"): the op that wrote it and
 * either the push manifest that lists it (`batch`: its id in the page's `proofs.batches`) or, for an
 * op its device signed alone, the exact message signed and the signature. Null: the server holds no
 * proof (a record stored before it kept them); devices refuse such a change.
 */
export const ChangeProofSchema = z.union([
  z.strictObject({ opId: OpIdSchema, batch: HashSchema }),
  z.strictObject({ opId: OpIdSchema, message: z.string().max(4000), signature: SignatureSchema }),
]);
export type ChangeProof = z.infer<typeof ChangeProofSchema>;

/** A push manifest as its device signed it: the canonical JSON text, verbatim. */
export const PulledBatchSchema = z.strictObject({ deviceId: z.string(), manifest: z.string(), signature: SignatureSchema });
export type PulledBatch = z.infer<typeof PulledBatchSchema>;

/** The manifests a page's proofs name, and the server's attestation of each writing device's key. */
export const PullProofsSchema = z.strictObject({
  batches: z.record(HashSchema, PulledBatchSchema),
  devices: z.record(z.string(), AttestationSchema),
});
export type PullProofs = z.infer<typeof PullProofsSchema>;

export const ChangeSchema = kinded({ ...serverRecordFields, seq: z.number().int().min(1), proof: ChangeProofSchema.nullable().optional() });
export type Change = z.infer<typeof ChangeSchema>;
export const PullResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  /** The highest seq included (or `since` when none): the next checkpoint. */
  lastSeq: z.number().int().min(0),
  more: z.boolean(),
  proofs: PullProofsSchema.optional(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

// GET /api/events — text/event-stream; each event `data: {"seq": n}` means "pull".
export const EventSchema = z.object({ seq: z.number().int().min(0) });

// POST /api/codes (chair) — a one-time enrolment code for another device.
export const CodeRequestSchema = z.object({ role: RoleSchema, panel: z.string().min(1).nullable().default(null) });
export const CodeResponseSchema = z.object({
  code: z.string(),
  role: RoleSchema,
  panel: z.string().nullable(),
  expiresAt: IsoTimeSchema,
  /** Where other devices reach the server (its PUBLIC_URL or LAN address), for the enrolment link; null when the server knows none. */
  serverUrl: z.string().url().nullable().optional(),
});

// GET /api/me — who this token is (also a cheap "am I still enrolled" check).
export const MeResponseSchema = z.object({
  deviceId: z.string(),
  role: RoleSchema,
  kecamatan: KecamatanCodeSchema,
  panel: z.string().nullable(),
  revoked: z.boolean(),
});

// GET /api/devices (chair) — the kecamatan's enrolled devices; POST /api/devices/:id/revoke (chair).
export const DeviceInfoSchema = z.object({
  deviceId: z.string(),
  name: z.string(),
  role: RoleSchema,
  panel: z.string().nullable(),
  enrolledAt: IsoTimeSchema,
  revokedAt: IsoTimeSchema.nullable(),
  /** fingerprint(publicKey): 16 hex digits in groups of 4, to compare by eye with the device's own. */
  fingerprint: z.string(),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;
export const DevicesResponseSchema = z.object({ devices: z.array(DeviceInfoSchema) });
export const RevokeResponseSchema = z.object({ device: DeviceInfoSchema });

// GET /api/server-key (no token) — the key that signs enrolment attestations.
export const ServerKeyResponseSchema = z.object({ publicKey: PublicKeyJwkSchema, fingerprint: z.string() });
