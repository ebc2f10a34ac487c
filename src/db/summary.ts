import { z } from 'zod';
import { canonicalJson } from '../domain/canonical/json.ts';
import { sha256Hex } from '../domain/canonical/hash.ts';
import { err, ok, type Result } from '../domain/common/result.ts';
import { formatNumber, text, type LocalizedText } from '../domain/common/text.ts';
import { SignatureSchema } from '../domain/crypto/keys.ts';
import type { Setup } from '../domain/setup/schema.ts';
import {
  buildFailureText,
  buildSummary,
  HashHexSchema,
  IsoTimeSchema,
  SignerSchema,
  type SummaryContest,
  type SummaryFile,
} from '../domain/summary/index.ts';
import { CONTEST_IDS, ContestIdSchema, type ContestId } from '../domain/tally/contest.ts';
import type { Tally } from '../domain/tally/tally.ts';
import type { RekapDb } from './database.ts';
import type { DbError } from './errors.ts';
import { kecamatanFinalisationState } from './finalisation.ts';
import { requireSetupRow } from './setupStore.ts';
import { runWrite } from './storage.ts';
import { listTallies } from './tallies.ts';

/**
 * The device side of signed summaries (rekap.summary/v1): what a summary is made of, read in one
 * go, and the record of the last signed summary per contest that the paper D.Hasil prints. Signing
 * itself needs the device key (src/sync) and happens above this layer.
 */

/** The setup, the stored tallies of the contests asked for, and whether each contest is final. */
export interface SummarySource {
  setup: Setup;
  tallies: Tally[];
  /** Kecamatan × contest finalised (which needs every desa final), per contest asked for. */
  final: Map<ContestId, boolean>;
}

export type SummarySourceError = DbError | { kind: 'corrupt-tallies'; count: number; message: LocalizedText };

/**
 * Reads everything in one transaction, so a summary never mixes the tallies of before and after a
 * change. A damaged row refuses the summary: signing totals that silently leave a TPS out would be
 * worse than not signing.
 */
export async function summarySource(db: RekapDb, contests: readonly ContestId[]): Promise<Result<SummarySource, SummarySourceError>> {
  return db.transaction('r', ['setup', 'tallies', 'finalisations'], async () => {
    const setupRow = await requireSetupRow(db);
    if (!setupRow.ok) return setupRow;
    const tallies: Tally[] = [];
    const final = new Map<ContestId, boolean>();
    let corrupt = 0;
    for (const contest of CONTEST_IDS.filter((c) => contests.includes(c))) {
      const list = await listTallies(db, { contest });
      corrupt += list.corrupt.length;
      tallies.push(...list.rows.map((r) => r.tally));
      const state = await kecamatanFinalisationState(db, contest);
      if (!state.ok) return state;
      final.set(contest, state.value.final);
    }
    if (corrupt > 0) {
      return err({
        kind: 'corrupt-tallies' as const,
        count: corrupt,
        message: text(
          `${formatNumber(corrupt, 'id')} formulir tersimpan rusak: pulihkan dari cadangan sebelum menandatangani ringkasan.`,
          `${formatNumber(corrupt, 'en')} stored forms are damaged: restore them from a backup before signing a summary.`,
        ),
      });
    }
    return ok({ setup: setupRow.value.setup, tallies, final });
  });
}

/** One contest of a signed summary as the paper needs it: its figures' hash and whether it was final. */
const RecordContestSchema = z.object({
  contest: ContestIdSchema,
  /** sha256Hex(canonicalJson(the contest's block)): what "still matches the data" is checked against. */
  contentHash: HashHexSchema,
  final: z.boolean(),
});

/**
 * The last signed summary exported for a contest, as printed on the D.Hasil. The file itself is not
 * kept (a kecamatan's is megabytes): its hash and signature identify it, the content hashes tell
 * whether the data on this device is still what was signed.
 */
