import type { Setup } from '../../domain/setup/index.ts';
import { exportPublicJwk } from '../../domain/crypto/keys.ts';
import { exportSignedBackup, exportTallies, type DbError, type RekapDb } from '../../db/index.ts';
import { sealDeviceAudit } from '../../sync/auditSealer.ts';
import { deviceKeyPair } from '../../sync/deviceKey.ts';
import { downloadJson, slug } from '../common/files.ts';
import { fileTimestamp } from '../common/format.ts';

export function backupFileName(setup: Setup | null, now: Date = new Date()): string {
  const kec = setup ? slug(setup.kecamatan.name) || setup.kecamatan.code : 'tanpa-setup';
  return `rekap-backup-${kec}-${fileTimestamp(now)}.json`;
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
  const backup = await exportSignedBackup(db, { privateKey: pair.privateKey, publicKey: await exportPublicJwk(pair.publicKey), seal: () => sealDeviceAudit(db) });
  const name = backupFileName(setup);
  downloadJson(name, backup);
  return name;
}

export async function downloadTallies(db: RekapDb, setup: Setup): Promise<{ ok: true; name: string } | { ok: false; error: DbError }> {
  const file = await exportTallies(db);
  if (!file.ok) return { ok: false, error: file.error };
  const name = talliesFileName(setup);
  downloadJson(name, file.value);
  return { ok: true, name };
}
