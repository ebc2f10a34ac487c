/**
 * Writing a backup file of everything this device stores: the v1 shape and the signed v2 one
 * (src/domain/backup); restoring one is src/db/backupRestore.ts.
 */
import { z } from 'zod';
import { text } from '../domain/common/text.ts';
import type { AuditEntry } from '../domain/audit/index.ts';
import {
  BACKUP_V2_FORMAT,
  BackupSignerSchema,
  EarlierChainSchema,
  signBackup,
  type BackupSigner,
  type EarlierChain,
} from '../domain/backup/index.ts';
import { keyHash, PublicKeyJwkSchema, SignatureSchema, type PublicKeyJwk } from '../domain/crypto/keys.ts';
import { DeviceAttestationSchema, sameKey } from '../domain/summary/attestation.ts';
import { customIssue } from '../domain/errors/index.ts';
import { recordLabel } from '../domain/workflow/recordLabel.ts';
import type { Setup } from '../domain/setup/schema.ts';
import { AUDIT_TABLES, appendAuditMany } from './audit.ts';
import { takeOpenCells } from './openCells.ts';
import { earlierChainsForBackup, RESTORED_HISTORY_TABLES } from './restoredHistory.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { OutboxRowSchema, RevisionSchema, SettingRowSchema, SetupRowSchema, TallyRowSchema } from './rowSchemas.ts';
import { FinalisationRowSchema } from './finalisation.ts';
import { ObjectionRowSchema } from './objections.ts';
import { HashHexSchema } from '../domain/summary/schema.ts';
import { PhotoRowSchema, type PhotoRow } from './photoRows.ts';
import { isQuotaError } from './storage.ts';
import { DEVICE_SETTING_KEYS, SETUP_ROW_ID, type OutboxRow, type Revision, type SettingRow, type TallyRow } from './types.ts';
import { SIGNED_SUMMARY_PREFIX } from './summary.ts';
import type { FinalisationRow, ObjectionRow } from './v3Types.ts';

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
  /** The C.Hasil photos' metadata (issue 17); optional: older backups have none. */
  photos?: PhotoRow[];
  /**
   * The photos whose bytes travel with this backup, in its archive (src/domain/backup/archive.ts),
   * by SHA-256; a photo not downloaded yet on the exporting device is named in `photos` only.
   */
  photoFiles?: string[];
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
  photos: z.array(PhotoRowSchema).optional(),
  photoFiles: z.array(HashHexSchema).optional(),
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
    earlierChains: z.array(EarlierChainSchema).optional(),
    signature: SignatureSchema,
  })
  .superRefine(refineBody);
export type SignedBackup = Omit<Backup, 'format'> & {
  format: typeof BACKUP_V2_FORMAT;
  audit: AuditEntry[];
  signer: BackupSigner;
  /** The chains of devices whose backups this one restored (src/db/restoredHistory.ts). */
  earlierChains?: EarlierChain[];
  signature: string;
};

export const BACKUP_TABLES = ['setup', 'tallies', 'revisions', 'settings', 'outbox', 'objections', 'finalisations', 'photos'];
/**
 * Device-only: also the record of a summary this device signed (`signedSummary:<contest>`), which
 * names this device's key; another laptop restoring the backup has its own key and signs its own.
 */
export const isDeviceSetting = (key: string) => (DEVICE_SETTING_KEYS as readonly string[]).includes(key) || key.startsWith(SIGNED_SUMMARY_PREFIX);
const byId = (a: { id?: number | string }, b: { id?: number | string }) => (Number(a.id) || 0) - (Number(b.id) || 0);

