import {
  ATTESTATION_DOMAIN,
  OP_SIGNATURE_DOMAIN,
  PUSH_MANIFEST_DOMAIN,
  PushManifestSchema,
  type Attestation,
  type Change,
  type ChangeProof,
  type ManifestEntry,
  type PullProofs,
  type PullResponse,
} from '../api/index.ts';
import { canonicalJson } from '../domain/canonical/json.ts';
import { sha256Hex } from '../domain/canonical/hash.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { importPublicJwk, keyHash, verifyText, type PublicKeyJwk } from '../domain/crypto/keys.ts';
import type { RefusedChange } from './store.ts';

/** What the device trusts without asking the server: the server key pinned at enrolment, its kecamatan. */
export interface PullTrust {
  serverKey: PublicKeyJwk;
  kecamatan: string;
}

interface Writer {
  keyHash: string;
  key: CryptoKey;
}

type Checked<T> = { ok: true; value: T } | { ok: false; why: LocalizedText };
const refuse = <T>(why: LocalizedText): Checked<T> => ({ ok: false, why });

/** The signed facts of one op, from its manifest line or its own signed message. */
interface SignedOp {
  kind?: string;
  key: string;
  hash: string;
  actor: string;
  at: string;
}

/**
 * Checks every change of the pull feed against what its device signed before the device stores it
 * (docs/integrity.md, "Records every device checks"): the record hashes to the hash in the op, the
 * op is in a manifest (or carries a message) signed by the key the server attested for that device
 * at enrolment, and the attestation is signed by the server key pinned at this device's enrolment.
 * A record changed in the server's database, even with its hash recomputed, fails here and is
 * refused (kept in `pullRefused`, shown), never stored. One checker serves one pull: attestations
 * and manifests are verified once each, whatever number of changes name them.
 */
export class PullProofChecker {
  private readonly writers = new Map<string, Promise<Checked<Writer>>>();
  private readonly manifests = new Map<string, Promise<Checked<Map<string, ManifestEntry>>>>();
  private serverKey: Promise<CryptoKey> | null = null;

  constructor(
    private readonly trust: PullTrust,
    /** Device id → key hash, as first seen: grows as new writers are met (keep it with the page). */
    readonly pins: Record<string, string>,
  ) {}

  async check(page: PullResponse, now: string): Promise<{ accepted: Change[]; refused: RefusedChange[] }> {
    const accepted: Change[] = [];
    const refused: RefusedChange[] = [];
    const verdicts = await Promise.all(page.changes.map((change) => this.checkChange(change, page.proofs)));
    page.changes.forEach((change, i) => {
      const verdict = verdicts[i]!;
      const { proof: _proof, ...record } = change;
      if (verdict.ok) accepted.push(record as Change);
      else refused.push({ key: change.key, version: change.version, seq: change.seq, deviceId: change.deviceId, why: verdict.why, refusedAt: now });
    });
    return { accepted, refused };
  }

  private async checkChange(change: Change, proofs: PullProofs | undefined): Promise<Checked<null>> {
    const proof = change.proof ?? null;
    if (proof === null || !proofs) return refuse(text('server tidak menyertakan tanda tangan perangkat yang menulisnya.', 'the server sent no signature of the device that wrote it.'));
    if ((await sha256Hex(canonicalJson(change.record))) !== change.hash) {
      return refuse(text('isinya tidak cocok dengan hash-nya (diubah setelah dikirim).', 'its content does not match its hash (changed after it was sent).'));
    }
    const writer = await this.writer(change.deviceId, proofs.devices[change.deviceId]);
    if (!writer.ok) return writer;
    const signed = await this.signedOp(proof, change.deviceId, writer.value, proofs);
    if (!signed.ok) return signed;
    const op = signed.value;
    const kindMatches = op.kind === undefined ? change.kind === 'tally' : op.kind === change.kind;
    if (!kindMatches || op.key !== change.key || op.hash !== change.hash) {
      return refuse(text('isinya bukan yang ditandatangani perangkat penulisnya (diubah di server).', 'its content is not what the writing device signed (changed on the server).'));
    }
    if (op.actor !== change.actor || op.at !== change.at) {
      return refuse(text('nama operator atau waktunya bukan yang ditandatangani perangkat penulisnya.', 'its operator name or time is not what the writing device signed.'));
    }
    return { ok: true, value: null };
  }

