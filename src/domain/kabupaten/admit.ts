import type { KabupatenCode, KecamatanCode, TpsCode } from '../codes/codes.ts';
import { err, ok, type Result } from '../common/result.ts';
import { keyHash, type PublicKeyJwk } from '../crypto/keys.ts';
import type { Setup } from '../setup/schema.ts';
import { confirmHashGroups, readSummaryValue, verifyRead, type SummaryFigures } from '../summary/index.ts';
import type { ContestId } from '../tally/contest.ts';
import type { TallyStatus } from '../tally/tally.ts';
import { ballotKey, ballotOf, type Ballot } from './ballot.ts';
import type { AdmissionFailure } from './failures.ts';

/** One kecamatan × contest as the kabupaten adds it up: its verified kecamatan total and its ballot. */
export interface KecamatanContestTotals {
  kecamatan: KecamatanCode;
  kecamatanName: string;
  contest: ContestId;
  ballot: Ballot;
  ballotKey: string;
  tpsIncluded: number;
  /** The summary's kecamatan figures, which verification proved equal to the sum of its TPS figures. */
  figures: SummaryFigures;
  /** The summary file it comes from. */
  hash: string;
}

export interface AdmittedSummary {
  hash: string;
  hashGroups: string[];
  kabupaten: { code: KabupatenCode; name: string };
  kecamatan: { code: KecamatanCode; name: string };
  /** keyHash: the signing device's audit chain (src/domain/audit) as the server holds it. */
  signer: { name: string; fingerprint: string; keyHash: string };
  /** The signer's audit head named in the file (null: signed outside the app, no audit trail). */
  auditHead: string | null;
  serverFingerprint: string;
  createdAt: string;
  contests: KecamatanContestTotals[];
}

export interface AdmitInput {
  /** The file as parsed JSON (before any schema). */
  value: unknown;
  /** The kabupaten doing the import. */
  kabupaten: KabupatenCode;
  /** The importer's own copy of the kecamatan's setup (null: it has none). */
  setupOf: (kecamatan: KecamatanCode) => Promise<Setup | null>;
  /** The one server key whose attestations the importer accepts. */
  trust: PublicKeyJwk;
  /** The groups a person typed from the paper D.Hasil (positions 0-based). */
  confirm: { positions: readonly number[]; typed: readonly string[] };
}

/**
 * Whether a kecamatan summary may count towards the kabupaten totals, in the order a person
 * would want to hear it: readable, this kabupaten, a kecamatan we know, verification (signature,
 * attestation by the trusted server, every total recomputed from the TPS figures against our own
 * setup), signed by a chair, the file in hand is the one on paper, and every TPS final.
 */
export async function admitSummary(input: AdmitInput): Promise<Result<AdmittedSummary, AdmissionFailure[]>> {
  const read = readSummaryValue(input.value);
  if (!read.ok) return err([{ kind: 'unreadable', failure: read.error }]);
  const { summary } = read.value;
  if (summary.kabupaten.code !== input.kabupaten) {
    return err([{ kind: 'other-kabupaten', stated: summary.kabupaten.code, expected: input.kabupaten }]);
  }
  const setup = await input.setupOf(summary.kecamatan.code);
  if (setup === null) return err([{ kind: 'unknown-kecamatan', kecamatan: summary.kecamatan.code }]);

  const report = await verifyRead(read.value, { trust: input.trust, setup });
  if (!report.valid) return err([{ kind: 'verification-failed', failures: report.failures }]);
  if (summary.signer.role !== 'chair') return err([{ kind: 'signer-not-chair', role: summary.signer.role }]);
  const confirmed = confirmHashGroups(report.hash, input.confirm.positions, input.confirm.typed);
  if (!confirmed.ok) return err([{ kind: 'hash-groups', failures: confirmed.error }]);

  const failures: AdmissionFailure[] = [];
  const contests: KecamatanContestTotals[] = [];
  for (const block of summary.contests) {
    const contestSetup = setup.contests.find((c) => c.id === block.contest);
    if (!contestSetup) {
      failures.push({ kind: 'contest-not-in-setup', contest: block.contest });
      continue;
    }
    const notFinal: { tps: TpsCode; status: TallyStatus }[] = [];
    for (const desa of block.desa) for (const entry of desa.tps) if (entry.status !== 'final') notFinal.push({ tps: entry.tps, status: entry.status });
    if (block.kecamatan.tpsMissing.length > 0 || notFinal.length > 0) {
      failures.push({ kind: 'not-final', contest: block.contest, missing: block.kecamatan.tpsMissing, notFinal });
      continue;
    }
    const ballot = ballotOf(contestSetup);
    contests.push({
      kecamatan: summary.kecamatan.code,
      kecamatanName: summary.kecamatan.name,
      contest: block.contest,
      ballot,
      ballotKey: await ballotKey(ballot),
      tpsIncluded: block.kecamatan.tpsIncluded,
      figures: block.kecamatan.figures,
      hash: report.hash,
    });
  }
  if (failures.length > 0) return err(failures);

  const attestation = report.attestation;
  return ok({
    hash: report.hash,
    hashGroups: report.hashGroups,
    kabupaten: summary.kabupaten,
    kecamatan: summary.kecamatan,
    signer: { name: summary.signer.name, fingerprint: report.fingerprint, keyHash: await keyHash(summary.signer.publicKey) },
    auditHead: summary.auditHead,
    // verifyRead with a trusted key fails without an attestation, so it is present here.
    serverFingerprint: attestation.status === 'present' ? attestation.serverFingerprint : '',
    createdAt: summary.createdAt,
    contests,
  });
}
