import { manifestSigningMessage, OP_SIGNATURE_DOMAIN, PUSH_MANIFEST_DOMAIN, PushManifestSchema, type PushManifest } from '../../api/index.ts';
import { canonicalJson } from '../../domain/canonical/json.ts';
import { sha256Hex } from '../../domain/canonical/hash.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { keyHash, verifyText, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
import { attestedKeys } from './attestedKeys.ts';
import type { Device, Storage } from '../storage/types.ts';
import type { OpProof } from '../storage/provenance.ts';

/** How the stored records and ops of a kecamatan hold up against what the devices signed. */
export interface StoredOpsReport {
  /** Records checked (the current version of each). */
  records: number;
  /** Changes of the feed checked (every version devices pull). */
  changes: number;
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
 * Re-verifies every stored record and every change of the feed against the op that wrote it, and
 * every applied op against what its device signed — the push manifest, or the op's own message —
 * with the key the server attested at the device's enrolment (docs/integrity.md: op → manifest →
 * signature → attestation). A figure edited in the database afterwards, even with its hash
 * recomputed, or a device key swapped and its manifests re-signed, no longer matches.
 */
export async function verifyStoredOps(storage: Storage, kecamatan: string, serverKey: PublicKeyJwk | null = null): Promise<StoredOpsReport> {
  const devices = new Map<string, Device>((await storage.listDevices(kecamatan)).map((d) => [d.id, d]));
  const proofs = await storage.appliedOpProofs(kecamatan);
  const attested = await attestedKeys(storage, kecamatan, devices, serverKey, new Set(proofs.map((p) => p.deviceId)));
  const failures: LocalizedText[] = [...attested.failures];
  const verdicts = new Map<string, BatchVerdict>();
  const byVersion = new Map<string, OpProof>();
  let provenOps = 0;
  let unprovenOps = 0;

  for (const proof of proofs) {
    byVersion.set(`${proof.key}@${proof.version}`, proof);
    const key = attested.keys.get(proof.deviceId);
    if (!proof.batch) {
      if (proof.signature !== null && proof.message !== null && key) {
        if (await singleOpHolds(proof, key)) provenOps += 1;
        else failures.push(text(`Operasi ${proof.opId} (${proof.key}) tidak sama dengan pesan yang ditandatangani perangkatnya.`, `Op ${proof.opId} (${proof.key}) differs from the message its device signed.`));
      } else unprovenOps += 1;
      continue;
    }
    let verdict = verdicts.get(proof.batch.id);
    if (!verdict) {
      verdict = await verifyBatch(proof.batch, devices.get(proof.deviceId), key);
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
    const why = await storedRowFailure(r, byVersion.get(`${r.key}@${r.version}`));
    if (why) failures.push(text(`Data ${r.key} versi ${r.version} (tabel records): ${why.id}`, `Record ${r.key} version ${r.version} (table records): ${why.en}`));
  }
  let changes = 0;
  for (let since = 0, more = true; more; ) {
    const page = await storage.changeTexts(kecamatan, since, 1000);
    for (const c of page.changes) {
      changes += 1;
      const why = await storedRowFailure(c, byVersion.get(`${c.key}@${c.version}`));
      if (why) failures.push(text(`Perubahan #${c.seq}, ${c.key} versi ${c.version} (tabel changes): ${why.id}`, `Change #${c.seq}, ${c.key} version ${c.version} (table changes): ${why.en}`));
    }
    more = page.more;
    since = page.changes.at(-1)?.seq ?? since;
  }
  return { records: records.length, changes, provenOps, batches: verdicts.size, unprovenOps, failures };
}

/** Why a stored row (records or changes) is not what the op that wrote it carried; null: it is. */
async function storedRowFailure(row: { record: string; hash: string; deviceId: string }, op: OpProof | undefined): Promise<LocalizedText | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.record);
  } catch {
    return text('tersimpan rusak (bukan JSON).', 'stored damaged (not JSON).');
  }
  if ((await sha256Hex(canonicalJson(parsed))) !== row.hash) return text('isinya tidak cocok dengan hash-nya (diubah di basis data).', 'its content does not match its hash (changed in the database).');
  if (!op || op.hash !== row.hash || op.deviceId !== row.deviceId) {
    return text('bukan yang dibawa operasi perangkat yang menulisnya (diubah di basis data).', 'not what the op that wrote it carried (changed in the database).');
  }
  return null;
}

/** An op its device signed alone: the kept message names this op and verifies with the device's key. */
async function singleOpHolds(proof: OpProof, key: PublicKeyJwk): Promise<boolean> {
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(proof.message!) as Record<string, unknown>;
  } catch {
    return false;
  }
  if (canonicalJson(fields) !== proof.message || fields.opId !== proof.opId || fields.key !== proof.key || fields.hash !== proof.hash) return false;
  return verifyText(key, OP_SIGNATURE_DOMAIN, proof.message, proof.signature!).catch(() => false);
}

async function verifyBatch(batch: NonNullable<OpProof['batch']>, device: Device | undefined, key: PublicKeyJwk | undefined): Promise<BatchVerdict> {
  const short = batch.id.slice(0, 16);
  const bad = (id: string, en: string): BatchVerdict => ({ ok: false, why: text(`Manifes ${short}…: ${id}`, `Manifest ${short}…: ${en}`) });
  if (!device || !key) return bad('perangkat penandatangannya tidak terdaftar di kecamatan ini.', 'its signing device is not enrolled in this kecamatan.');
  if ((await sha256Hex(batch.manifest)) !== batch.id) return bad('isinya tidak cocok dengan hash-nya (diubah).', 'its content does not match its hash (changed).');
  let parsed: ReturnType<typeof PushManifestSchema.safeParse>;
  try {
    parsed = PushManifestSchema.safeParse(JSON.parse(batch.manifest));
  } catch {
    return bad('tidak terbaca.', 'unreadable.');
  }
  if (!parsed.success || manifestSigningMessage(parsed.data) !== batch.manifest) return bad('tidak terbaca.', 'unreadable.');
  if (parsed.data.device !== (await keyHash(key))) return bad('menyebut kunci perangkat lain.', "names another device's key.");
  if (!(await verifyText(key, PUSH_MANIFEST_DOMAIN, batch.manifest, batch.signature).catch(() => false))) {
    return bad(`tanda tangan perangkat ${device.name} tidak sah.`, `the signature of device ${device.name} does not verify.`);
  }
  return { ok: true, manifest: parsed.data };
}
