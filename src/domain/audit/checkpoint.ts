import { z } from 'zod';
import { canonicalJson } from '../canonical/json.ts';
import { sha256Hex } from '../canonical/hash.ts';
import { SignatureSchema, verifyText, type PublicKeyJwk } from '../crypto/keys.ts';
import { IsoTimeSchema } from '../summary/attestation.ts';
import { HashHexSchema } from '../summary/schema.ts';

/**
 * A checkpoint `rekap.checkpoint/v1` (issue 14, "anchored chains"): the server's signed statement,
 * after it took a segment of a device's audit chain, that the chain of this key ends at (seq, hash)
 * — number `n` of the kecamatan's checkpoint log, naming the hash of checkpoint n − 1.
 *
 * The checkpoints of a kecamatan form one hash chain, and each names a device chain's head, whose
 * hash covers every entry of that chain before it. So one checkpoint commits the server to every
 * device's chain as it stood at every earlier checkpoint: a receipt any device keeps (a witness's
 * too) later shows a truncated tail, a deleted chain or a key swapped and re-signed — as
 * Certificate Transparency's signed tree heads do for a log (docs/integrity.md).
 */
export const CHECKPOINT_FORMAT = 'rekap.checkpoint/v1';
/** Domain-separation prefix of the server's signature over a checkpoint. */
export const CHECKPOINT_SIGNATURE_DOMAIN = 'rekap.checkpoint/v1';

export const CheckpointBodySchema = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  /** The kecamatan code (6 digits). */
  kecamatan: z.string().regex(/^\d{6}$/),
  /** 1, 2, 3 … in the kecamatan's checkpoint log, without gaps. */
  n: z.number().int().min(1),
  /** Hash of checkpoint n − 1; null for n = 1. */
  prev: HashHexSchema.nullable(),
  /** The device whose segment was taken: its id and the key hash its chain belongs to. */
  device: z.strictObject({ id: z.string().min(1).max(100), keyHash: HashHexSchema }),
  /** That chain's head after the segment. */
  chain: z.strictObject({ seq: z.number().int().min(1), hash: HashHexSchema }),
  /** Entries of every chain of the kecamatan the server held after the segment (the log's size). */
  size: z.number().int().min(1),
  at: IsoTimeSchema,
});
export type CheckpointBody = z.infer<typeof CheckpointBodySchema>;

export const SignedCheckpointSchema = CheckpointBodySchema.extend({
  /** sha256Hex(canonicalJson(body)): what checkpoint n + 1 names as `prev`. */
  hash: HashHexSchema,
  /** The server's signature over canonicalJson(body) (domain CHECKPOINT_SIGNATURE_DOMAIN). */
  signature: SignatureSchema,
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpointSchema>;

export function checkpointBodyOf(signed: SignedCheckpoint): CheckpointBody {
  const { hash: _hash, signature: _signature, ...body } = signed;
  return body;
}

export async function checkpointHash(body: CheckpointBody): Promise<string> {
  return sha256Hex(canonicalJson(body));
}

/** Why a checkpoint does not hold on its own: its hash or the server's signature. */
export type CheckpointFailure = 'hash-mismatch' | 'bad-signature' | 'malformed';

/** Checks a checkpoint's hash and its signature with the server key the verifier trusts. */
export async function verifyCheckpoint(raw: unknown, serverKey: PublicKeyJwk): Promise<{ ok: true; checkpoint: SignedCheckpoint } | { ok: false; failure: CheckpointFailure }> {
  const parsed = SignedCheckpointSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, failure: 'malformed' };
  const body = checkpointBodyOf(parsed.data);
  if ((await checkpointHash(body)) !== parsed.data.hash) return { ok: false, failure: 'hash-mismatch' };
  const valid = await verifyText(serverKey, CHECKPOINT_SIGNATURE_DOMAIN, canonicalJson(body), parsed.data.signature).catch(() => false);
  return valid ? { ok: true, checkpoint: parsed.data } : { ok: false, failure: 'bad-signature' };
}
