import { OP_SIGNATURE_DOMAIN, opSigningMessage, recordHash, type Op, type UnsignedOp } from '../api/index.ts';
import { signText } from '../domain/crypto/keys.ts';
import type { OutboxOp } from '../db/index.ts';

/**
 * The wire form of a frozen op: hashed and signed now, outside any transaction (Web Crypto is
 * asynchronous). Everything signed was fixed when the op was frozen, so signing again on a resend
 * signs the same message (ECDSA signatures differ each time; the op id and hash do not).
 */
export async function toWireOp(op: OutboxOp, privateKey: CryptoKey): Promise<Op> {
  if (op.baseVersion === null) throw new Error(`op ${op.opId} is not frozen (no base version)`);
  const hash = await recordHash(op.record);
  const unsigned = {
    opId: op.opId,
    kind: op.kind,
    key: op.key,
    baseVersion: op.baseVersion,
    record: op.record,
    hash,
    schemaVersion: op.schemaVersion,
    actor: op.actor,
    at: op.at,
    reason: op.reason,
  } as UnsignedOp;
  const signature = await signText(privateKey, OP_SIGNATURE_DOMAIN, opSigningMessage(unsigned));
  return { ...unsigned, signature } as Op;
}
