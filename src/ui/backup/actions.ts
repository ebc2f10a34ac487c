import type { Setup } from '../../domain/setup/index.ts';
import { exportPublicJwk } from '../../domain/crypto/keys.ts';
import { packArchive } from '../../domain/backup/index.ts';
import { exportSignedBackupWithPhotos, exportTallies, type DbError, type RekapDb } from '../../db/index.ts';
import { sealDeviceAudit } from '../../sync/auditSealer.ts';
import { deviceKeyPair } from '../../sync/deviceKey.ts';
import { downloadBytes, downloadJson, slug } from '../common/files.ts';
import { fileTimestamp } from '../common/format.ts';

/** `.json` for a backup without photos, `.zip` for one whose photos travel with it (src/domain/backup/archive.ts). */
export function backupFileName(setup: Setup | null, now: Date = new Date(), extension: 'json' | 'zip' = 'json'): string {
  const kec = setup ? slug(setup.kecamatan.name) || setup.kecamatan.code : 'tanpa-setup';
  return `rekap-backup-${kec}-${fileTimestamp(now)}.${extension}`;
}

export function talliesFileName(setup: Setup, now: Date = new Date()): string {
  return `rekap-tallies-${slug(setup.kecamatan.name) || setup.kecamatan.code}-${fileTimestamp(now)}.json`;
}

/**
 * Exports everything stored locally as one download, signed by this device's key with its sealed
 * audit chain (rekap.backup/v2, src/domain/backup); returns the file name.
 */
export async function downloadBackup(db: RekapDb, setup: Setup | null): Promise<string> {
  const pair = await deviceKeyPair(db);
  const { file, photos } = await exportSignedBackupWithPhotos(db, { privateKey: pair.privateKey, publicKey: await exportPublicJwk(pair.publicKey), seal: () => sealDeviceAudit(db) });
  if (photos.size === 0) {
    const name = backupFileName(setup);
    downloadJson(name, file);
    return name;
  }
  // With photos: one archive, the signed JSON beside the photos it names.
  const name = backupFileName(setup, new Date(), 'zip');
  downloadBytes(name, packArchive(JSON.stringify(file, null, 2), photos), 'application/zip');
  return name;
}

export async function downloadTallies(db: RekapDb, setup: Setup): Promise<{ ok: true; name: string } | { ok: false; error: DbError }> {
  const file = await exportTallies(db);
  if (!file.ok) return { ok: false, error: file.error };
  const name = talliesFileName(setup);
  downloadJson(name, file.value);
  return { ok: true, name };
}
