import { checkAll, isWarningAccepted, type Finding } from '../checks/index.ts';
import { desaOfTps, tpsCode, type DesaCode, type TpsCode } from '../codes/codes.ts';
import { sha256Hex } from '../canonical/hash.ts';
import { err, ok, type Result } from '../common/result.ts';
import { fingerprint, type PublicKeyJwk } from '../crypto/keys.ts';
import type { Setup } from '../setup/schema.ts';
import { CONTEST_IDS, type ContestId } from '../tally/contest.ts';
import type { FieldPath } from '../tally/fields.ts';
import type { Tally } from '../tally/tally.ts';
import { sameKey, verifyAttestation, type DeviceAttestation } from './attestation.ts';
import type { SummaryFailure, SummaryLevel, TpsListField } from './failures.ts';
import { readSummaryText, readSummaryValue, type ReadSummary, type SummaryReadFailure } from './read.ts';
import { compareFigures, entryTally, figuresOf, sumAreas, sumTallies, type AreaSum } from './recompute.ts';
import type { SummaryContest, SummaryDesa } from './schema.ts';
import { SUMMARY_FORMAT_V2, type AnySummaryFile } from './schemaV2.ts';
import { canonicalForms, setupHash, summaryHashGroups, verifySummarySignature } from './sign.ts';
import { headHash, signedHeadOf } from './head.ts';
import { verifyHeadSignature } from './signV2.ts';
import { checkTree, nameChangedFigures } from './treeCheck.ts';

export interface VerifyOptions {
  /** The server key the verifier trusts: the attestation must be signed by it. */
  trust?: PublicKeyJwk;
  /** The setup the verifier holds: the summary must be made with it (hash), and its missing TPS are recomputed. */
  setup?: Setup;
}

export type AttestationReport =
  | { status: 'absent' }
  | {
      status: 'present';
      signatureValid: boolean;
      serverFingerprint: string;
      /** null: no trusted key was given, so who the server is stays unchecked. */
      trusted: boolean | null;
      device: Omit<DeviceAttestation, 'signature' | 'publicKey'>;
    };

/** A check finding on a TPS of the summary: informative, it does not make the summary invalid. */
export interface ReportFinding extends Finding {
  accepted: boolean;
}

export interface SummaryReport {
  /** No failure: signature, attestation (as far as checked), order and every recomputed total agree. */
  valid: boolean;
  /** The printed hash and its 16 groups: SHA-256 of the canonical complete file (v1) or of its signed head (v2). */
  hash: string;
  hashGroups: string[];
  signatureValid: boolean;
  /** The fingerprint recomputed from the key (the one to compare with the paper). */
  fingerprint: string;
  attestation: AttestationReport;
  /** 'matched': a setup was supplied and is the one the summary was made with. */
  setup: 'not-supplied' | 'matched' | 'mismatched';
  failures: SummaryFailure[];
  findings: ReportFinding[];
  summary: AnySummaryFile;
}

export async function verifySummaryText(content: string, options: VerifyOptions = {}): Promise<Result<SummaryReport, SummaryReadFailure>> {
  const read = readSummaryText(content);
  return read.ok ? ok(await verifyRead(read.value, options)) : read;
}

/**
 * Verifies a parsed JSON value (the file as read, before any schema). `source`, if given, must be
 * the JSON text `value` was parsed from (without a BOM): a canonical file is then hashed as it is.
 */
export async function verifySummary(value: unknown, options: VerifyOptions = {}, source?: string): Promise<Result<SummaryReport, SummaryReadFailure>> {
  const read = readSummaryValue(value, source);
  return read.ok ? ok(await verifyRead(read.value, options)) : err(read.error);
}

/**
 * The printed hash and the signature check, started at once. v1: over the whole file; v2: over its
 * signed head (docs/integrity.md "Summary v2"), the entries being covered by the tree's root.
 */
