import { err, ok, type Result } from '../common/result.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { LONE_SURROGATE_TEXT, loneSurrogateAt } from '../canonical/wellFormed.ts';
import { fingerprint, type PublicKeyJwk } from '../crypto/keys.ts';
import { formatPath, parseJsonText, placeText, zodPathIssues } from '../errors/index.ts';
import { CONTEST_LABELS } from '../labels/contests.ts';
import { assertNever, type ContestId } from '../tally/contest.ts';
import type { TpsCode } from '../codes/codes.ts';
import { failureText, type SummaryFailure } from './failures.ts';
import { headHash } from './head.ts';
import { leafHash, rootFromPath } from './merkle.ts';
import { PROOF_FORMAT, ProofSchema, type Proof, type ProofEntry } from './proof.ts';
import { summaryHashGroups } from './sign.ts';
import { verifyHeadSignature } from './signV2.ts';
import { checkAttestation, type AttestationReport } from './verify.ts';

/** Why a proof file cannot be checked at all (the CLI's exit 2). */
export type ProofReadFailure =
  | { kind: 'not-json'; detail: LocalizedText }
  | { kind: 'wrong-format'; found: string | null }
  | { kind: 'invalid-structure'; path: string; message: LocalizedText };

export interface ReadProof {
  /** The file as parsed: what the hashes and the signature cover (a stray member too). */
  raw: { summary: object; entries: { entry: object }[] };
  proof: Proof;
}

export function readProofText(content: string): Result<ReadProof, ProofReadFailure> {
  const parsed = parseJsonText(content, text('Berkas bukti', 'The proof file'));
  return parsed.ok ? readProofValue(parsed.value) : err({ kind: 'not-json', detail: parsed.error });
}

export function readProofValue(value: unknown): Result<ReadProof, ProofReadFailure> {
  const format = value !== null && typeof value === 'object' && 'format' in value ? value.format : undefined;
  if (format !== PROOF_FORMAT) return err({ kind: 'wrong-format', found: format === undefined ? null : JSON.stringify(format) });
  const at = loneSurrogateAt(value);
  if (at !== null) return err({ kind: 'invalid-structure', path: formatPath(at), message: LONE_SURROGATE_TEXT });
  const parsed = ProofSchema.safeParse(value);
  if (!parsed.success) {
    const [issue] = zodPathIssues(parsed.error, { root: value });
    return err({ kind: 'invalid-structure', path: issue?.path ?? '', message: issue?.message ?? text('Isian tidak valid.', 'Invalid value.') });
  }
  return ok({ raw: value as ReadProof['raw'], proof: parsed.data });
}

export function proofReadFailureText(f: ProofReadFailure): LocalizedText {
  switch (f.kind) {
    case 'not-json':
      return f.detail;
    case 'wrong-format':
      return text(
        `Berkas ini bukan bukti ${PROOF_FORMAT} (${f.found === null ? 'tidak ada "format"' : `format ${f.found}`}).`,
        `This file is not a ${PROOF_FORMAT} proof (${f.found === null ? 'no "format" field' : `format ${f.found}`}).`,
      );
    case 'invalid-structure':
      return text(`Struktur bukti rusak ${placeText(f.path).id}: ${f.message.id}`, `The proof's structure is broken ${placeText(f.path).en}: ${f.message.en}`);
    default:
      return assertNever(f);
  }
}

