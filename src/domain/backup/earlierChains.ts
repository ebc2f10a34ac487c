import { AuditEntrySchema, verifySegment, type AuditEntry } from '../audit/index.ts';
import { err, ok, type Result } from '../common/result.ts';
import { fingerprintOfKeyHash, keyHash } from '../crypto/keys.ts';
import type { BackupSigner, EarlierChain } from './format.ts';
import type { BackupFailure } from './verify.ts';

/** An earlier device's chain, checked: its entries are what the history shows. */
export interface VerifiedChain {
  signer: BackupSigner;
  backup: string;
  entries: AuditEntry[];
}

/**
 * Checks every earlier chain: the key hash names the key, and the entries are the device's whole
 * chain from #1, each linked and signed. The first failure refuses the backup, naming the device.
 */
export async function verifyEarlierChains(chains: readonly EarlierChain[]): Promise<Result<VerifiedChain[], BackupFailure>> {
  const verified: VerifiedChain[] = [];
  for (const chain of chains) {
    const fingerprint = fingerprintOfKeyHash(chain.signer.keyHash);
    if ((await keyHash(chain.signer.publicKey)) !== chain.signer.keyHash) return err({ kind: 'earlier-chain', fingerprint, failure: { kind: 'key-mismatch' } });
    const entries: AuditEntry[] = [];
    for (const [index, raw] of chain.audit.entries()) {
      const parsed = AuditEntrySchema.safeParse(raw);
      if (!parsed.success) {
        return err({ kind: 'earlier-chain', fingerprint, failure: { kind: 'malformed', index, detail: parsed.error.issues[0]?.message ?? 'invalid' } });
      }
      entries.push(parsed.data);
    }
    const whole = await verifySegment(entries, chain.signer.publicKey, null);
    if (!whole.ok) return err({ kind: 'earlier-chain', fingerprint, failure: whole.error });
    verified.push({ signer: chain.signer, backup: chain.backup, entries });
  }
  return ok(verified);
}