/** Reads everything as stored (a backup must not drop anything, not even a damaged row). */
export async function snapshot(db: RekapDb): Promise<Required<Omit<Backup, 'format' | 'exportedAt' | 'photoFiles'>>> {
  const setupRow = await db.setup.get(SETUP_ROW_ID);
  const tallies = (await db.tallies.toArray()).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const revisions = (await db.revisions.toArray()).sort(byId);
  const settings = (await db.settings.toArray()).filter((s) => !isDeviceSetting(s.key)).sort((a, b) => (a.key < b.key ? -1 : 1));
  const outbox = (await db.outbox.toArray()).sort(byId);
  const objections = (await db.objections.toArray()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const finalisations = (await db.finalisations.toArray()).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Whether the server has a photo's bytes is this device's state: a restoring device uploads again.
  const photos = (await db.photos.toArray()).map(({ uploaded: _uploaded, ...row }) => row).sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
  const setup = setupRow ? { setup: setupRow.setup, hash: setupRow.hash ?? null, savedAt: setupRow.savedAt } : null;
  return { setup, tallies, revisions, settings, outbox, objections, finalisations, photos };
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
export async function enrolmentTrust(db: RekapDb): Promise<z.infer<typeof EnrolmentTrustSchema> | null> {
  const parsed = EnrolmentTrustSchema.safeParse((await db.sync.get('enrolment'))?.value);
  return parsed.success ? parsed.data : null;
}

const SEAL_TRIES = 5;

/**
 * A signed `rekap.backup/v2` (src/domain/backup): every table as exportBackup has it, plus this
 * device's whole audit chain, sealed first so that every form ends where its entries say, and the
 * chains of devices whose backups it restored (so a form's history survives each laptop). Cells
 * typed but not committed are committed first (they would be figures no entry names yet).
 */
export async function exportSignedBackup(db: RekapDb, device: BackupDevice): Promise<SignedBackup> {
  return (await exportSignedBackupWithPhotos(db, device)).file;
}

/** A signed backup and the bytes of the photos it names in `photoFiles` (for its archive). */
export interface SignedBackupWithPhotos {
  file: SignedBackup;
  photos: Map<string, Uint8Array>;
}

/**
 * exportSignedBackup, with the photos' bytes read in the same transaction as their metadata, so
 * the archive holds exactly the photos the signed file names.
 */
export async function exportSignedBackupWithPhotos(db: RekapDb, device: BackupDevice): Promise<SignedBackupWithPhotos> {
  await db.transaction('rw', [...AUDIT_TABLES], async () => {
    await appendAuditMany(db, await takeOpenCells(db, 'all'), { takeOpen: false });
  });
  for (let attempt = 0; attempt < SEAL_TRIES; attempt++) {
    await device.seal();
    const read = await db.transaction('r', [...BACKUP_TABLES, 'photoData', 'audit', 'openCells', 'sync', ...RESTORED_HISTORY_TABLES], async () => {
      const rows = await db.audit.orderBy(':id').toArray();
      const open = await db.openCells.count();
      const data = await snapshot(db);
      const bytes = await db.photoData.bulkGet(data.photos.map((p) => p.sha256));
      return { data, bytes, rows, open, trust: await enrolmentTrust(db), earlier: await earlierChainsForBackup(db) };
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
    // A backup of this device restored on itself: its own chain is `audit`, not an earlier one.
    const earlierChains = read.earlier.filter((c) => c.signer.keyHash !== signer.keyHash);
    const photos = new Map<string, Uint8Array>();
    // Duck-typed: an ArrayBuffer read back from IndexedDB may come from another realm (tests).
    for (const row of read.bytes) if (row && typeof row.data?.byteLength === 'number') photos.set(row.sha256, new Uint8Array(row.data));
    const photoFiles = [...photos.keys()].sort();
    // Through JSON first, so the file signed is the file written (no undefined members).
    const body = JSON.parse(JSON.stringify({ format: BACKUP_V2_FORMAT, exportedAt, ...read.data, photoFiles, audit, signer, earlierChains })) as Omit<SignedBackup, 'signature'>;
    const file = await signBackup(body, device.privateKey);
    await recordExport(db, exportedAt, read.data.revisions);
    return { file, photos };
  }
  throw new Error('the audit trail kept changing while the backup was sealed; try again');
}

/** Revisions written after the last export (0 right after an export or a restore). */
export async function unexportedChanges(db: RekapDb): Promise<number> {
  const row = await db.settings.get('lastExportRevision');
  const last = typeof row?.value === 'number' ? row.value : 0;
  return db.revisions.where(':id').above(last).count();
}
