import { z } from 'zod';
import { err, ok, type Result } from '../domain/common/result.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import type { AuditEntry } from '../domain/audit/index.ts';
import {
  BACKUP_V2_FORMAT,
  BackupSignerSchema,
  backupFailureText,
  backupTrustWarning,
  signBackup,
  verifyBackup,
  type BackupFailure,
  type BackupSigner,
  type BackupTrust,
  type SignedBackupEnvelope,
} from '../domain/backup/index.ts';
import { keyHash, PublicKeyJwkSchema, SignatureSchema, type PublicKeyJwk } from '../domain/crypto/keys.ts';
import { DeviceAttestationSchema, sameKey } from '../domain/summary/attestation.ts';
import { customIssue } from '../domain/errors/index.ts';
import { recordLabel } from '../domain/workflow/recordLabel.ts';
import type { Setup } from '../domain/setup/schema.ts';
import { AUDIT_TABLES, appendAuditMany, tallyDiff, type AuditWrite } from './audit.ts';
import { takeOpenCells } from './openCells.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { resetSyncAfterRestore } from './outbox.ts';
import { enqueueUnsyncedPlenary } from './syncRecords.ts';
import { OutboxRowSchema, RevisionSchema, SettingRowSchema, SetupRowSchema, TallyRowSchema } from './rowSchemas.ts';
import { FinalisationRowSchema } from './finalisation.ts';
import { ObjectionRowSchema } from './objections.ts';
import { forgetParsedSetup } from './setupStore.ts';
import { stableStringify } from './stable.ts';
import { forgetValidatedRows, parseTallyRow } from './tallyRows.ts';
import { abortWith, isQuotaError, runWrite } from './storage.ts';
import { DEVICE_SETTING_KEYS, SETUP_ROW_ID, type OutboxRow, type Revision, type SettingRow, type TallyRow } from './types.ts';
import { SIGNED_SUMMARY_PREFIX } from './summary.ts';
import type { FinalisationRow, ObjectionRow } from './v3Types.ts';
import { vouchForAll } from './vouchedRows.ts';

export const BACKUP_FORMAT = 'rekap.backup/v1';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  exportedAt: string;
  setup: { setup: Setup; hash: string | null; savedAt: string } | null;
  tallies: TallyRow[];
  revisions: Revision[];
  settings: SettingRow[];
  outbox: OutboxRow[];
  /** Optional so that backups written before objections and finalisations existed still restore. */
  objections?: ObjectionRow[];
  finalisations?: FinalisationRow[];
}

/** The members v1 and v2 share: everything stored locally. */
const BackupBodyShape = {
  exportedAt: z.string().min(1),
  setup: SetupRowSchema.omit({ id: true }).nullable(),
  tallies: z.array(TallyRowSchema),
  revisions: z.array(RevisionSchema.extend({ id: z.number().int().min(1) })),
  settings: z.array(SettingRowSchema),
  outbox: z.array(OutboxRowSchema),
  objections: z.array(ObjectionRowSchema).optional(),
  finalisations: z.array(FinalisationRowSchema).optional(),
};

type BodyFile = { setup: { setup: Setup } | null; tallies: { key: string; tps: string }[]; revisions: { id: number }[] };

function refineBody(file: BodyFile, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  file.tallies.forEach((row, i) => {
    if (seen.has(row.key)) {
      const form = recordLabel(file.setup?.setup ?? null, row.key);
      ctx.addIssue(customIssue(['tallies', i, 'key'], text(`Formulir ${form.id} tercantum dua kali.`, `Form ${form.en} is listed twice.`)));
    }
    seen.add(row.key);
    if (file.setup && !row.tps.startsWith(file.setup.setup.kecamatan.code)) {
      ctx.addIssue(customIssue(['tallies', i, 'tps'], text('TPS ini tidak ada di kecamatan setup berkas ini.', 'This TPS is not in the kecamatan of the setup.')));
    }
  });
  const ids = new Set<number>();
  file.revisions.forEach((rev, i) => {
    if (ids.has(rev.id)) ctx.addIssue(customIssue(['revisions', i, 'id'], text(`Nomor riwayat ${rev.id} tercantum dua kali.`, `History entry id ${rev.id} is listed twice.`)));
    ids.add(rev.id);
  });
  if (!file.setup && file.tallies.length > 0) ctx.addIssue(customIssue(['setup'], text('Ada formulir tetapi tidak ada setup.', 'There are forms but no setup.')));
}

