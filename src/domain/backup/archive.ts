import { unzipSync, zipSync, type Zippable } from 'fflate';
import { sha256Hex } from '../canonical/hash.ts';
import { err, ok, type Result } from '../common/result.ts';

/**
 * A backup with photos as one file (issue 17, docs/integrity.md "Signed backups"): a ZIP holding
 * `backup.json` — the signed backup, whose photo rows name each photo by the SHA-256 of its bytes —
 * and `photos/<sha256>`, the bytes. The signature covers the hashes; the archive only carries the
 * bytes, so a restore checks each file against its name, and each photo the backup names against
 * the files. A backup without photos stays a plain JSON file.
 */
export const ARCHIVE_BACKUP_ENTRY = 'backup.json';
const PHOTO_PREFIX = 'photos/';
const SHA256 = /^[0-9a-f]{64}$/;

/** Why an archive is refused (nothing is stored). */
export type ArchiveFailure =
  | { kind: 'not-archive' }
  | { kind: 'no-backup' }
  | { kind: 'unexpected-entry'; name: string }
  | { kind: 'photo-hash'; name: string; actual: string }
  | { kind: 'photo-missing'; sha256: string };

export interface UnpackedArchive {
  /** backup.json as text, to be parsed and checked like a plain backup file. */
  backupJson: string;
  /** The photos' bytes by SHA-256, each checked against its name. */
  photos: Map<string, Uint8Array>;
}

/** A ZIP file starts with a local file header ("PK\x03\x04"), or is an empty archive ("PK\x05\x06"). */
export function isArchive(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/** Packs the signed backup's JSON and the photos' bytes (already JPEG/WebP: stored, not deflated again). */
export function packArchive(backupJson: string, photos: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const files: Zippable = { [ARCHIVE_BACKUP_ENTRY]: [new TextEncoder().encode(backupJson), { level: 6 }] };
  for (const [sha256, bytes] of [...photos].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!SHA256.test(sha256)) throw new RangeError(`packArchive: not a SHA-256: ${sha256}`);
    files[`${PHOTO_PREFIX}${sha256}`] = [bytes, { level: 0 }];
  }
  return zipSync(files, { mtime: new Date('2000-01-01T00:00:00Z') });
}

/** Unpacks an archive, checking every photo's bytes against the hash that names it. */
export async function unpackArchive(bytes: Uint8Array): Promise<Result<UnpackedArchive, ArchiveFailure>> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    return err({ kind: 'not-archive' });
  }
  const json = entries[ARCHIVE_BACKUP_ENTRY];
  if (!json) return err({ kind: 'no-backup' });
  const photos = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    if (name === ARCHIVE_BACKUP_ENTRY || name.endsWith('/')) continue;
    const sha256 = name.startsWith(PHOTO_PREFIX) ? name.slice(PHOTO_PREFIX.length) : '';
    if (!SHA256.test(sha256)) return err({ kind: 'unexpected-entry', name });
    const actual = await sha256Hex(data);
    if (actual !== sha256) return err({ kind: 'photo-hash', name, actual });
    photos.set(sha256, data);
  }
  let backupJson: string;
  try {
    backupJson = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    return err({ kind: 'no-backup' });
  }
  return ok({ backupJson, photos });
}

/** Every photo the backup names is in the archive (extra files are harmless, but none may be missing). */
export function missingPhoto(named: readonly string[], photos: ReadonlyMap<string, Uint8Array>): ArchiveFailure | null {
  const absent = named.find((sha256) => !photos.has(sha256));
  return absent ? { kind: 'photo-missing', sha256: absent } : null;
}
