import { manifestSigningMessage, PUSH_MANIFEST_DOMAIN, PushManifestSchema, type PushManifest } from '../../api/index.ts';
import { canonicalJson } from '../../domain/canonical/json.ts';
import { sha256Hex } from '../../domain/canonical/hash.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { keyHash, verifyText } from '../../domain/crypto/keys.ts';
import type { Device, Storage } from '../storage/types.ts';
import type { OpProof } from '../storage/provenance.ts';

/** How the stored records and ops of a kecamatan hold up against what the devices signed. */
export interface StoredOpsReport {
  /** Records checked (the current version of each). */
  records: number;
  /** Applied ops whose push manifest verified with their device's enrolled key. */
  provenOps: number;
  /** Manifests re-verified. */
  batches: number;
  /** Applied ops from a push without a manifest (signed alone; the server kept the signature only) or stored before the server kept any. */
  unprovenOps: number;
  /** What does not hold, each naming the record or manifest (empty: everything verifies). */
  failures: LocalizedText[];
}

type BatchVerdict = { ok: true; manifest: PushManifest } | { ok: false; why: LocalizedText };

/**
 * Re-verifies every stored record against the op that wrote it and every applied op against the
 * manifest its device signed (docs/integrity.md: op → manifest → signature): a figure edited in the
 * database afterwards, even with its hash recomputed, no longer matches what a device signed.
 */
export async function verifyStoredOps(storage: Storage, kecamatan: string): Promise<StoredOpsReport> {
  const devices = new Map<string, Device>((await storage.listDevices(kecamatan)).map((d) => [d.id, d]));
  const proofs = await storage.appliedOpProofs(kecamatan);
  const failures: LocalizedText[] = [];
  const verdicts = new Map<string, BatchVerdict>();
  const byVersion = new Map<string, OpProof>();
  let provenOps = 0;
  let unprovenOps = 0;

  for (const proof of proofs) {
    byVersion.set(`${proof.key}@${proof.version}`, proof);
    if (!proof.batch) {
      unprovenOps += 1;
      continue;
    }
    let verdict = verdicts.get(proof.batch.id);
    if (!verdict) {
      verdict = await verifyBatch(proof.batch, devices.get(proof.deviceId));
      verdicts.set(proof.batch.id, verdict);
      if (!verdict.ok) failures.push(verdict.why);
    }
    if (!verdict.ok) continue;
    const entry = verdict.manifest.ops.find((e) => e.opId === proof.opId);
    if (!entry || entry.key !== proof.key || entry.hash !== proof.hash) {
      failures.push(text(`Operasi ${proof.opId} (${proof.key}) tidak sama dengan manifes yang ditandatangani perangkatnya.`, `Op ${proof.opId} (${proof.key}) differs from the manifest its device signed.`));
      continue;
    }
    provenOps += 1;
  }

  const records = await storage.storedRecordTexts(kecamatan);
  for (const r of records) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(r.record);
    } catch {
      failures.push(text(`Data ${r.key} tersimpan rusak (bukan JSON).`, `Record ${r.key} is stored damaged (not JSON).`));
      continue;
    }
    if ((await sha256Hex(canonicalJson(parsed))) !== r.hash) {
      failures.push(text(`Isi data ${r.key} versi ${r.version} tidak cocok dengan hash-nya (diubah di basis data).`, `Record ${r.key} version ${r.version} does not match its hash (changed in the database).`));
      continue;
    }
    const op = byVersion.get(`${r.key}@${r.version}`);
    if (!op || op.hash !== r.hash || op.deviceId !== r.deviceId) {
      failures.push(
        text(
          `Data ${r.key} versi ${r.version} tidak sama dengan operasi perangkat yang menulisnya (diubah di basis data).`,
          `Record ${r.key} version ${r.version} is not what the op that wrote it carried (changed in the database).`,
        ),
      );
    }
  }
  return { records: records.length, provenOps, batches: verdicts.size, unprovenOps, failures };
}

async function verifyBatch(batch: NonNullable<OpProof['batch']>, device: Device | undefined): Promise<BatchVerdict> {
  const short = batch.id.slice(0, 16);
  const bad = (id: string, en: string): BatchVerdict => ({ ok: false, why: text(`Manifes ${short}…: ${id}`, `Manifest ${short}…: ${en}`) });
  if (!device) return bad('perangkat penandatangannya tidak terdaftar di kecamatan ini.', 'its signing device is not enrolled in this kecamatan.');
  if ((await sha256Hex(batch.manifest)) !== batch.id) return bad('isinya tidak cocok dengan hash-nya (diubah).', 'its content does not match its hash (changed).');
  let parsed: ReturnType<typeof PushManifestSchema.safeParse>;
  try {
    parsed = PushManifestSchema.safeParse(JSON.parse(batch.manifest));
  } catch {
    return bad('tidak terbaca.', 'unreadable.');
  }
  if (!parsed.success || manifestSigningMessage(parsed.data) !== batch.manifest) return bad('tidak terbaca.', 'unreadable.');
  if (parsed.data.device !== (await keyHash(device.publicKey))) return bad('menyebut kunci perangkat lain.', "names another device's key.");
  if (!(await verifyText(device.publicKey, PUSH_MANIFEST_DOMAIN, batch.manifest, batch.signature).catch(() => false))) {
    return bad(`tanda tangan perangkat ${device.name} tidak sah.`, `the signature of device ${device.name} does not verify.`);
  }
  return { ok: true, manifest: parsed.data };
}
