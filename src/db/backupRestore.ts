/**
 * Restoring a backup file (src/db/backup.ts writes them): read and check it, preview it, then
 * write it on confirmation (docs/integrity.md, "Signed backups").
 */
import { err, ok, type Result } from '../domain/common/result.ts';
import type { LocalizedText } from '../domain/common/text.ts';
import {
  BACKUP_V2_FORMAT,
  backupFailureText,
  backupTrustWarning,
  signerTrust,
  verifyBackup,
  type BackupFailure,
  type BackupTrust,
  type SignedBackupEnvelope,
  type VerifiedChain,
} from '../domain/backup/index.ts';
import { archiveFailureText, missingPhoto, type ArchiveFailure } from '../domain/backup/index.ts';
import { fingerprintOfKeyHash, keyHash } from '../domain/crypto/keys.ts';
import { AUDIT_TABLES, appendAuditMany, tallyDiff, type AuditWrite } from './audit.ts';
import { takeOpenCells } from './openCells.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { resetSyncAfterRestore } from './outbox.ts';
import { enqueueUnsyncedPlenary } from './syncRecords.ts';
import { forgetParsedSetup } from './setupStore.ts';
import { stableStringify } from './stable.ts';
import { forgetValidatedRows, parseTallyRow } from './tallyRows.ts';
import { photoDataRow } from './photoRows.ts';
import { replaceRestoredHistory, RESTORED_HISTORY_TABLES, type RestoredChain } from './restoredHistory.ts';
import { abortWith, runWrite } from './storage.ts';
import { SETUP_ROW_ID, type SettingRow, type TallyRow } from './types.ts';
import { vouchForAll } from './vouchedRows.ts';
import { BACKUP_FORMAT, BACKUP_TABLES, BackupSchema, enrolmentTrust, isDeviceSetting, SignedBackupSchema, snapshot, type Backup, type SignedBackup } from './backup.ts';

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
  /** C.Hasil photos (their bytes: those the archive carries; others are downloaded from the server). */
  photos: number;
  /** Of those, the photos whose bytes the archive carries (checked against their hashes). */
  photosCarried: number;
  /** v2 only: the signing device and what the check found; null for an unsigned v1 file. */
  signed: {
    hash: string;
    fingerprint: string;
    deviceName: string | null;
    trust: BackupTrust;
    warning: LocalizedText | null;
    entries: number;
    /** Devices whose signed history the file carries from earlier restores (their fingerprints). */
    earlierDevices: string[];
  } | null;
  /** The operator name the file carries (not applied over a name typed on this device). */
  operator: string | null;
}

/** A checked file, ready to restore (readBackup's answer). */
export interface CheckedBackup {
  preview: BackupPreview;
  file: Backup;
  /** The signed chains the file carries, checked (empty for an unsigned v1 file): the restored history. */
  chains: RestoredChain[];
  /** The photos' bytes by SHA-256 (from the backup's archive), each checked against its hash. */
  photoData: ReadonlyMap<string, Uint8Array>;
}

export type BackupReadError =
  | DbError
  | { kind: 'tampered'; failure: BackupFailure; message: LocalizedText }
  | { kind: 'unattested'; message: LocalizedText }
  | { kind: 'archive'; failure: ArchiveFailure; message: LocalizedText };

const operatorOf = (settings: readonly SettingRow[]): string | null => {
  const value = settings.find((s) => s.key === 'operatorName')?.value;
  return typeof value === 'string' && value.trim() ? value : null;
};

/**
 * Reads and checks a backup file without writing anything: v2 files must carry a valid signature
 * and a whole chain that every form agrees with ('tampered', naming what failed); v1 files are
 * accepted as unverified. The preview is what the confirmation shows.
 */
