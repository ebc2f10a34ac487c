import { canonicalJson } from '../canonical/json.ts';
import { sha256Hex } from '../canonical/hash.ts';
import { signText } from '../crypto/keys.ts';
import { AUDIT_FORMAT, AUDIT_SIGNATURE_DOMAIN, type AuditBody, type AuditChange, type AuditEntry, type ChainHead } from './schema.ts';

export async function auditBodyHash(body: AuditBody): Promise<string> {
  return sha256Hex(canonicalJson(body));
}

/**
 * Appends `changes` (oldest first) to the chain that ends at `head` (null: an empty chain),
 * hashing and signing each entry. Returns the sealed entries; the last one is the new head.
 */
export async function sealChanges(
  changes: readonly AuditChange[],
  head: ChainHead | null,
  device: { keyHash: string; privateKey: CryptoKey },
): Promise<AuditEntry[]> {
  const sealed: AuditEntry[] = [];
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? null;
  for (const change of changes) {
    seq += 1;
    const body: AuditBody = { ...change, format: AUDIT_FORMAT, device: device.keyHash, seq, prev };
    const hash = await auditBodyHash(body);
    const signature = await signText(device.privateKey, AUDIT_SIGNATURE_DOMAIN, hash);
    sealed.push({ ...body, hash, signature });
    prev = hash;
  }
  return sealed;
}

export function headOf(entries: readonly AuditEntry[], before: ChainHead | null = null): ChainHead | null {
  const last = entries.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : before;
}