function seal(raw: object, summary: AnySummaryFile, text: string | undefined): { hashing: Promise<string>; signing: Promise<boolean> } {
  if (summary.format === SUMMARY_FORMAT_V2) {
    const head = signedHeadOf(raw);
    return { hashing: headHash(head), signing: verifyHeadSignature(head, summary.signer.publicKey, summary.signature) };
  }
  const forms = canonicalForms(raw, text);
  return { hashing: sha256Hex(forms.full), signing: verifySummarySignature(raw, summary.signer.publicKey, summary.signature, forms.message) };
}

export async function verifyRead({ raw, summary, text }: ReadSummary, options: VerifyOptions): Promise<SummaryReport> {
  // Web Crypto digests and verifies off the main thread (Node's thread pool, the browser's own):
  // started first and awaited last, the two passes over the ~12 MB file overlap the checks and sums.
  const { hashing, signing } = seal(raw, summary, text);

  // Every failure but the signature's, which comes first once known.
  const failures: SummaryFailure[] = [];
  const tree = summary.format === SUMMARY_FORMAT_V2 ? checkTree(raw, summary, failures) : null;
  const computedPrint = await fingerprint(summary.signer.publicKey);
  if (computedPrint !== summary.signer.fingerprint) {
    failures.push({ kind: 'fingerprint-mismatch', stated: summary.signer.fingerprint, computed: computedPrint });
  }

  const attestation = await checkAttestation(summary, options.trust, failures);

  let setupState: SummaryReport['setup'] = 'not-supplied';
  let setup: Setup | undefined;
  if (options.setup) {
    const computed = await setupHash(options.setup);
    if (computed === summary.setupHash) {
      setupState = 'matched';
      setup = options.setup;
    } else {
      setupState = 'mismatched';
      failures.push({ kind: 'setup-hash-mismatch', stated: summary.setupHash, computed });
    }
  }

  const tallies = entryTallies(summary);
  const findings = runChecks(tallies, setup);
  checkContests(summary, setup, tallies, findings, failures);
  if (tree) {
    await tree;
    if (summary.format === SUMMARY_FORMAT_V2) nameChangedFigures(summary, failures);
  }

  const [hash, signatureValid] = await Promise.all([hashing, signing]);
  if (!signatureValid) failures.unshift({ kind: 'signature-invalid' });
  return {
    valid: failures.length === 0,
    hash,
    hashGroups: summaryHashGroups(hash),
    signatureValid,
    fingerprint: computedPrint,
    attestation,
    setup: setupState,
    failures,
    findings,
    summary,
  };
}

/** The attestation of a summary (or of a proof's signed head), its failures appended. */
export async function checkAttestation(summary: Pick<AnySummaryFile, 'attestation' | 'signer' | 'kecamatan'>, trust: PublicKeyJwk | undefined, failures: SummaryFailure[]): Promise<AttestationReport> {
  const attestation = summary.attestation;
  if (attestation === null) {
    if (trust) failures.push({ kind: 'attestation-missing' });
    return { status: 'absent' };
  }
  const { statement, serverKey } = attestation;
  const signatureValid = await verifyAttestation(statement, serverKey);
  if (!signatureValid) failures.push({ kind: 'attestation-signature-invalid' });
  if (!sameKey(statement.publicKey, summary.signer.publicKey)) failures.push({ kind: 'attestation-key-mismatch' });
  if (statement.kecamatan !== summary.kecamatan.code) {
    failures.push({ kind: 'attestation-scope-mismatch', field: 'kecamatan', attested: statement.kecamatan, stated: summary.kecamatan.code });
  }
  if (statement.role !== summary.signer.role) {
    failures.push({ kind: 'attestation-scope-mismatch', field: 'role', attested: statement.role, stated: summary.signer.role });
  }
  const serverFingerprint = await fingerprint(serverKey);
  let trusted: boolean | null = null;
  if (trust) {
    trusted = sameKey(serverKey, trust);
    if (!trusted) failures.push({ kind: 'attestation-untrusted', serverFingerprint, trustedFingerprint: await fingerprint(trust) });
  }
  const { signature: _s, publicKey: _k, ...device } = statement;
  return { status: 'present', signatureValid, serverFingerprint, trusted, device };
}

/**
 * Each desa's entries of its contest as tallies, made once for both the checks and the sums; an
 * entry with figures of another contest is left out (checkContest reports it instead).
 */