export const SignedSummaryRecordSchema = z.object({
  hash: HashHexSchema,
  signature: SignatureSchema,
  fileName: z.string().min(1),
  signer: SignerSchema,
  attested: z.boolean(),
  createdAt: IsoTimeSchema,
  setupHash: HashHexSchema,
  contests: z.array(RecordContestSchema).min(1),
});
export type SignedSummaryRecord = z.infer<typeof SignedSummaryRecordSchema>;

/** Kept in the settings table (key-value, no schema change): one row per contest the file covers. */
export const SIGNED_SUMMARY_PREFIX = 'signedSummary:';
export const signedSummaryKey = (contest: ContestId) => `${SIGNED_SUMMARY_PREFIX}${contest}`;

export async function contestContentHash(block: SummaryContest): Promise<string> {
  return sha256Hex(canonicalJson(block));
}

export async function signedSummaryRecord(file: SummaryFile, hash: string, fileName: string, final: ReadonlyMap<ContestId, boolean>): Promise<SignedSummaryRecord> {
  return {
    hash,
    signature: file.signature,
    fileName,
    signer: file.signer,
    attested: file.attestation !== null,
    createdAt: file.createdAt,
    setupHash: file.setupHash,
    contests: await Promise.all(
      file.contests.map(async (c) => ({ contest: c.contest, contentHash: await contestContentHash(c), final: final.get(c.contest) ?? false })),
    ),
  };
}

/** Stores the record under each contest it covers (a later one-contest export replaces only that contest's). */
export async function saveSignedSummary(db: RekapDb, record: SignedSummaryRecord): Promise<Result<void, DbError>> {
  const checked = SignedSummaryRecordSchema.parse(record);
  return runWrite(db, ['settings'], async () => {
    await db.settings.bulkPut(checked.contests.map((c) => ({ key: signedSummaryKey(c.contest), value: checked })));
  });
}

/** The stored record of a contest; a damaged one counts as none (the chair exports again). */
export async function loadSignedSummary(db: RekapDb, contest: ContestId): Promise<SignedSummaryRecord | null> {
  const row = await db.settings.get(signedSummaryKey(contest));
  const parsed = SignedSummaryRecordSchema.safeParse(row?.value);
  return parsed.success && parsed.data.contests.some((c) => c.contest === contest) ? parsed.data : null;
}

export type StaleReason = 'setup' | 'figures' | 'finalisation';

/** Whether a contest's stored signed summary may be printed with today's data. */
export type SignedSummaryState =
  | { kind: 'none' }
  | { kind: 'current'; record: SignedSummaryRecord; final: boolean }
  | { kind: 'stale'; record: SignedSummaryRecord; reason: StaleReason }
  | { kind: 'error'; message: LocalizedText };

/**
 * Rebuilds the contest's block from the data now on this device and compares it with what was
 * signed: a changed figure, status, accepted warning or setup, or a finalisation or reopening
 * since then, makes the printed hash a lie, so the paper must not carry it.
 */
export async function checkSignedSummary(source: SummarySource, record: SignedSummaryRecord | null, contest: ContestId): Promise<SignedSummaryState> {
  if (!record) return { kind: 'none' };
  const signed = record.contests.find((c) => c.contest === contest);
  if (!signed) return { kind: 'none' };
  const built = await buildSummary(source.setup, source.tallies, [contest], { name: record.signer.name, role: record.signer.role, publicKey: record.signer.publicKey }, { createdAt: record.createdAt });
  if (!built.ok) return { kind: 'error', message: buildFailureText(built.error) };
  if (built.value.setupHash !== record.setupHash) return { kind: 'stale', record, reason: 'setup' };
  const block = built.value.contests[0];
  if (!block || (await contestContentHash(block)) !== signed.contentHash) return { kind: 'stale', record, reason: 'figures' };
  const final = source.final.get(contest) ?? false;
  if (final !== signed.final) return { kind: 'stale', record, reason: 'finalisation' };
  return { kind: 'current', record, final };
}
