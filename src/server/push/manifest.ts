import { canonicalJson } from '../../domain/canonical/json.ts';
import { sha256Hex } from '../../domain/canonical/hash.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { verifyText } from '../../domain/crypto/keys.ts';
import { zodIssuesSummary } from '../../domain/errors/index.ts';
import { PUSH_MANIFEST_DOMAIN, PushManifestSchema, type PushManifest } from '../../api/index.ts';
import { canonicalOrNull } from './canonicalText.ts';
import type { Device, PushBatch } from '../storage/types.ts';

/** Why a whole push is refused: its manifest, or the manifest's signature, does not hold. */
export interface BatchRefusal {
  code: 'bad-manifest' | 'bad-signature';
  reason: LocalizedText;
}

export interface CheckedBatch {
  manifest: PushManifest;
  stored: PushBatch;
}

const refused = (code: BatchRefusal['code'], detail: LocalizedText): Result<never, BatchRefusal> =>
  err({
    code,
    reason: text(`Seluruh kiriman ditolak: ${detail.id}`, `The whole push is refused: ${detail.en}`),
  });

/**
 * A push's manifest and its one signature (docs/integrity.md, "What is signed"): the manifest must
 * name this device's key and kecamatan, list exactly as many ops as the push carries, and verify
 * with the key the device enrolled with. Anything else refuses every op of the push: a batch whose
 * manifest or signature was changed on the way is not partly trusted. Null: a push without a
 * manifest (each op then carries its own signature, as devices did before batch signing).
 */
export async function checkManifest(device: Device, publicKey: CryptoKey, envelope: { ops: readonly unknown[]; manifest?: unknown; signature?: unknown }): Promise<Result<CheckedBatch | null, BatchRefusal>> {
  if (envelope.manifest === undefined && envelope.signature === undefined) return ok(null);
  if (typeof envelope.signature !== 'string') return refused('bad-signature', text('manifes tanpa tanda tangan.', 'a manifest without a signature.'));
  const parsed = PushManifestSchema.safeParse(envelope.manifest);
  if (!parsed.success) {
    const detail = zodIssuesSummary(parsed.error, { root: envelope.manifest, max: 1 });
    return refused('bad-manifest', text(`manifes tidak sah (${detail.id}).`, `the manifest is malformed (${detail.en}).`));
  }
  const manifest = parsed.data;
  if (manifest.device !== device.keyHash || manifest.kecamatan !== device.kecamatan) {
    return refused('bad-manifest', text('manifes menyebut perangkat atau kecamatan lain.', 'the manifest names another device or kecamatan.'));
  }
  if (manifest.ops.length !== envelope.ops.length) {
    return refused('bad-manifest', text(`manifes mencantumkan ${manifest.ops.length} operasi, kiriman membawa ${envelope.ops.length}.`, `the manifest lists ${manifest.ops.length} ops, the push carries ${envelope.ops.length}.`));
  }
  const message = canonicalOrNull(manifest);
  if (message === null) return refused('bad-manifest', text('manifes memuat teks yang tidak dapat ditandatangani.', 'the manifest holds text that cannot be signed.'));
  if (!(await verifyText(publicKey, PUSH_MANIFEST_DOMAIN, message, envelope.signature).catch(() => false))) {
    return refused('bad-signature', text('tanda tangan perangkat atas manifes tidak sah.', "the device's signature on the manifest is not valid."));
  }
  return ok({ manifest, stored: { id: await sha256Hex(message), deviceId: device.id, manifest: message, signature: envelope.signature } });
}

/** Whether an op (its manifest line as canonical JSON) is exactly what the manifest lists at its place. */
export function matchesManifest(entryText: string, manifest: PushManifest, index: number): boolean {
  const entry = manifest.ops[index];
  return entry !== undefined && canonicalJson(entry) === entryText;
}