function entryTallies(summary: AnySummaryFile): Map<SummaryDesa, Tally[]> {
  const out = new Map<SummaryDesa, Tally[]>();
  for (const block of summary.contests) {
    for (const desa of block.desa) {
      const list: Tally[] = [];
      for (const entry of desa.tps) if (entry.figures.contest === block.contest) list.push(entryTally(entry));
      out.set(desa, list);
    }
  }
  return out;
}

/** The checks (E01–E11, W01–W06) over every TPS, as anyone would run them on the C.Hasil figures. */
function runChecks(talliesOf: ReadonlyMap<SummaryDesa, Tally[]>, setup: Setup | undefined): ReportFinding[] {
  const tallies = [...talliesOf.values()].flat();
  const byKey = new Map(tallies.map((t) => [`${t.tps}:${t.contest}`, t]));
  return checkAll(tallies, setup).map((f) => {
    const tally = byKey.get(`${f.tps}:${f.contest}`);
    return { ...f, accepted: tally ? isWarningAccepted(f, tally) : false };
  });
}

/** The setup's TPS by desa (sorted), computed once for all contests. */
interface SetupTps {
  byDesa: Map<string, TpsCode[]>;
  all: Set<TpsCode>;
  sorted: TpsCode[];
}

function setupTpsOf(setup: Setup): SetupTps {
  const byDesa = new Map<string, TpsCode[]>();
  for (const d of setup.desa) byDesa.set(d.code, d.tps.map((n) => tpsCode(d.code, n)).sort());
  const all = new Set<TpsCode>([...byDesa.values()].flat());
  return { byDesa, all, sorted: [...all].sort() };
}

function checkContests(
  summary: AnySummaryFile,
  setup: Setup | undefined,
  tallies: ReadonlyMap<SummaryDesa, Tally[]>,
  findings: readonly ReportFinding[],
  failures: SummaryFailure[],
): void {
  const setupTps = setup ? setupTpsOf(setup) : undefined;
  let previous: ContestId | null = null;
  for (const block of summary.contests) {
    if (previous !== null && CONTEST_IDS.indexOf(block.contest) <= CONTEST_IDS.indexOf(previous)) {
      failures.push({ kind: 'contest-order', contest: block.contest, previous });
    }
    previous = block.contest;
    checkContest(summary.kecamatan.code, block, setup, setupTps, tallies, findings, failures);
  }
}

/** TPS whose own checks flag `path` (in `contest`, within the area): where a wrong total most likely comes from. */
function suspectsFor(findings: readonly ReportFinding[], contest: ContestId, path: FieldPath, desa: DesaCode | null): TpsCode[] {
  const out = new Set<TpsCode>();
  for (const f of findings) {
    if (f.contest !== contest || !f.fields.includes(path)) continue;
    if (desa !== null && desaOfTps(f.tps) !== desa) continue;
    out.add(f.tps);
  }
  return [...out].sort();
}