  private signedOp(proof: ChangeProof, deviceId: string, writer: Writer, proofs: PullProofs): Promise<Checked<SignedOp>> | Checked<SignedOp> {
    if ('batch' in proof) {
      const batch = proofs.batches[proof.batch];
      if (!batch || batch.deviceId !== deviceId) return refuse(text('manifes yang ditandatangani perangkat penulisnya tidak ada.', 'the manifest its writing device signed is missing.'));
      return this.manifest(proof.batch, batch.manifest, batch.signature, writer).then((entries): Checked<SignedOp> => {
        if (!entries.ok) return entries;
        const entry = entries.value.get(proof.opId);
        return entry ? { ok: true, value: entry } : refuse(text('operasinya tidak ada di manifes yang ditandatangani.', 'its op is not in the signed manifest.'));
      });
    }
    return this.singleOp(proof, writer);
  }

  private async singleOp(proof: Extract<ChangeProof, { message: string }>, writer: Writer): Promise<Checked<SignedOp>> {
    const fields = parseCanonical(proof.message);
    if (!fields || fields.opId !== proof.opId || !isSignedOp(fields)) return refuse(text('pesan yang ditandatangani rusak.', 'the signed message is damaged.'));
    if (!(await verifyText(writer.key, OP_SIGNATURE_DOMAIN, proof.message, proof.signature))) return refuse(badSignature());
    return { ok: true, value: fields };
  }

  private manifest(id: string, manifestText: string, signature: string, writer: Writer): Promise<Checked<Map<string, ManifestEntry>>> {
    let found = this.manifests.get(id);
    if (!found) {
      found = (async (): Promise<Checked<Map<string, ManifestEntry>>> => {
        const parsed = PushManifestSchema.safeParse(parseCanonical(manifestText));
        if (!parsed.success || (await sha256Hex(manifestText)) !== id) return refuse(text('manifesnya rusak.', 'its manifest is damaged.'));
        const manifest = parsed.data;
        if (manifest.kecamatan !== this.trust.kecamatan) return refuse(text('manifesnya dari kecamatan lain.', 'its manifest is from another kecamatan.'));
        if (manifest.device !== writer.keyHash) return refuse(text('manifesnya ditandatangani kunci perangkat lain.', 'its manifest names another device key.'));
        if (!(await verifyText(writer.key, PUSH_MANIFEST_DOMAIN, manifestText, signature))) return refuse(badSignature());
        return { ok: true, value: new Map(manifest.ops.map((e) => [e.opId, e])) };
      })();
      this.manifests.set(id, found);
    }
    return found;
  }

  private writer(deviceId: string, attestation: Attestation | undefined): Promise<Checked<Writer>> {
    let found = this.writers.get(deviceId);
    if (!found) {
      found = this.checkWriter(deviceId, attestation);
      this.writers.set(deviceId, found);
    }
    return found;
  }

  private async checkWriter(deviceId: string, attestation: Attestation | undefined): Promise<Checked<Writer>> {
    if (!attestation || attestation.deviceId !== deviceId) {
      return refuse(text(`server tidak menyertakan pengesahan kunci perangkat ${deviceId}.`, `the server sent no attestation of device ${deviceId}'s key.`));
    }
    const { signature, ...attested } = attestation;
    this.serverKey ??= importPublicJwk(this.trust.serverKey);
    if (attested.kecamatan !== this.trust.kecamatan || !(await verifyText(await this.serverKey, ATTESTATION_DOMAIN, canonicalJson(attested), signature))) {
      return refuse(text(`pengesahan kunci perangkat ${deviceId} tidak ditandatangani server kecamatan ini.`, `device ${deviceId}'s key attestation is not signed by this kecamatan's server.`));
    }
    const hash = await keyHash(attested.publicKey);
    const pinned = this.pins[deviceId];
    if (pinned !== undefined && pinned !== hash) {
      return refuse(text(`kunci perangkat ${deviceId} berganti sejak terakhir dilihat (diganti di server).`, `device ${deviceId}'s key changed since it was last seen (swapped on the server).`));
    }
    this.pins[deviceId] = hash;
    return { ok: true, value: { keyHash: hash, key: await importPublicJwk(attested.publicKey) } };
  }
}

const badSignature = () => text('tanda tangan perangkat penulisnya tidak sah.', 'the writing device’s signature does not verify.');

/** The object a signed text holds, only when the text is exactly its canonical JSON. */
function parseCanonical(signed: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(signed);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    return canonicalJson(value) === signed ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isSignedOp(fields: Record<string, unknown>): fields is Record<string, unknown> & SignedOp {
  const { kind, key, hash, actor, at } = fields;
  return (kind === undefined || typeof kind === 'string') && typeof key === 'string' && typeof hash === 'string' && typeof actor === 'string' && typeof at === 'string';
}
