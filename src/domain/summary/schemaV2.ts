import { z } from 'zod';
import { SignatureSchema } from '../crypto/keys.ts';
import { HashHexSchema, SummaryTpsSchema, summaryParts, type SummaryFile } from './schema.ts';

/**
 * `rekap.summary/v2` (docs/integrity.md "Summary v2"): the v1 content, but each TPS entry is a leaf
 * of a Merkle tree (merkle.ts) and the signature covers the **head** — everything except the TPS
 * entries, with the tree's root and size in `tpsTree`. The paper's 16 hash groups are the SHA-256
 * of the signed head (with its signature), so one TPS's figures can be shown to be in the signed
 * summary with a small proof (proof.ts) instead of the whole file.
 */
export const SUMMARY_FORMAT_V2 = 'rekap.summary/v2';
/** Domain-separation prefix of the v2 signature: a v1 signature never verifies as a v2 one, nor back. */
export const SUMMARY_SIGNATURE_DOMAIN_V2 = 'rekap.summary/v2';

/**
 * What a leaf holds: the v1 entry, plus the SHA-256 of each photo of that TPS's C.Hasil pages of
 * this contest (left out while there are none), so that the paper's hash also binds the photos.
 */
export const SummaryLeafSchema = SummaryTpsSchema.extend({
  photos: z.array(HashHexSchema).optional(),
});
export type SummaryLeaf = z.infer<typeof SummaryLeafSchema>;

/** The entry as written: the leaf's content and its hash (leafHash of everything but `leaf`). */
export const SummaryTpsV2Schema = SummaryLeafSchema.extend({ leaf: HashHexSchema });
export type SummaryTpsV2 = z.infer<typeof SummaryTpsV2Schema>;

export const TpsTreeSchema = z.object({
  /** The number of leaves: every TPS entry of every contest, in file order. */
  size: z.number().int().min(0),
  root: HashHexSchema,
});
export type TpsTree = z.infer<typeof TpsTreeSchema>;

/** The v2 schemas around a TPS entry schema (the fast reader passes a stand-in, as for v1). */
export function summaryV2Schemas<T extends z.ZodType>(tpsEntry: T) {
  const { desaShape, desa, contestShape, contest, headShape } = summaryParts(tpsEntry);
  const fileShape = {
    format: z.literal(SUMMARY_FORMAT_V2),
    ...headShape,
    tpsTree: TpsTreeSchema,
    contests: z.array(contest).min(1),
    /** signText(signerKey, SUMMARY_SIGNATURE_DOMAIN_V2, canonicalJson(the head)). */
    signature: SignatureSchema,
  };
  const file = z.object(fileShape);
  // The head: the same, with every desa's `tps` left out (a proof carries it with its signature).
  const headDesa = z.object(desaShape);
  const headContest = z.object({ ...contestShape, desa: z.array(headDesa) });
  const signedHead = z.object({ ...fileShape, contests: z.array(headContest).min(1) });
  return { desa, contest, file, signedHead };
}

const schemas = summaryV2Schemas(SummaryTpsV2Schema);

export const SummaryFileV2Schema = schemas.file;
export type SummaryFileV2 = z.infer<typeof SummaryFileV2Schema>;
export type SummaryContestV2 = z.infer<typeof schemas.contest>;

/** The signed head with its signature: what a proof carries and what the paper's hash is of. */
export const SignedHeadSchema = schemas.signedHead;
export type SignedHead = z.infer<typeof SignedHeadSchema>;

/** A summary as read: either format (`format` tells them apart). */
export type AnySummaryFile = SummaryFile | SummaryFileV2;