export async function readBackup(db: RekapDb, input: unknown, archive: ReadonlyMap<string, Uint8Array> = new Map()): Promise<Result<CheckedBackup, BackupReadError>> {
  const isV2 = (input as { format?: unknown } | null)?.format === BACKUP_V2_FORMAT;
  const parsed = isV2 ? SignedBackupSchema.safeParse(input) : BackupSchema.safeParse(input);
  if (!parsed.success) return err(dbError.invalidFile(toInputIssues(parsed.error, { root: input })));
  const file = parsed.data as unknown as Backup | SignedBackup;
  let signed: BackupPreview['signed'] = null;
  let chains: RestoredChain[] = [];
  if (file.format === BACKUP_V2_FORMAT) {
    const trust = await enrolmentTrust(db);
    const pinned = trust ? { serverKey: trust.serverKey, kecamatan: trust.kecamatan } : null;
    // Checked against the file as read (JSON), not the parsed copy: zod drops members it does not know.
    const raw = input as SignedBackupEnvelope;
    const verified = await verifyBackup({ ...raw, signer: file.signer }, { forms: file.tallies, revisions: file.revisions }, pinned);
    if (!verified.ok) return err({ kind: 'tampered', failure: verified.error, message: backupFailureText(verified.error, file.setup?.setup ?? null) });
    const v = verified.value;
    signed = {
      hash: v.hash,
      fingerprint: v.fingerprint,
      deviceName: v.deviceName,
      trust: v.trust,
      warning: backupTrustWarning(v.trust),
      entries: v.entries.length,
      earlierDevices: v.earlier.map((c) => fingerprintOfKeyHash(c.signer.keyHash)),
    };
    const all: VerifiedChain[] = [{ signer: file.signer, backup: v.hash, entries: v.entries }, ...v.earlier];
    // Whether this device's server vouches for each signer decides whose enrolled name the history may show.
    chains = await Promise.all(all.map(async (c) => ({ ...c, attested: (await signerTrust(c.signer, pinned)) === 'attested' })));
  }
  // Every photo whose bytes the file says it carries is in the archive, and named in its photos.
  const named = new Set((file.photos ?? []).map((p) => p.sha256));
  const carried = (file.photoFiles ?? []).filter((sha256) => named.has(sha256));
  const missing = missingPhoto(carried, archive);
  if (missing) return err({ kind: 'archive', failure: missing, message: archiveFailureText(missing, '') });
  const photoData = new Map(carried.map((sha256) => [sha256, archive.get(sha256)!]));
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
    photos: file.photos ?? [],
  };
  return ok({
    file: plain,
    chains,
    photoData,
    preview: {
      format: file.format,
      exportedAt: file.exportedAt,
      formsByStatus,
      forms: file.tallies.length,
      objections: file.objections?.length ?? 0,
      finalisations: file.finalisations?.length ?? 0,
      revisions: file.revisions.length,
      photos: file.photos?.length ?? 0,
      photosCarried: photoData.size,
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
  // Hashed before the transaction: awaiting Web Crypto inside one lets IndexedDB commit it early.
  const own = await enrolmentTrust(db);
  const ownKeyHash = own ? await keyHash(own.attestation.publicKey) : null;
  const result = await runWrite(db, [...BACKUP_TABLES, 'photoData', 'sync', 'conflicts', ...AUDIT_TABLES, ...RESTORED_HISTORY_TABLES], async () => {
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
    await Promise.all([
      db.setup.clear(),
      db.tallies.clear(),
      db.revisions.clear(),
      db.outbox.clear(),
      db.objections.clear(),
      db.finalisations.clear(),
      db.photos.clear(),
      db.photoData.clear(),
    ]);
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
    // Photos: metadata as signed; bytes as the archive carried them, hash-checked (readBackup).
    // Not marked uploaded: this device offers them to the server again (an idempotent PUT).
    await db.photos.bulkPut(file.photos ?? []);
    await db.photoData.bulkPut([...checked.photoData].map(([sha256, bytes]) => photoDataRow(sha256, bytes)));
    // Each restored form keeps its original signed history (who, which device, when, why).
    await replaceRestoredHistory(db, checked.chains, ownKeyHash);
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