/** The 64 hex digits typed from the paper (16 groups, any spacing or case), or null when they are not. */
export function parsePaperHash(typed: string): string | null {
  const hex = typed.replace(/[\s\-–—:.]+/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

export type ProofFailure =
  | Extract<SummaryFailure, { kind: 'signature-invalid' | 'fingerprint-mismatch' | `attestation-${string}` }>
  /** The proof's summary is not the one whose hash the paper carries: `groups` (1-based) differ. */
  | { kind: 'paper-mismatch'; groups: number[] }
  /** These figures are not a leaf of the signed tree: changed after signing, or not of this summary. */
  | { kind: 'not-included'; contest: ContestId; tps: TpsCode }
  /** An entry of another TPS than the one the proof is for. */
  | { kind: 'other-tps'; contest: ContestId; tps: TpsCode; expected: TpsCode };

export function proofFailureText(f: ProofFailure): LocalizedText {
  switch (f.kind) {
    case 'paper-mismatch':
      return text(
        `Kelompok hash ke-${f.groups.join(', ')} dari kertas tidak sama dengan ringkasan bukti ini: bukti ini dari ringkasan lain, atau salah ketik.`,
        `Hash group${f.groups.length === 1 ? '' : 's'} ${f.groups.join(', ')} from the paper differ from this proof's summary: the proof is of another summary, or a typo.`,
      );
    case 'not-included':
      return text(
        `${CONTEST_LABELS[f.contest].id}, TPS ${f.tps}: angka dalam bukti ini TIDAK termasuk ringkasan yang ditandatangani (angka diubah, atau bukti dari ringkasan lain).`,
        `${CONTEST_LABELS[f.contest].en}, TPS ${f.tps}: the figures in this proof are NOT in the signed summary (figures changed, or a proof of another summary).`,
      );
    case 'other-tps':
      return text(
        `${CONTEST_LABELS[f.contest].id}: bukti untuk TPS ${f.expected} memuat angka TPS ${f.tps}.`,
        `${CONTEST_LABELS[f.contest].en}: the proof for TPS ${f.expected} holds the figures of TPS ${f.tps}.`,
      );
    default:
      return failureText(f);
  }
}

export interface ProofEntryReport {
  contest: ContestId;
  tps: TpsCode;
  /** The leaf is in the signed tree at its place. */
  included: boolean;
  entry: ProofEntry['entry'];
}

export interface ProofReport {
  /** The paper's groups match, the signature holds, and every entry is included. */
  valid: boolean;
  /** The hash of the proof's signed head (what the paper should show) and its 16 groups. */
  hash: string;
  hashGroups: string[];
  signatureValid: boolean;
  fingerprint: string;
  attestation: AttestationReport;
  entries: ProofEntryReport[];
  failures: ProofFailure[];
  proof: Proof;
}

/**
 * Checks a proof against the hash typed from the paper (parsePaperHash): the proof's signed head
 * must hash to it, carry a valid signature of its signer, and each entry's leaf must lead with its
 * path to the head's signed root.
 */
export async function verifyProof({ raw, proof }: ReadProof, paperHash: string, options: { trust?: PublicKeyJwk } = {}): Promise<ProofReport> {
  const head = proof.summary;
  const failures: ProofFailure[] = [];
  const [hash, signatureValid, computedPrint] = await Promise.all([
    headHash(raw.summary),
    verifyHeadSignature(raw.summary, head.signer.publicKey, head.signature),
    fingerprint(head.signer.publicKey),
  ]);
  const hashGroups = summaryHashGroups(hash);
  const paperGroups = summaryHashGroups(paperHash);
  const differing = hashGroups.flatMap((g, i) => (g === paperGroups[i] ? [] : [i + 1]));
  if (differing.length > 0) failures.push({ kind: 'paper-mismatch', groups: differing });
  if (!signatureValid) failures.push({ kind: 'signature-invalid' });
  if (computedPrint !== head.signer.fingerprint) failures.push({ kind: 'fingerprint-mismatch', stated: head.signer.fingerprint, computed: computedPrint });
  const attestationFailures: SummaryFailure[] = [];
  const attestation = await checkAttestation(head, options.trust, attestationFailures);
  failures.push(...(attestationFailures as ProofFailure[]));

  const entries: ProofEntryReport[] = [];
  for (const [i, item] of proof.entries.entries()) {
    const { entry } = item;
    const contest = entry.figures.contest;
    const leaf = await leafHash(raw.entries[i]!.entry);
    const root = await rootFromPath(leaf, item.index, head.tpsTree.size, item.path);
    const included = root === head.tpsTree.root;
    if (entry.tps !== proof.tps) failures.push({ kind: 'other-tps', contest, tps: entry.tps, expected: proof.tps });
    if (!included) failures.push({ kind: 'not-included', contest, tps: entry.tps });
    entries.push({ contest, tps: entry.tps, included, entry });
  }
  return { valid: failures.length === 0, hash, hashGroups, signatureValid, fingerprint: computedPrint, attestation, entries, failures, proof };
}
