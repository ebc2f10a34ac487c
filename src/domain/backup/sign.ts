import { canonicalJson } from '../canonical/json.ts';
import { sha256Hex } from '../canonical/hash.ts';
import { signText } from '../crypto/keys.ts';
import { BACKUP_SIGNATURE_DOMAIN } from './format.ts';

/**
 * The backup's hash: SHA-256 of the canonical JSON of every member but `signature`. The signature
 * is over this hash (like an audit entry's), so the restore can name the backup by it. Null when
 * the members have no canonical JSON (a lone surrogate in a hand-edited file).
 */
export async function backupHash(file: Readonly<Record<string, unknown>>): Promise<string | null> {
  const { signature: _signature, ...signed } = file;
  let json: string;
  try {
    json = canonicalJson(signed);
  } catch {
    return null;
  }
  return sha256Hex(json);
}

/** Signs a backup body (everything but the signature) with the device key; returns the file. */
export async function signBackup<T extends Record<string, unknown>>(body: T, privateKey: CryptoKey): Promise<T & { signature: string }> {
  const hash = await backupHash(body);
  if (hash === null) throw new TypeError('backup body has no canonical JSON');
  return { ...body, signature: await signText(privateKey, BACKUP_SIGNATURE_DOMAIN, hash) };
}
