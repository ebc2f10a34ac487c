import { z } from 'zod';
import { err, ok, type Result } from '../domain/common/result.ts';
import { text } from '../domain/common/text.ts';
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

export const BackupSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    exportedAt: z.string().min(1),
    setup: SetupRowSchema.omit({ id: true }).nullable(),
    tallies: z.array(TallyRowSchema),
    revisions: z.array(RevisionSchema.extend({ id: z.number().int().min(1) })),
    settings: z.array(SettingRowSchema),
    outbox: z.array(OutboxRowSchema),
    objections: z.array(ObjectionRowSchema).optional(),
    finalisations: z.array(FinalisationRowSchema).optional(),
  })
  .superRefine((file, ctx) => {
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
  });

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

/**
 * Everything stored locally, in one file. Device-only settings (last export, storage persistence)
 * are left out. Records the export, so `unexportedChanges` drops to 0.
 */
export async function exportBackup(db: RekapDb): Promise<Backup> {
  const data = await db.transaction('r', BACKUP_TABLES, () => snapshot(db));
  const exportedAt = nowIso();
  const lastId = data.revisions.at(-1)?.id ?? 0;
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
  return { format: BACKUP_FORMAT, exportedAt, ...data };
}

export interface ImportBackupSummary {
  tallies: number;
  revisions: number;
}

/** Election data of a snapshot, for "is this the same data" (settings are preferences). */
const dataOf = (s: Pick<Backup, 'setup' | 'tallies' | 'revisions' | 'outbox' | 'objections' | 'finalisations'>) =>
  stableStringify([s.setup?.setup ?? null, s.tallies, s.revisions, s.outbox, s.objections ?? [], s.finalisations ?? []]);

/**
 * Validates the whole file first (nothing stored on failure: 'invalid-file' with paths), then
 * restores it in one transaction. A database holding other data is not overwritten unless
 * `replace: true` ('would-overwrite'); restoring the same data again is harmless.
 */
export async function importBackup(db: RekapDb, input: unknown, opts: { replace?: boolean } = {}): Promise<Result<ImportBackupSummary, DbError>> {
  const parsed = BackupSchema.safeParse(input);
  if (!parsed.success) return err(dbError.invalidFile(toInputIssues(parsed.error, { root: input })));
  const file = parsed.data;
  const result = await runWrite(db, [...BACKUP_TABLES, 'sync', 'conflicts', ...AUDIT_TABLES], async () => {
    const current = await snapshot(db);
    const holdsData =
      current.tallies.length > 0 || current.revisions.length > 0 || current.outbox.length > 0 || current.objections.length > 0 || current.finalisations.length > 0;
    const otherSetup = current.setup !== null && stableStringify(current.setup.setup) !== stableStringify(file.setup?.setup ?? null);
    const differs = (holdsData || otherSetup) && dataOf(current) !== dataOf(file as Backup);
    if (differs && !opts.replace) return abortWith(dbError.wouldOverwrite());

    // Cells typed before the restore are committed (the trail keeps them) before the file replaces them.
    await appendAuditMany(db, await takeOpenCells(db, 'all'), { takeOpen: false });
    await Promise.all([db.setup.clear(), db.tallies.clear(), db.revisions.clear(), db.outbox.clear(), db.objections.clear(), db.finalisations.clear()]);
    const kept = (await db.settings.toArray()).filter((s) => isDeviceSetting(s.key));
    await db.settings.clear();
    if (file.setup) await db.setup.put({ id: SETUP_ROW_ID, ...file.setup });
    // Parsed with the row schema above (BackupSchema): valid without a second parse, here, for the
    // summaries (tallySummaryMiddleware.ts) and for the outbox below.
    const restored = file.tallies as TallyRow[];
    const operator = file.settings.find((s) => s.key === 'operatorName')?.value;
    const actor = typeof operator === 'string' && operator.trim() ? operator : 'cadangan';
    const storing = db.tallies.bulkPut(vouchForAll(restored) as TallyRow[]);
    // Every tally the file changed is a change on this device: the trail keeps it (not the file's
    // own history). Worked out while IndexedDB stores the forms, written below.
    const changes = restoredTallyChanges(current.tallies, restored, actor, file.exportedAt);
    await storing;
    await db.revisions.bulkPut(file.revisions as Revision[]);
    await db.outbox.bulkPut(file.outbox as OutboxRow[]);
    await db.objections.bulkPut(file.objections ?? []);
    await db.finalisations.bulkPut(file.finalisations ?? []);
    await db.settings.bulkPut([...file.settings.filter((s) => !isDeviceSetting(s.key)), ...kept]);
    // The records are now the file's, not what this device last synced (src/db/outbox.ts).
    await resetSyncAfterRestore(db, actor, restored);
    await enqueueUnsyncedPlenary(db, actor);
    await appendAuditMany(db, changes);
    // What is stored now is exactly the file: nothing left to export.
    await db.settings.bulkPut([
      { key: 'lastExportAt', value: file.exportedAt },
      { key: 'lastExportRevision', value: file.revisions.reduce((m, r) => Math.max(m, r.id), 0) },
    ]);
    return { tallies: file.tallies.length, revisions: file.revisions.length };
  });
  forgetParsedSetup(db);
  forgetValidatedRows(db);
  return result.ok ? ok(result.value) : result;
}

/** The audit reason of a tally set by restoring a backup. */
export const BACKUP_RESTORE_REASON = `Pemulihan cadangan ${BACKUP_FORMAT} / restored from a ${BACKUP_FORMAT} backup`;

/** One `tally.changed` per tally the restore changed, added or removed, in key order. */
function restoredTallyChanges(before: readonly unknown[], after: readonly TallyRow[], actor: string, exportedAt: string): AuditWrite[] {
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
      reason: `${BACKUP_RESTORE_REASON} (${exportedAt})`,
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
