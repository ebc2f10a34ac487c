import { z } from 'zod';
import {
  DesaCodeSchema,
  KabupatenCodeSchema,
  KecamatanCodeSchema,
  ProvinsiCodeSchema,
  TpsCodeSchema,
} from '../codes/codes.ts';
import { PublicKeyJwkSchema, SignatureSchema } from '../crypto/keys.ts';
import { ContestIdSchema } from '../tally/contest.ts';
import {
  CandidateSumsSchema,
  CandidateTallySchema,
  PartySumsSchema,
  PartyTallySchema,
  TallyStatusSchema,
  WarningAcceptanceSchema,
} from '../tally/tally.ts';
import { IsoTimeSchema, SignerRoleSchema, SummaryAttestationSchema } from './attestation.ts';

/**
 * The signed D.Hasil summary `rekap.summary/v1` (DESIGN.md §5): for one or more contests the
 * kecamatan and per-desa totals together with every TPS's figures, so that anyone can add them up
 * again; bound to the setup by its hash and to the device that signed it by its key.
 *
 * Canonical order is part of the format: contests in counting order, desa and TPS sorted by code,
 * each once. A verifier refuses any other order, so a reordered file can never pass as the original.
 */
export const SUMMARY_FORMAT = 'rekap.summary/v1';
/** Domain-separation prefix of the signature (see signText). */
export const SUMMARY_SIGNATURE_DOMAIN = 'rekap.summary/v1';

export const HashHexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex');

const omitIdentity = { tps: true, status: true, enteredBy: true, verifiedBy: true, acceptedWarnings: true } as const;
/**
 * A sum of tallies' figures without identity or workflow (TallyFigures): a desa's, a kecamatan's,
 * a kabupaten's. Its figures are sums, so beyond one form's bound, but whole and exact
 * (SumFigureSchema; docs/integrity.md "Bounded figures").
 */
export const FiguresSchema = z.discriminatedUnion('contest', [
  CandidateSumsSchema.omit(omitIdentity),
  PartySumsSchema.omit(omitIdentity),
]);
/** TallyFigures (src/domain/totals), but discriminated by contest. */
export type SummaryFigures = z.infer<typeof FiguresSchema>;
/** One TPS's figures, the same shape: each within a form's bound, as on every other boundary. */
export const TpsFiguresSchema = z.discriminatedUnion('contest', [
  CandidateTallySchema.omit(omitIdentity),
  PartyTallySchema.omit(omitIdentity),
]);

const TpsListSchema = z.array(TpsCodeSchema);

const coverage = {
  /** TPS with at least one entered figure: exactly the TPS listed (for a desa). */
  tpsIncluded: z.number().int().min(0),
  /** Setup TPS with nothing entered (sorted by code). */
  tpsMissing: TpsListSchema,
  /** Included TPS not yet verified or final (sorted by code). */
  tpsUnverified: TpsListSchema,
};

const region = <T extends z.ZodType>(code: T) => z.object({ code, name: z.string() });

export const SignerSchema = z.object({
  name: z.string().min(1).max(200),
  role: SignerRoleSchema,
  publicKey: PublicKeyJwkSchema,
  /** fingerprint(publicKey): what people compare by eye; a verifier recomputes it. */
  fingerprint: z.string(),
});
export type Signer = z.infer<typeof SignerSchema>;

export const SummaryTpsSchema = z.object({
  tps: TpsCodeSchema,
  status: TallyStatusSchema,
  /** Warnings a person accepted with a reason (DESIGN.md §3), so a verifier sees them as such. */
  acceptedWarnings: z.array(WarningAcceptanceSchema),
  figures: TpsFiguresSchema,
});
export type SummaryTps = z.infer<typeof SummaryTpsSchema>;

/**
 * The pieces every summary format shares, built around the schema of a TPS entry (v1's entry, or
 * v2's with its leaf hash: schemaV2.ts). `headShape` is everything but `format`, the contests and
 * the signature.
 */
export function summaryParts<T extends z.ZodType>(tpsEntry: T) {
  const desaShape = {
    code: DesaCodeSchema,
    name: z.string().nullable(),
    ...coverage,
    figures: FiguresSchema,
  };
  const desa = z.object({ ...desaShape, tps: z.array(tpsEntry) });
  const contestShape = {
    contest: ContestIdSchema,
    name: z.string().nullable(),
    kecamatan: z.object({ ...coverage, figures: FiguresSchema }),
  };
  const contest = z.object({ ...contestShape, desa: z.array(desa) });
  const headShape = {
    election: z.object({ id: z.string(), name: z.string(), votingDate: z.string() }),
    provinsi: region(ProvinsiCodeSchema),
    kabupaten: region(KabupatenCodeSchema),
    kecamatan: region(KecamatanCodeSchema),
    /** sha256Hex(canonicalJson(setup)): the setup the totals were made with. */
    setupHash: HashHexSchema,
    /** Head of the signer's audit hash chain; null until the audit trail exists. */
    auditHead: HashHexSchema.nullable(),
    signer: SignerSchema,
    attestation: SummaryAttestationSchema.nullable(),
    createdAt: IsoTimeSchema,
  };
  return { desaShape, desa, contestShape, contest, headShape };
}

/**
 * The summary's schemas, built around the schema of a TPS entry: the exported ones use
 * SummaryTpsSchema; the fast reader (fastRead.ts) builds the same tree around a stand-in and checks
 * the entries itself, so that the two trees cannot drift apart.
 */
export function summarySchemas<T extends z.ZodType>(tpsEntry: T) {
  const { desa, contest, headShape } = summaryParts(tpsEntry);
  const unsignedShape = {
    format: z.literal(SUMMARY_FORMAT),
    ...headShape,
    contests: z.array(contest).min(1),
  };
  const unsigned = z.object(unsignedShape);
  const file = z.object({
    ...unsignedShape,
    /** signText(signerKey, SUMMARY_SIGNATURE_DOMAIN, canonicalJson(everything else)). */
    signature: SignatureSchema,
  });
  return { desa, contest, unsigned, file };
}

const schemas = summarySchemas(SummaryTpsSchema);

export const SummaryDesaSchema = schemas.desa;
export type SummaryDesa = z.infer<typeof SummaryDesaSchema>;

export const SummaryContestSchema = schemas.contest;
export type SummaryContest = z.infer<typeof SummaryContestSchema>;

export const UnsignedSummarySchema = schemas.unsigned;
export type UnsignedSummary = z.infer<typeof UnsignedSummarySchema>;

export const SummaryFileSchema = schemas.file;
export type SummaryFile = z.infer<typeof SummaryFileSchema>;
