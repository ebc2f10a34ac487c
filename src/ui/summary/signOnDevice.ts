import { canonicalJson } from '../../domain/canonical/json.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { exportPublicJwk } from '../../domain/crypto/keys.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { buildFailureText, buildSummary, signSummaryV2, verifySummary, type SummaryFileV2 } from '../../domain/summary/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { photoHashesByForm, type RekapDb } from '../../db/index.ts';
import { saveSignedSummary, signedSummaryRecord, summarySource, type SignedSummaryRecord } from '../../db/summary.ts';
import { DexieSyncStore, sealDeviceAudit, type Enrolment } from '../../sync/index.ts';
import { downloadText, slug } from '../common/files.ts';
import { fileTimestamp } from '../common/format.ts';

/** Who may sign: the chair's enrolled device, or a device working on its own (no server, no attestation). */
export function maySign(enrolment: Enrolment | null): boolean {
  return enrolment === null || enrolment.role === 'chair';
}

/**
 * rekap-summary-puger-ppwp-20240218-093000.json, or …-semua-… for every contest; "-belum-final"
 * at the end when a contest in it is not finalised, so the file says so before anyone opens it.
 */
export function summaryFileName(setup: Setup, contests: readonly ContestId[], allFinal: boolean, now: Date): string {
  const kec = slug(setup.kecamatan.name) || setup.kecamatan.code;
  const scope = contests.length === 1 ? contests[0]!.toLowerCase().replaceAll('_', '-') : 'semua';
  return `rekap-summary-${kec}-${scope}-${fileTimestamp(now)}${allFinal ? '' : '-belum-final'}.json`;
}

export interface SignedExport {
  fileName: string;
  /** The canonical JSON written to the file. */
  json: string;
  /** The printed hash (of the signed head, rekap.summary/v2), as the Verify screen, the CLI and the paper show it. */
  hash: string;
  file: SummaryFileV2;
  record: SignedSummaryRecord;
  /** Every contest in the file was finalised when it was signed. */
  allFinal: boolean;
}

export interface SignRequest {
  contests: readonly ContestId[];
  signerName: string;
  now?: Date;
}

/**
 * Builds and signs rekap.summary/v2 with this device's non-extractable key, checks it exactly as a
 * stranger would verify it, and records it for the printout. The server attestation comes from the
 * enrolment; a device on its own signs without one. `auditHead` is the head of this device's audit
 * chain, sealed just before signing (null when this device never changed anything).
 */
export async function signSummaryOnDevice(db: RekapDb, request: SignRequest): Promise<Result<SignedExport, LocalizedText>> {
  const store = new DexieSyncStore(db);
  const { enrolment } = await store.meta();
  if (!maySign(enrolment)) {
    return err(text('Hanya perangkat Ketua PPK yang menandatangani ringkasan.', "Only the PPK chair's device signs summaries."));
  }
  const source = await summarySource(db, request.contests);
  if (!source.ok) return err(source.error.message);
  const { setup, tallies, final } = source.value;

  const keys = await store.deviceKey();
  const publicKey = await exportPublicJwk(keys.publicKey);
  const now = request.now ?? new Date();
  // Everything changed so far is chained and signed first, so the head covers this device's last change.
  const head = await sealDeviceAudit(db);
  const built = await buildSummary(setup, tallies, request.contests, { name: request.signerName, role: 'chair', publicKey }, {
    createdAt: now.toISOString(),
    auditHead: head?.hash ?? null,
    attestation: enrolment ? { serverKey: enrolment.serverKey, statement: enrolment.attestation } : null,
  });
  if (!built.ok) return err(buildFailureText(built.error));
  // Each TPS's leaf names the photos of its C.Hasil: the signature covers which paper was read.
  const file = await signSummaryV2(built.value, keys.privateKey, await photoHashesByForm(db));

  const json = canonicalJson(file);
  const check = await verifySummary(JSON.parse(json) as unknown, { setup });
  if (!check.ok || !check.value.valid) {
    // The same code verifies everywhere; a summary that fails here is a bug, never the user's fault.
    return err(text('Ringkasan yang baru ditandatangani tidak lolos verifikasi (galat program): berkas tidak dibuat.', 'The newly signed summary fails verification (a program error): no file was made.'));
  }
  const { hash } = check.value;
  const allFinal = file.contests.every((c) => final.get(c.contest) === true);
  const fileName = summaryFileName(setup, file.contests.map((c) => c.contest), allFinal, now);
  // The record's content hashes are of the blocks as built (no leaf hashes): what checkSignedSummary rebuilds to compare.
  const record = await signedSummaryRecord({ ...built.value, signature: file.signature }, hash, fileName, final);
  const saved = await saveSignedSummary(db, record);
  if (!saved.ok) return err(saved.error.message);
  return ok({ fileName, json, hash, file, record, allFinal });
}

/** Offers the exact bytes as a download (no re-serialising: they are what the hash is of). */
export function downloadSummary(fileName: string, json: string): void {
  downloadText(fileName, json, 'application/json');
}
