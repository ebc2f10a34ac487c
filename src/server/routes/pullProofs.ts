import type { ChangeProof, PullProofs } from '../../api/index.ts';
import { attestationsOf } from '../auth/attestation.ts';
import type { Deps } from '../context.ts';
import type { ChangeText } from '../storage/types.ts';

/**
 * What a device needs to check a page of the feed before storing any of it (docs/integrity.md,
 * "Records every device checks"): for each change the op that wrote it and how it was signed, the
 * manifests named, and the attestation of every device that signed them.
 */
export async function pageProofs(deps: Deps, kecamatan: string, changes: readonly ChangeText[]): Promise<{ byChange: Map<number, ChangeProof | null>; proofs: PullProofs }> {
  const { ops, batches } = await deps.storage.changeProofs(kecamatan, changes.map((c) => c.seq));
  const byChange = new Map<number, ChangeProof | null>();
  for (const change of changes) {
    const op = ops.get(change.seq);
    byChange.set(
      change.seq,
      !op
        ? null
        : op.batch !== null
          ? { opId: op.opId, batch: op.batch }
          : op.signature !== null && op.message !== null
            ? { opId: op.opId, message: op.message, signature: op.signature }
            : null,
    );
  }
  const writers = [...new Set([...changes.map((c) => c.deviceId), ...batches.map((b) => b.deviceId)])];
  const proofs: PullProofs = {
    batches: Object.fromEntries(batches.map((b) => [b.id, { deviceId: b.deviceId, manifest: b.manifest, signature: b.signature }])),
    devices: await attestationsOf(deps, kecamatan, writers),
  };
  return { byChange, proofs };
}
