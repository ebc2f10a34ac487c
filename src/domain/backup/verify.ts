import { AuditEntrySchema, verifySegment, type AuditEntry, type ChainFailure } from '../audit/index.ts';
import { err, ok, type Result } from '../common/result.ts';
import { fingerprintOfKeyHash, keyHash, verifyText, type PublicKeyJwk } from '../crypto/keys.ts';
import { sameKey, verifyAttestation } from '../summary/attestation.ts';
import { compareFormsWithChain, type BackupForm, type BackupRevision, type FormMismatch } from './chainForms.ts';
import { verifyEarlierChains, type VerifiedChain } from './earlierChains.ts';
import { BACKUP_SIGNATURE_DOMAIN, type SignedBackupEnvelope } from './format.ts';
import { backupHash } from './sign.ts';

/** Why a signed backup is refused (nothing is stored). */
export type BackupFailure =
  | { kind: 'key-mismatch' }
  | { kind: 'chain'; failure: ChainFailure }
  | { kind: 'form'; mismatch: FormMismatch }
  | { kind: 'signature' }
  /** A chain an earlier restore brought in (earlierChains.ts) does not verify. */
  | { kind: 'earlier-chain'; fingerprint: string; failure: ChainFailure | { kind: 'key-mismatch' } };

/**
 * Whether the kecamatan's server vouches for the signing key: `attested` by the server this device
 * pinned at enrolment; `no-attestation` (the exporting device was never enrolled); `unpinned` (this
 * device is not enrolled, so there is no server to check against); `other-server` (an attestation
 * that the pinned server did not sign, or for another kecamatan or key).
 */
export type BackupTrust = 'attested' | 'no-attestation' | 'unpinned' | 'other-server';

export interface VerifiedBackup {
  /** SHA-256 of the signed members (what the signature covers): the backup's name in the history. */
  hash: string;
  keyHash: string;
  fingerprint: string;
  trust: BackupTrust;
  /** The device name the server attested (null without an attestation). */
  deviceName: string | null;
  /** The chain's entries, checked. */
  entries: AuditEntry[];
  /** The chains of devices whose backups the signing device restored earlier, each checked. */
  earlier: VerifiedChain[];
}

/** The server this device pinned at enrolment (null: not enrolled). */
export type PinnedServer = { serverKey: PublicKeyJwk; kecamatan: string } | null;

/**
 * Checks a signed backup before anything is stored, most specific first: the key hash names the
 * key; the chain is whole from entry #1 and links to its signed head; every form ends where this
 * device's chain says it did (so a changed figure is named by form and cell); the chains of
 * earlier devices it carries are whole and signed by their keys; and the signature
 * over everything holds (any other change: history, settings, objections, the export time).
 */
export async function verifyBackup(
  file: SignedBackupEnvelope,
  data: { forms: readonly BackupForm[]; revisions: readonly BackupRevision[] },
  pinned: PinnedServer,
): Promise<Result<VerifiedBackup, BackupFailure>> {
  const { publicKey } = file.signer;
  if ((await keyHash(publicKey)) !== file.signer.keyHash) return err({ kind: 'key-mismatch' });

  const entries: AuditEntry[] = [];
  for (const [index, raw] of file.audit.entries()) {
    const parsed = AuditEntrySchema.safeParse(raw);
    if (!parsed.success) return err({ kind: 'chain', failure: { kind: 'malformed', index, detail: parsed.error.issues[0]?.message ?? 'invalid' } });
    entries.push(parsed.data);
  }
  // The signed head commits to every entry before it (verifySegment); the file's signature below
  // covers the entries' own signatures as well.
  const chain = await verifySegment(entries, publicKey, null);
  if (!chain.ok) return err({ kind: 'chain', failure: chain.error });

  const earlier = await verifyEarlierChains(file.earlierChains ?? []);
  if (!earlier.ok) return earlier;

  const mismatch = compareFormsWithChain(data.forms, entries, data.revisions);
  if (mismatch) return err({ kind: 'form', mismatch });

  const hash = await backupHash(file);
  if (hash === null || !(await verifyText(publicKey, BACKUP_SIGNATURE_DOMAIN, hash, file.signature).catch(() => false))) return err({ kind: 'signature' });

  return ok({
    hash,
    keyHash: file.signer.keyHash,
    fingerprint: fingerprintOfKeyHash(file.signer.keyHash),
    trust: await signerTrust(file.signer, pinned),
    deviceName: file.signer.attestation?.statement.deviceName ?? null,
    entries,
    earlier: earlier.value,
  });
}

/** Whether the pinned server vouches for a signer's key (see BackupTrust). */
export async function signerTrust(signer: SignedBackupEnvelope['signer'], pinned: PinnedServer): Promise<BackupTrust> {
  const attestation = signer.attestation;
  if (!attestation) return 'no-attestation';
  if (!pinned) return 'unpinned';
  const { statement } = attestation;
  const genuine =
    sameKey(attestation.serverKey, pinned.serverKey) &&
    sameKey(statement.publicKey, signer.publicKey) &&
    statement.kecamatan === pinned.kecamatan &&
    (await verifyAttestation(statement, pinned.serverKey));
  return genuine ? 'attested' : 'other-server';
}