/** `rekap.backup/v1`: unsigned (still restored, marked unverified). */
export const BackupSchema = z.object({ format: z.literal(BACKUP_FORMAT), ...BackupBodyShape }).superRefine(refineBody);

/** `rekap.backup/v2`: the same members, the device's audit chain, its key, and the signature (src/domain/backup). */
export const SignedBackupSchema = z
  .object({
    format: z.literal(BACKUP_V2_FORMAT),
    ...BackupBodyShape,
    audit: z.array(z.unknown()),
    signer: BackupSignerSchema,
    signature: SignatureSchema,
  })
  .superRefine(refineBody);
export type SignedBackup = Omit<Backup, 'format'> & { format: typeof BACKUP_V2_FORMAT; audit: AuditEntry[]; signer: BackupSigner; signature: string };

const BACKUP_TABLES = ['setup', 'tallies', 'revisions', 'settings', 'outbox', 'objections', 'finalisations'];
/**
 * Device-only: also the record of a summary this device signed (`signedSummary:<contest>`), which
 * names this device's key; another laptop restoring the backup has its own key and signs its own.
 */
const isDeviceSetting = (key: string) => (DEVICE_SETTING_KEYS as readonly string[]).includes(key) || key.startsWith(SIGNED_SUMMARY_PREFIX);
const byId = (a: { id?: number | string }, b: { id?: number | string }) => (Number(a.id) || 0) - (Number(b.id) || 0);

