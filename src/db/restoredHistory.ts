import { z } from 'zod';
import { AuditEntrySchema, type AuditEntry } from '../domain/audit/index.ts';
import { BackupSignerSchema, type BackupSigner, type EarlierChain, type VerifiedChain } from '../domain/backup/index.ts';
import { HashHexSchema } from '../domain/summary/schema.ts';
import type { RekapDb } from './database.ts';

/**
 * The signed history a restore brought in (issue 15, docs/integrity.md "Signed backups"): every
 * entry of the chain of the device that made the backup, and of the devices whose backups that one
 * had restored, kept as signed. A restored form's history shows them beside this device's own
 * entries; the next backup of this device carries them on (`earlierChains`), where they are
 * checked again against their own device keys.
 */

/** One entry, by `<device>#<seq>` (the same id the history uses), with the form it is about. */
export interface RestoredEntryRow {
  id: string;
  key: string;
  entry: AuditEntry;
}

/** A device whose chain arrived in a backup: its key and attestation, and which backup brought it. */
export interface RestoredSignerRow {
  keyHash: string;
  signer: BackupSigner;
  backup: string;
  /** The server this device is enrolled with attested the key at restore: its enrolled name may be shown. */
  attested: boolean;
}

/** A checked chain as a restore stores it. */
export type RestoredChain = VerifiedChain & { attested: boolean };

const RestoredEntryRowSchema = z.object({ id: z.string(), key: z.string(), entry: AuditEntrySchema });
const RestoredSignerRowSchema = z.object({ keyHash: HashHexSchema, signer: BackupSignerSchema, backup: HashHexSchema, attested: z.boolean() });

/** Tables a restore writes with its other tables. */
export const RESTORED_HISTORY_TABLES = ['backupAudit', 'backupSigners'] as const;

/**
 * Replaces the restored history with the chains of a checked backup (inside the restore's
 * transaction): the file replaces the forms, so it replaces where their history came from too.
 * This device's own chain is never among them (its entries are its own trail).
 */
export async function replaceRestoredHistory(db: RekapDb, chains: readonly RestoredChain[], ownKeyHash: string | null): Promise<void> {
  await Promise.all([db.backupAudit.clear(), db.backupSigners.clear()]);
  const kept = chains.filter((c) => c.signer.keyHash !== ownKeyHash);
  await db.backupSigners.bulkPut(kept.map((c): RestoredSignerRow => ({ keyHash: c.signer.keyHash, signer: c.signer, backup: c.backup, attested: c.attested })));
  await db.backupAudit.bulkPut(kept.flatMap((c) => c.entries.map((entry) => ({ id: `${entry.device}#${entry.seq}`, key: entry.record.key, entry }))));
}

/** A form's restored entries and the devices that signed them (rows that no longer read are left out). */
export interface RestoredHistory {
  entries: AuditEntry[];
  signers: ReadonlyMap<string, Omit<RestoredSignerRow, 'keyHash'>>;
}

export async function restoredHistoryOf(db: RekapDb, key: string): Promise<RestoredHistory> {
  const [rows, signerRows] = await db.transaction('r', [...RESTORED_HISTORY_TABLES], () =>
    Promise.all([db.backupAudit.where('key').equals(key).toArray(), db.backupSigners.toArray()]),
  );
  const entries = rows.flatMap((raw) => {
    const parsed = RestoredEntryRowSchema.safeParse(raw);
    return parsed.success ? [parsed.data.entry] : [];
  });
  const signers = new Map<string, Omit<RestoredSignerRow, 'keyHash'>>();
  for (const raw of signerRows) {
    const parsed = RestoredSignerRowSchema.safeParse(raw);
    if (parsed.success) signers.set(parsed.data.keyHash, { signer: parsed.data.signer, backup: parsed.data.backup, attested: parsed.data.attested });
  }
  return { entries, signers };
}

/**
 * The restored chains as a backup carries them on: each device's whole chain in seq order. A row
 * that no longer reads is passed on as stored, so that the next restore refuses the file naming the
 * device instead of this device silently dropping an entry.
 */
export async function earlierChainsForBackup(db: RekapDb): Promise<EarlierChain[]> {
  const [rows, signerRows] = await Promise.all([db.backupAudit.toArray(), db.backupSigners.toArray()]);
  const bySigner = new Map<string, { seq: number; entry: unknown }[]>();
  for (const row of rows) {
    const entry = (row as { entry?: { device?: unknown; seq?: unknown } }).entry;
    const device = typeof entry?.device === 'string' ? entry.device : String(row.id).split('#')[0];
    const list = bySigner.get(device ?? '') ?? [];
    list.push({ seq: typeof entry?.seq === 'number' ? entry.seq : 0, entry });
    bySigner.set(device ?? '', list);
  }
  return signerRows
    .map((s) => ({
      signer: s.signer,
      backup: s.backup,
      audit: (bySigner.get(s.keyHash) ?? []).sort((a, b) => a.seq - b.seq).map((e) => e.entry),
    }))
    .sort((a, b) => (a.signer.keyHash < b.signer.keyHash ? -1 : 1));
}
