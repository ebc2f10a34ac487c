import { z } from 'zod';
import { canonicalJson } from '../domain/canonical/json.ts';
import { sha256Hex } from '../domain/canonical/hash.ts';
import { KecamatanCodeSchema, type KecamatanCode } from '../domain/codes/codes.ts';
import { SignatureSchema } from '../domain/crypto/keys.ts';
import { kinded, RECORD_KINDS, type SyncRecord } from './records.ts';

export { RecordKeySchema } from './records.ts';

/** Domain-separation prefix of a single op's signature (see signText): devices before batch signing. */
export const OP_SIGNATURE_DOMAIN = 'rekap.op/v1';
/** Domain-separation prefix of a push manifest's signature (one per push; docs/integrity.md). */
export const PUSH_MANIFEST_DOMAIN = 'rekap.push/v1';
export const RECORD_SCHEMA_VERSION = 1;
export const MAX_OPS_PER_PUSH = 200;

export const OpIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'op id: a UUID');
export const HashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex');
export const IsoTimeSchema = z.iso.datetime({ offset: true });

/** The largest seq or version the storage holds (a 32-bit integer column on PostgreSQL). */
export const MAX_SEQ = 2_147_483_647;

/** An op's fields besides its kind, key, record and signature: what its manifest line repeats. */
const opFields = {
  opId: OpIdSchema,
  // A larger version cannot exist, and PostgreSQL would refuse to store it with a conflict.
  baseVersion: z.number().int().min(0).max(MAX_SEQ),
  /** sha256Hex(canonicalJson(record)). */
  hash: HashSchema,
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  /** Who typed it on the device (the operator name) and when, by the device's clock (informative only). */
  actor: z.string().min(1).max(120),
  at: IsoTimeSchema,
  /** Why, when the change corrects an entered tally (pembetulan) or reopens a final one. */
  reason: z.string().max(500).nullable(),
};

/**
 * One local change on its way to the server: the full new record (a form, an objection or a
 * finalisation: `kind`) on top of `baseVersion` (the server version it was made from; 0 = the
 * record did not exist). The op id is the idempotency key.
 */
export const OpSchema = kinded({
  ...opFields,
  /**
   * signText(deviceKey, OP_SIGNATURE_DOMAIN, opSigningMessage(op)): only on ops of a push without a
   * manifest (devices from before batch signing). Otherwise the push's manifest signature covers it.
   */
  signature: SignatureSchema.optional(),
});
export type Op = z.infer<typeof OpSchema>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type UnsignedOp = DistributiveOmit<Op, 'signature'>;

export async function recordHash(record: SyncRecord): Promise<string> {
  return sha256Hex(canonicalJson(record));
}

/** What a device signs: every field of the op but the signature, canonical JSON. */
export function opSigningMessage(op: UnsignedOp): string {
  const { kind, ...fields } = manifestEntryOf(op);
  // Forms keep the message they always had; other kinds name theirs (a key alone would too).
  return canonicalJson(kind === 'tally' ? fields : { kind, ...fields });
}

/** What a push manifest says of one op: every field of the op but its record (named by `hash`). */
export const ManifestEntrySchema = z.strictObject({
  ...opFields,
  kind: z.enum(RECORD_KINDS),
  key: z.string().min(1).max(200),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

/**
 * What a device signs once per push: the ordered list of its ops (ids, keys, base versions, record
 * hashes), naming the device (its key hash) and the kecamatan, so that a manifest cannot be replayed
 * under another device or in another kecamatan. The server keeps it with the ops it decided, so each
 * op stays provable on its own: op → its entry in the manifest → the manifest's signature.
 */
export const PushManifestSchema = z.strictObject({
  format: z.literal(PUSH_MANIFEST_DOMAIN),
  kecamatan: KecamatanCodeSchema,
  /** keyHash(device public key). */
  device: HashSchema,
  ops: z.array(ManifestEntrySchema).min(1).max(MAX_OPS_PER_PUSH),
});
export type PushManifest = z.infer<typeof PushManifestSchema>;

/** An op's entry in a manifest. */
export function manifestEntryOf(op: UnsignedOp): ManifestEntry {
  const { opId, kind, key, baseVersion, hash, schemaVersion, actor, at, reason } = op;
  return { opId, kind, key, baseVersion, hash, schemaVersion, actor, at, reason };
}

/** The manifest of a push of `ops` in this order. */
export function pushManifestOf(ops: readonly UnsignedOp[], kecamatan: KecamatanCode, device: string): PushManifest {
  return { format: PUSH_MANIFEST_DOMAIN, kecamatan, device, ops: ops.map(manifestEntryOf) };
}

/** The signed message: canonical JSON of the manifest (also its stored form; its SHA-256 names it). */
export const manifestSigningMessage = (manifest: PushManifest): string => canonicalJson(manifest);
