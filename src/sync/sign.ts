import {
  manifestSigningMessage,
  PUSH_MANIFEST_DOMAIN,
  pushManifestOf,
  recordHash,
  type Op,
  type PushManifest,
  type UnsignedOp,
} from '../api/index.ts';
import type { KecamatanCode } from '../domain/codes/codes.ts';
import { signText } from '../domain/crypto/keys.ts';
import type { OutboxOp } from '../db/types.ts';

/** Who signs a push: the device key, named in the manifest by its hash, and the device's kecamatan. */
export interface PushSigner {
  privateKey: CryptoKey;
  keyHash: string;
  kecamatan: KecamatanCode;
}

/** A push ready to send: the ops in order, their manifest and its one signature. */
export interface SignedPush {
  ops: Op[];
  manifest: PushManifest;
  signature: string;
}

/**
 * The wire form of a frozen op, hashed now (outside any transaction: Web Crypto is asynchronous).
 * Everything in it was fixed when the op was frozen, so a resend carries the same op.
 */
export async function toWireOp(op: OutboxOp): Promise<UnsignedOp> {
  if (op.baseVersion === null) throw new Error(`op ${op.opId} is not frozen (no base version)`);
  return {
    opId: op.opId,
    kind: op.kind,
    key: op.key,
    baseVersion: op.baseVersion,
    record: op.record,
    hash: await recordHash(op.record),
    schemaVersion: op.schemaVersion,
    actor: op.actor,
    at: op.at,
    reason: op.reason,
  } as UnsignedOp;
}

/**
 * One signature for the whole push (docs/integrity.md, "What is signed"): over the manifest that
 * lists every op's id, key, base version and record hash in order and names the device and the
 * kecamatan. Signing again on a resend signs the same manifest (ECDSA signatures differ each time;
 * the manifest does not), so the server recognises the ops as duplicates.
 */
export async function signPush(ops: readonly UnsignedOp[], signer: PushSigner): Promise<SignedPush> {
  const manifest = pushManifestOf(ops, signer.kecamatan, signer.keyHash);
  const signature = await signText(signer.privateKey, PUSH_MANIFEST_DOMAIN, manifestSigningMessage(manifest));
  return { ops: ops as Op[], manifest, signature };
}
