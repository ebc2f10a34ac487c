import type { AuditRefusal } from '../../api/audit.ts';
import { CHECKPOINT_SIGNATURE_DOMAIN, verifySegment, type AuditEntry, type ChainHead, type SignedCheckpoint } from '../../domain/audit/index.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import type { Deps } from '../context.ts';
import type { Device } from '../storage/types.ts';

export interface ReceivedChain {
  head: ChainHead | null;
  checkpoint: SignedCheckpoint | null;
}

/** A concurrent push of the same chain moved the head this many times in a row: answer from the new head. */
const ATTEMPTS = 2;

/**
 * Takes the next segment of a device's audit chain. Checked against the key the device enrolled
 * with, continuing from what the server holds for that key:
 * - entries at or below the stored head must be exactly the stored ones (an idempotent resend:
 *   skipped); another entry at a stored seq is history rewritten after it was acknowledged;
 * - the segment must follow the stored head without a gap (the answer names the seq expected);
 * - every entry must link and hash, the segment's last entry must carry the key's signature (one
 *   verification per segment: verifySegment), and no entry may claim a role this key never had.
 * Returns the stored head after the new entries are durable, with the server's signed checkpoint
 * of it (issue 14: the device keeps it as its receipt): a new one when entries were appended, else
 * the latest the server signed for this chain.
 */
export async function receiveChain(deps: Deps, device: Device, entries: readonly AuditEntry[]): Promise<Result<ReceivedChain, AuditRefusal>> {
  const { storage } = deps;
  const kecamatan = device.kecamatan;
  for (const [i, entry] of entries.entries()) {
    if (entry.device !== device.keyHash) return err({ kind: 'other-device', seq: entry.seq });
    const before = entries[i - 1];
    if (before && entry.seq !== before.seq + 1) return err({ kind: 'gap', expected: before.seq + 1, got: entry.seq });
  }
  const first = entries[0]!.seq;
  const last = entries.at(-1)!.seq;

  for (let attempt = 1; ; attempt++) {
    const head = await storage.chainHead(kecamatan, device.keyHash);
    const headSeq = head?.seq ?? 0;
    if (first > headSeq + 1) return err({ kind: 'gap', expected: headSeq + 1, got: first });

    // The part of the segment the server already holds, to compare.
    const stored = first <= headSeq ? await storage.chainHashes(kecamatan, device.keyHash, first, Math.min(last, headSeq)) : new Map<number, string>();
    for (const entry of entries) {
      if (entry.seq > headSeq) break;
      if (stored.get(entry.seq) !== entry.hash) return err({ kind: 'rewritten', seq: entry.seq });
    }
    const fresh = entries.filter((e) => e.seq > headSeq);
    if (fresh.length === 0) return ok({ head, checkpoint: await storage.latestCheckpoint(kecamatan, device.keyHash) });

    const verified = await verifySegment(fresh, device.publicKey, head);
    if (!verified.ok) return err(verified.error);
    const roles = await storage.rolesOfKey(kecamatan, device.keyHash);
    const impostor = fresh.find((e) => e.role !== null && !roles.has(e.role));
    if (impostor) return err({ kind: 'wrong-role', seq: impostor.seq, role: impostor.role });

    const appended = await storage.appendChain(kecamatan, {
      keyHash: device.keyHash,
      deviceId: device.id,
      expected: head,
      entries: fresh,
      receivedAt: deps.now().toISOString(),
      sign: (body) => deps.serverKey.sign(CHECKPOINT_SIGNATURE_DOMAIN, body),
    });
    if (appended.ok) return ok({ head: appended.head, checkpoint: appended.checkpoint });
    if (attempt >= ATTEMPTS) return err({ kind: 'gap', expected: (appended.head?.seq ?? 0) + 1, got: first });
  }
}