/** Reads everything as stored (a backup must not drop anything, not even a damaged row). */
async function snapshot(db: RekapDb): Promise<Required<Omit<Backup, 'format' | 'exportedAt'>>> {
  const setupRow = await db.setup.get(SETUP_ROW_ID);
  const tallies = (await db.tallies.toArray()).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const revisions = (await db.revisions.toArray()).sort(byId);
  const settings = (await db.settings.toArray()).filter((s) => !isDeviceSetting(s.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
  const outbox = (await db.outbox.toArray()).sort(byId);
  const objections = (await db.objections.toArray()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const finalisations = (await db.finalisations.toArray()).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const setup = setupRow ? { setup: setupRow.setup, hash: setupRow.hash ?? null, savedAt: setupRow.savedAt } : null;
  return { setup, tallies, revisions, settings, outbox, objections, finalisations };
}

/** Records an export, so `unexportedChanges` drops to 0. */
async function recordExport(db: RekapDb, exportedAt: string, revisions: readonly { id?: number }[]): Promise<void> {
  const lastId = revisions.at(-1)?.id ?? 0;
  try {
    await db.settings.bulkPut([
      { key: 'lastExportAt', value: exportedAt },
      { key: 'lastExportRevision', value: lastId },
    ]);
  } catch (e) {
    // Recording the export is secondary: with a full disk the file is still handed out (and the
    // reminder simply stays on).
    if (!isQuotaError(e)) throw e;
  }
}

/**
 * Everything stored locally, in one unsigned `rekap.backup/v1` file (kept for tests and tools;
 * the app exports exportSignedBackup). Device-only settings are left out. Records the export.
 */
export async function exportBackup(db: RekapDb): Promise<Backup> {
  const data = await db.transaction('r', BACKUP_TABLES, () => snapshot(db));
  const exportedAt = nowIso();
  await recordExport(db, exportedAt, data.revisions);
  return { format: BACKUP_FORMAT, exportedAt, ...data };
}

/** The device that signs a backup: its key pair, and the sealer of its audit trail (src/sync/auditSealer.ts). */
export interface BackupDevice {
  privateKey: CryptoKey;
  publicKey: PublicKeyJwk;
  seal(): Promise<unknown>;
}

/** The enrolment as far as a backup needs it (null: not enrolled or unreadable). */
const EnrolmentTrustSchema = z.object({ serverKey: PublicKeyJwkSchema, kecamatan: z.string(), attestation: DeviceAttestationSchema });
async function enrolmentTrust(db: RekapDb): Promise<z.infer<typeof EnrolmentTrustSchema> | null> {
  const parsed = EnrolmentTrustSchema.safeParse((await db.sync.get('enrolment'))?.value);
  return parsed.success ? parsed.data : null;
}

const SEAL_TRIES = 5;

/**
 * A signed `rekap.backup/v2` (src/domain/backup): every table as exportBackup has it, plus this
 * device's whole audit chain, sealed first so that every form ends where its entries say. Cells
 * typed but not committed are committed first (they would be figures no entry names yet).
 */
export async function exportSignedBackup(db: RekapDb, device: BackupDevice): Promise<SignedBackup> {
  await db.transaction('rw', [...AUDIT_TABLES], async () => {
    await appendAuditMany(db, await takeOpenCells(db, 'all'), { takeOpen: false });
  });
  for (let attempt = 0; attempt < SEAL_TRIES; attempt++) {
    await device.seal();
    const read = await db.transaction('r', [...BACKUP_TABLES, 'audit', 'openCells', 'sync'], async () => {
      const rows = await db.audit.orderBy(':id').toArray();
      const open = await db.openCells.count();
      return { data: await snapshot(db), rows, open, trust: await enrolmentTrust(db) };
    });
    // Someone typed while sealing: seal again so the snapshot has no change without its entry.
    if (read.open > 0 || read.rows.some((r) => r.entry === null || r.entry === undefined)) {
      if (read.open > 0) {
        await db.transaction('rw', [...AUDIT_TABLES], async () => {
          await appendAuditMany(db, await takeOpenCells(db, 'all'), { takeOpen: false });
        });
      }
      continue;
    }
    const exportedAt = nowIso();
    const signer: BackupSigner = {
      publicKey: device.publicKey,
      keyHash: await keyHash(device.publicKey),
      attestation: read.trust && sameKey(read.trust.attestation.publicKey, device.publicKey) ? { serverKey: read.trust.serverKey, statement: read.trust.attestation } : null,
    };
    const audit = read.rows.map((r) => r.entry as AuditEntry);
    // Through JSON first, so the file signed is the file written (no undefined members).
    const body = JSON.parse(JSON.stringify({ format: BACKUP_V2_FORMAT, exportedAt, ...read.data, audit, signer })) as Omit<SignedBackup, 'signature'>;
    const file = await signBackup(body, device.privateKey);
    await recordExport(db, exportedAt, read.data.revisions);
    return file;
  }
  throw new Error('the audit trail kept changing while the backup was sealed; try again');
}

export interface ImportBackupSummary {
  tallies: number;
  revisions: number;
}

/** Election data of a snapshot, for "is this the same data" (settings are preferences). */
const dataOf = (s: Pick<Backup, 'setup' | 'tallies' | 'revisions' | 'outbox' | 'objections' | 'finalisations'>) =>
  stableStringify([s.setup?.setup ?? null, s.tallies, s.revisions, s.outbox, s.objections ?? [], s.finalisations ?? []]);

/** What a backup file holds, as the confirmation shows it before anything is written. */
export interface BackupPreview {
  format: typeof BACKUP_FORMAT | typeof BACKUP_V2_FORMAT;
  exportedAt: string;
  /** Forms by status (draft, entered, verified, …). */
  formsByStatus: Record<string, number>;
  forms: number;
  objections: number;
  finalisations: number;
  revisions: number;
  /** v2 only: the signing device and what the check found; null for an unsigned v1 file. */
  signed: { hash: string; fingerprint: string; deviceName: string | null; trust: BackupTrust; warning: LocalizedText | null; entries: number } | null;
  /** The operator name the file carries (not applied over a name typed on this device). */
  operator: string | null;
}

/** A checked file, ready to restore (readBackup's answer). */
export interface CheckedBackup {
  preview: BackupPreview;
  file: Backup;
}

export type BackupReadError = DbError | { kind: 'tampered'; failure: BackupFailure; message: LocalizedText } | { kind: 'unattested'; message: LocalizedText };

const operatorOf = (settings: readonly SettingRow[]): string | null => {
  const value = settings.find((s) => s.key === 'operatorName')?.value;
  return typeof value === 'string' && value.trim() ? value : null;
};

/**
 * Reads and checks a backup file without writing anything: v2 files must carry a valid signature
 * and a whole chain that every form agrees with ('tampered', naming what failed); v1 files are
 * accepted as unverified. The preview is what the confirmation shows.
 */
export async function readBackup(db: RekapDb, input: unknown): Promise<Result<CheckedBackup, BackupReadError>> {
  const isV2 = (input as { format?: unknown } | null)?.format === BACKUP_V2_FORMAT;
  const parsed = isV2 ? SignedBackupSchema.safeParse(input) : BackupSchema.safeParse(input);
  if (!parsed.success) return err(dbError.invalidFile(toInputIssues(parsed.error, { root: input })));
  const file = parsed.data as unknown as Backup | SignedBackup;
  let signed: BackupPreview['signed'] = null;
  if (file.format === BACKUP_V2_FORMAT) {
    const trust = await enrolmentTrust(db);
    const pinned = trust ? { serverKey: trust.serverKey, kecamatan: trust.kecamatan } : null;
    // Checked against the file as read (JSON), not the parsed copy: zod drops members it does not know.
    const raw = input as SignedBackupEnvelope;
    const verified = await verifyBackup({ ...raw, signer: file.signer }, { forms: file.tallies, revisions: file.revisions }, pinned);
    if (!verified.ok) return err({ kind: 'tampered', failure: verified.error, message: backupFailureText(verified.error, file.setup?.setup ?? null) });
    const v = verified.value;
    signed = { hash: v.hash, fingerprint: v.fingerprint, deviceName: v.deviceName, trust: v.trust, warning: backupTrustWarning(v.trust), entries: v.entries.length };
  }
  const formsByStatus: Record<string, number> = {};
  for (const row of file.tallies) formsByStatus[row.status] = (formsByStatus[row.status] ?? 0) + 1;
  const plain: Backup = {
    format: BACKUP_FORMAT,
    exportedAt: file.exportedAt,
    setup: file.setup,
    tallies: file.tallies,
    revisions: file.revisions,
    settings: file.settings,
    outbox: file.outbox,
    objections: file.objections ?? [],
    finalisations: file.finalisations ?? [],
  };
  return ok({
    file: plain,
    preview: {
      format: file.format,
      exportedAt: file.exportedAt,
      formsByStatus,
      forms: file.tallies.length,
      objections: file.objections?.length ?? 0,
      finalisations: file.finalisations?.length ?? 0,
      revisions: file.revisions.length,
      signed,
      operator: operatorOf(file.settings),
    },
  });
}

/**
 * Checks the whole file first (nothing stored on failure), then restores it in one transaction.
 * A database holding other data is not overwritten unless `replace: true` ('would-overwrite');
 * restoring the same data again is harmless. A signed file whose key the pinned server does not
 * vouch for is refused unless `acceptUnattested` (the person saw the warning).
 */
export async function importBackup(
  db: RekapDb,
  input: unknown,
  opts: { replace?: boolean; acceptUnattested?: boolean } = {},
): Promise<Result<ImportBackupSummary, BackupReadError>> {
  const checked = await readBackup(db, input);
  if (!checked.ok) return checked;
  return restoreBackup(db, checked.value, opts);
}

/** Writes a checked backup (readBackup), after the person confirmed its preview. */
export async function restoreBackup(
  db: RekapDb,
  checked: CheckedBackup,
  opts: { replace?: boolean; acceptUnattested?: boolean } = {},
): Promise<Result<ImportBackupSummary, BackupReadError>> {
  const { file, preview } = checked;
  if (preview.signed?.warning && !opts.acceptUnattested) return err({ kind: 'unattested', message: preview.signed.warning });
  const result = await runWrite(db, [...BACKUP_TABLES, 'sync', 'conflicts', ...AUDIT_TABLES], async () => {
    const current = await snapshot(db);
    const holdsData =
      current.tallies.length > 0 || current.revisions.length > 0 || current.outbox.length > 0 || current.objections.length > 0 || current.finalisations.length > 0;
    const otherSetup = current.setup !== null && stableStringify(current.setup.setup) !== stableStringify(file.setup?.setup ?? null);
    const differs = (holdsData || otherSetup) && dataOf(current) !== dataOf(file);
    if (differs && !opts.replace) return abortWith(dbError.wouldOverwrite());

    // Cells typed before the restore are committed (the trail keeps them) before the file replaces them.
    await appendAuditMany(db, await takeOpenCells(db, 'all'), { takeOpen: false });
    // The person operating this device stays the operator (docs/integrity.md, "Signed backups").
    const localOperator = operatorOf(current.settings.length > 0 ? current.settings : await db.settings.toArray());
    await Promise.all([db.setup.clear(), db.tallies.clear(), db.revisions.clear(), db.outbox.clear(), db.objections.clear(), db.finalisations.clear()]);
    const kept = (await db.settings.toArray()).filter((s) => isDeviceSetting(s.key));
    await db.settings.clear();
    if (file.setup) await db.setup.put({ id: SETUP_ROW_ID, ...file.setup });
    // Parsed with the row schema above (BackupSchema): valid without a second parse, here, for the
    // summaries (tallySummaryMiddleware.ts) and for the outbox below.
    const restored = file.tallies;
    const operator = localOperator ?? preview.operator;
    const actor = operator ?? 'cadangan';
    const storing = db.tallies.bulkPut(vouchForAll(restored) as TallyRow[]);
    // Every tally the file changed is a change on this device: the trail keeps it, with where it
    // came from and whether the file was verified.
    const changes = restoredTallyChanges(current.tallies, restored, actor, restoreReason(preview));
    await storing;
    await db.revisions.bulkPut(file.revisions);
    await db.outbox.bulkPut(file.outbox);
    await db.objections.bulkPut(file.objections ?? []);
    await db.finalisations.bulkPut(file.finalisations ?? []);
    const settings = file.settings.filter((s) => !isDeviceSetting(s.key) && !(localOperator !== null && s.key === 'operatorName'));
    if (localOperator !== null) settings.push({ key: 'operatorName', value: localOperator });
    await db.settings.bulkPut([...settings, ...kept]);
    // The records are now the file's, not what this device last synced (src/db/outbox.ts).
    await resetSyncAfterRestore(db, actor, restored);
    await enqueueUnsyncedPlenary(db, actor);
    await appendAuditMany(db, changes);
    // What is stored now is exactly the file: nothing left to export.
    await db.settings.bulkPut([
      { key: 'lastExportAt', value: file.exportedAt },
      { key: 'lastExportRevision', value: file.revisions.reduce((m, r) => Math.max(m, r.id ?? 0), 0) },
    ]);
    return { tallies: file.tallies.length, revisions: file.revisions.length };
  });
  forgetParsedSetup(db);
  forgetValidatedRows(db);
  return result.ok ? ok(result.value) : result;
}

/** The audit reason of a tally set by restoring a backup (v1 prefix kept: older entries use it). */
export const BACKUP_RESTORE_REASON = `Pemulihan cadangan ${BACKUP_FORMAT} / restored from a ${BACKUP_FORMAT} backup`;

/** Where a restored value came from, in each restored form's history. */
export function restoreReason(preview: BackupPreview): string {
  if (!preview.signed) {
    return `${BACKUP_RESTORE_REASON} (${preview.exportedAt}), TIDAK TERVERIFIKASI: berkas lama tanpa tanda tangan / UNVERIFIED: an old file without a signature`;
  }
  const { hash, fingerprint } = preview.signed;
  return `Pemulihan cadangan ${hash.slice(0, 16)} dari perangkat ${fingerprint} (${preview.exportedAt}), tanda tangan dan riwayat audit terverifikasi / restored from backup ${hash.slice(0, 16)} of device ${fingerprint}, signature and audit trail verified`;
}

/** One `tally.changed` per tally the restore changed, added or removed, in key order. */
function restoredTallyChanges(before: readonly unknown[], after: readonly TallyRow[], actor: string, reason: string): AuditWrite[] {
  const tallyOf = (raw: unknown) => {
    const parsed = parseTallyRow(raw);
    return parsed.ok ? parsed.value.tally : null;
  };
  const old = new Map<string, ReturnType<typeof tallyOf>>();
  for (const raw of before) {
    const key = (raw as { key?: unknown } | null)?.key;
    if (typeof key === 'string') old.set(key, tallyOf(raw));
  }
  const next = new Map(after.map((row) => [row.key as string, row.tally]));
  const keys = [...new Set([...old.keys(), ...next.keys()])].sort();
  const changes: AuditWrite[] = [];
  for (const key of keys) {
    const a = old.get(key) ?? null;
    const b = next.get(key) ?? null;
    // Only a form on both sides can be unchanged (a whole kecamatan into a fresh laptop: none is).
    if ((a === null) === (b === null) && stableStringify(a) === stableStringify(b)) continue;
    changes.push({
      actor,
      record: { kind: 'tally', key },
      action: 'tally.changed',
      ...tallyDiff(a, b),
      reason,
    });
  }
  return changes;
}

/** Revisions written after the last export (0 right after an export or a restore). */
export async function unexportedChanges(db: RekapDb): Promise<number> {
  const row = await db.settings.get('lastExportRevision');
  const last = typeof row?.value === 'number' ? row.value : 0;
  return db.revisions.where(':id').above(last).count();
}
