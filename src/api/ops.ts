import { z } from 'zod';
import { canonicalJson } from '../domain/canonical/json.ts';
import { sha256Hex } from '../domain/canonical/hash.ts';
import { SignatureSchema } from '../domain/crypto/keys.ts';
import { kinded, type SyncRecord } from './records.ts';

export { RecordKeySchema } from './records.ts';

/** Domain-separation prefix of op signatures (see signText). */
export const OP_SIGNATURE_DOMAIN = 'rekap.op/v1';
export const RECORD_SCHEMA_VERSION = 1;
export const MAX_OPS_PER_PUSH = 200;

export const OpIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'op id: a UUID');
export const HashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex');
export const IsoTimeSchema = z.iso.datetime({ offset: true });

/**
 * One local change on its way to the server: the full new record (a form, an objection or a
 * finalisation: `kind`) on top of `baseVersion` (the server version it was made from; 0 = the
 * record did not exist). The op id is the idempotency key.
 */
export const OpSchema = kinded({
  opId: OpIdSchema,
  baseVersion: z.number().int().min(0),
  /** sha256Hex(canonicalJson(record)). */
  hash: HashSchema,
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  /** Who typed it on the device (the operator name) and when, by the device's clock (informative only). */
  actor: z.string().min(1).max(120),
  at: IsoTimeSchema,
  /** Why, when the change corrects an entered tally (pembetulan) or reopens a final one. */
  reason: z.string().max(500).nullable(),
  /** signText(deviceKey, OP_SIGNATURE_DOMAIN, opSigningMessage(op)). */
  signature: SignatureSchema,
});
export type Op = z.infer<typeof OpSchema>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type UnsignedOp = DistributiveOmit<Op, 'signature'>;

export async function recordHash(record: SyncRecord): Promise<string> {
  return sha256Hex(canonicalJson(record));
}

/** What a device signs: every field of the op but the signature, canonical JSON. */
export function opSigningMessage(op: UnsignedOp): string {
  const { opId, kind, key, baseVersion, hash, schemaVersion, actor, at, reason } = op;
  // Forms keep the message they always had; other kinds name theirs (a key alone would too).
  return canonicalJson(kind === 'tally' ? { opId, key, baseVersion, hash, schemaVersion, actor, at, reason } : { opId, kind, key, baseVersion, hash, schemaVersion, actor, at, reason });
}
