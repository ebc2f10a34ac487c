import { z } from 'zod';
import { TpsCodeSchema, type TpsCode } from '../codes/codes.ts';
import { err, ok, type Result } from '../common/result.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { assertNever, type ContestId } from '../tally/contest.ts';
import { CONTEST_LABELS } from '../labels/contests.ts';
import { signedHeadOf } from './head.ts';
import { auditPath } from './merkle.ts';
import { HashHexSchema } from './schema.ts';
import { SignedHeadSchema, SUMMARY_FORMAT_V2, SummaryLeafSchema, type SummaryFileV2 } from './schemaV2.ts';
import { leafContent, rawEntries } from './signV2.ts';

/**
 * `rekap.proof/v1` (docs/integrity.md "Proof of one TPS"): one TPS's figures (per contest), where
 * each sits in the signed tree (index and sibling hashes), and the signed head of the summary with
 * its signature — enough to show, without the whole file, that exactly these figures are in the
 * summary whose hash the paper D.Hasil carries.
 */
export const PROOF_FORMAT = 'rekap.proof/v1';

export const ProofEntrySchema = z.object({
  /** Position of the leaf in the tree (file order: contests, desa, TPS). */
  index: z.number().int().min(0),
  /** Sibling hashes from the leaf up to the root, nearest first (RFC 9162 audit path). */
  path: z.array(HashHexSchema).max(64),
  /** The leaf's content: the TPS entry of one contest, as in the summary (without its `leaf`). */
  entry: SummaryLeafSchema,
});
export type ProofEntry = z.infer<typeof ProofEntrySchema>;

export const ProofSchema = z.object({
  format: z.literal(PROOF_FORMAT),
  tps: TpsCodeSchema,
  /** The summary's signed head with its signature: the paper's hash is the SHA-256 of its canonical JSON. */
  summary: SignedHeadSchema,
  entries: z.array(ProofEntrySchema).min(1),
});
export type Proof = z.infer<typeof ProofSchema>;

export type ProveFailure =
  /** A v1 summary has no tree: its TPS can only be checked with the whole file. */
  | { kind: 'not-v2'; format: string }
  | { kind: 'tps-not-in-summary'; tps: TpsCode; contest: ContestId | null };

export function proveFailureText(f: ProveFailure): LocalizedText {
  switch (f.kind) {
    case 'not-v2':
      return text(
        `Ringkasan ${f.format} tidak memuat pohon Merkle; bukti per TPS memerlukan ${SUMMARY_FORMAT_V2} (tanda tangani ulang dengan versi ini).`,
        `A ${f.format} summary has no Merkle tree; a per-TPS proof needs ${SUMMARY_FORMAT_V2} (sign again with this version).`,
      );
    case 'tps-not-in-summary': {
      const contest = (lang: 'id' | 'en') => (f.contest === null ? '' : ` (${CONTEST_LABELS[f.contest][lang]})`);
      return text(
        `TPS ${f.tps} tidak ada dalam ringkasan${contest('id')}: belum ada angka yang dientri, atau kode TPS salah.`,
        `TPS ${f.tps} is not in the summary${contest('en')}: no figures were entered, or the TPS code is wrong.`,
      );
    }
    default:
      return assertNever(f);
  }
}

/**
 * The proof of `tps` (one contest, or every contest it has in the summary) from a v2 summary as
 * read: `raw` the file as parsed (what the hashes cover), `summary` the same typed. The caller
 * verifies the summary first: a proof only repeats what the file says.
 */
export async function proveTps(raw: object, summary: SummaryFileV2, tps: TpsCode, contest?: ContestId): Promise<Result<Proof, ProveFailure>> {
  if (summary.format !== SUMMARY_FORMAT_V2) return err({ kind: 'not-v2', format: String((summary as { format: unknown }).format) });
  const leaves: string[] = [];
  const wanted: { index: number; raw: object }[] = [];
  const raws = rawEntries(raw);
  let index = 0;
  for (const block of summary.contests) {
    for (const desa of block.desa) {
      for (const entry of desa.tps) {
        leaves.push(entry.leaf);
        if (entry.tps === tps && (contest === undefined || block.contest === contest)) wanted.push({ index, raw: raws[index]! });
        index += 1;
      }
    }
  }
  if (wanted.length === 0) return err({ kind: 'tps-not-in-summary', tps, contest: contest ?? null });
  const entries = await Promise.all(
    wanted.map(async (w) => ({ index: w.index, path: await auditPath(leaves, w.index), entry: leafContent(w.raw) as ProofEntry['entry'] })),
  );
  return ok({ format: PROOF_FORMAT, tps, summary: signedHeadOf(raw) as Proof['summary'], entries });
}
