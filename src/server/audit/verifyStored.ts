import { auditRefusalText } from '../../api/audit.ts';
import { AuditEntrySchema, chainFailureText, verifyChain, type ChainHead } from '../../domain/audit/index.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import type { Device, Storage } from '../storage/types.ts';

export interface StoredChainReport {
  keyHash: string;
  /** The devices enrolled with this key (usually one; none: entries of a key nobody enrolled with). */
  devices: Pick<Device, 'id' | 'name' | 'role' | 'revokedAt'>[];
  fingerprint: string | null;
  entries: number;
  /** The last entry that verified in order (null: none did, or the chain is empty). */
  head: ChainHead | null;
  /** Why the stored chain does not verify; null when every entry does. */
  failure: LocalizedText | null;
}

/**
 * Re-verifies every audit chain the server holds for a kecamatan, from its first entry, with the
 * key each device enrolled with: the check the server made when it took each segment, made again
 * over what is stored now. Finds rows changed, dropped or inserted in the database afterwards (by
 * hand, a restore, a bug): the server's own copy of the history is then no longer the devices'.
 */
export async function verifyStoredChains(storage: Storage, kecamatan: string): Promise<StoredChainReport[]> {
  const devices = await storage.listDevices(kecamatan);
  const chains = new Map((await storage.storedChains(kecamatan)).map((c) => [c.keyHash, c.entries]));
  const keys = [...new Set([...devices.map((d) => d.keyHash), ...chains.keys()])].sort();
  const reports: StoredChainReport[] = [];
  for (const keyHash of keys) {
    const owners = devices.filter((d) => d.keyHash === keyHash);
    const entries = chains.get(keyHash) ?? [];
    const base = { keyHash, devices: owners.map(({ id, name, role, revokedAt }) => ({ id, name, role, revokedAt })), entries: entries.length };
    const owner = owners[0];
    if (!owner) {
      reports.push({
        ...base,
        fingerprint: null,
        head: null,
        failure: text(
          `${entries.length} entri audit dari kunci yang tidak pernah didaftarkan di kecamatan ini.`,
          `${entries.length} audit entries from a key never enrolled in this kecamatan.`,
        ),
      });
      continue;
    }
    const verified = await verifyChain(entries, owner.publicKey, null);
    let failure = verified.ok ? null : chainFailureText(verified.error);
    if (verified.ok) {
      const roles = new Set<string>(owners.map((d) => d.role));
      // verifyChain parsed every entry, so this cannot throw.
      const impostor = AuditEntrySchema.array().parse(entries).find((e) => e.role !== null && !roles.has(e.role));
      if (impostor) failure = auditRefusalText({ kind: 'wrong-role', seq: impostor.seq, role: impostor.role });
    }
    reports.push({ ...base, fingerprint: await fingerprint(owner.publicKey), head: verified.ok ? verified.value : null, failure });
  }
  return reports;
}