function checkContest(
  kecamatan: string,
  block: SummaryContest,
  setup: Setup | undefined,
  setupTps: SetupTps | undefined,
  tallies: ReadonlyMap<SummaryDesa, Tally[]>,
  findings: readonly ReportFinding[],
  failures: SummaryFailure[],
): void {
  const { contest } = block;
  const contestSetup = setup?.contests.find((c) => c.id === contest);

  const count = (level: SummaryLevel, desa: DesaCode | null, stated: number, recomputed: number) => {
    if (stated !== recomputed) failures.push({ kind: 'count-mismatch', contest, level, desa, stated, recomputed });
  };
  const tpsList = (level: SummaryLevel, desa: DesaCode | null, field: TpsListField, stated: readonly TpsCode[], recomputed: readonly TpsCode[]) => {
    if (stated.length === recomputed.length && stated.every((t, i) => t === recomputed[i])) return;
    const statedSet = new Set(stated);
    const recomputedSet = new Set(recomputed);
    failures.push({
      kind: 'list-mismatch',
      contest,
      level,
      desa,
      field,
      notListed: recomputed.filter((t) => !statedSet.has(t)),
      wronglyListed: [...statedSet].filter((t) => !recomputedSet.has(t)),
    });
  };

  if (block.kecamatan.figures.contest !== contest) {
    failures.push({ kind: 'contest-mismatch', contest, where: 'kecamatan', found: block.kecamatan.figures.contest });
  }

  const desaSums: AreaSum[] = [];
  let previousDesa: DesaCode | null = null;
  for (const desa of block.desa) {
    if (!desa.code.startsWith(kecamatan)) failures.push({ kind: 'desa-outside-kecamatan', contest, desa: desa.code });
    if (previousDesa !== null && desa.code <= previousDesa) failures.push({ kind: 'desa-order', contest, desa: desa.code, previous: previousDesa });
    previousDesa = desa.code;

    let previousTps: TpsCode | null = null;
    for (const entry of desa.tps) {
      if (previousTps !== null && entry.tps <= previousTps) failures.push({ kind: 'tps-order', contest, desa: desa.code, tps: entry.tps, previous: previousTps });
      previousTps = entry.tps;
      if (desaOfTps(entry.tps) !== desa.code) failures.push({ kind: 'tps-outside-desa', contest, desa: desa.code, tps: entry.tps });
      if (setupTps && !setupTps.all.has(entry.tps)) failures.push({ kind: 'tps-not-in-setup', contest, tps: entry.tps });
      // Figures of another contest cannot be added here; they are reported instead of summed (entryTallies left them out).
      if (entry.figures.contest !== contest) failures.push({ kind: 'contest-mismatch', contest, where: `TPS ${entry.tps}`, found: entry.figures.contest });
    }
    if (desa.figures.contest !== contest) {
      failures.push({ kind: 'contest-mismatch', contest, where: `desa ${desa.code}`, found: desa.figures.contest });
    }

    const sum = sumTallies(contest, tallies.get(desa) ?? [], contestSetup);
    desaSums.push(sum);
    if (desa.figures.contest === contest) {
      for (const d of compareFigures(desa.figures, figuresOf(sum))) {
        failures.push({
          kind: 'total-mismatch',
          contest,
          level: 'desa',
          desa: desa.code,
          desaName: desa.name,
          ...d,
          tpsCount: sum.tpsIncluded,
          suspects: suspectsFor(findings, contest, d.path, desa.code),
        });
      }
    }
    count('desa', desa.code, desa.tpsIncluded, sum.tpsIncluded);
    tpsList('desa', desa.code, 'tpsUnverified', desa.tpsUnverified, sum.tpsUnverified);
    const included = new Set(desa.tps.map((e) => e.tps));
    for (const tps of desa.tpsMissing) {
      if (included.has(tps)) failures.push({ kind: 'tps-missing-and-included', contest, desa: desa.code, tps });
    }
    if (setupTps) tpsList('desa', desa.code, 'tpsMissing', desa.tpsMissing, (setupTps.byDesa.get(desa.code) ?? []).filter((t) => !included.has(t)));
  }

  const kecamatanSum = sumAreas(contest, desaSums, contestSetup);
  if (block.kecamatan.figures.contest === contest) {
    for (const d of compareFigures(block.kecamatan.figures, figuresOf(kecamatanSum))) {
      failures.push({
        kind: 'total-mismatch',
        contest,
        level: 'kecamatan',
        desa: null,
        desaName: null,
        ...d,
        tpsCount: kecamatanSum.tpsIncluded,
        suspects: suspectsFor(findings, contest, d.path, null),
      });
    }
  }
  count('kecamatan', null, block.kecamatan.tpsIncluded, kecamatanSum.tpsIncluded);
  tpsList('kecamatan', null, 'tpsUnverified', block.kecamatan.tpsUnverified, kecamatanSum.tpsUnverified);
  // Without a setup the kecamatan's list can only be the desa's lists together; with one, it is recomputed.
  const allIncluded = new Set(block.desa.flatMap((d) => d.tps.map((e) => e.tps)));
  const missing = setupTps ? setupTps.sorted.filter((t) => !allIncluded.has(t)) : block.desa.flatMap((d) => d.tpsMissing);
  tpsList('kecamatan', null, 'tpsMissing', block.kecamatan.tpsMissing, missing);
}
