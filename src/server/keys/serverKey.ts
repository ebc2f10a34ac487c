import { canonicalJson } from '../../domain/canonical/json.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { exportPublicJwk, fingerprint, signText, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
import type { Storage, StoredServerKey } from '../storage/types.ts';
import type { KeySecret, KeySecretSource } from './keySecret.ts';
import { readStoredPrivateKey, sealPrivateKey, unsealPrivateKey } from './sealedKey.ts';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The server's ECDSA P-256 key: it attests which device key belongs to which role and kecamatan. */
export interface ServerKey {
  publicJwk: PublicKeyJwk;
  fingerprint: string;
  sign(domain: string, value: unknown): Promise<string>;
}

/** The server key could not be opened; nothing stored was changed. Thrown by loadServerKey. */
export class ServerKeyError extends Error {
  constructor(readonly text: LocalizedText) {
    super(text.en);
    this.name = 'ServerKeyError';
  }
}

/** openServerKey, throwing ServerKeyError (the CLI turns it into its message and exit code). */
export async function loadServerKey(storage: Storage, secrets: KeySecretSource, now: () => Date = () => new Date()): Promise<ServerKey> {
  const opened = await openServerKey(storage, secrets, now);
  if (!opened.ok) throw new ServerKeyError(opened.error);
  return opened.value;
}

/**
 * Loads the key from the storage, creating it (sealed) on the very first start. It lives in the
 * database (not beside it) so that several servers on one PostgreSQL sign with the same key; its
 * private half is sealed with the secret from `secrets` (docs/deployment.md, "Secrets at rest"). A
 * key stored plain by an older version is sealed now. Nothing is ever regenerated or overwritten
 * when the secret is missing or wrong: every enrolled device pinned this key's fingerprint.
 */
export async function openServerKey(storage: Storage, secrets: KeySecretSource, now: () => Date = () => new Date()): Promise<Result<ServerKey, LocalizedText>> {
  const read = await secrets.read();
  if (!read.ok) return read;
  let secret: KeySecret | null = read.value;
  // Only a first start (no key yet) or sealing a plain key may create the default secret file.
  const secretToSeal = async (): Promise<KeySecret> => {
    if (secret) return secret;
    const created = await secrets.create();
    if (!created.ok) throw new ServerKeyError(created.error);
    secret = created.value;
    return secret;
  };
  let stored: StoredServerKey;
  try {
    stored = await storage.serverKey(async () => generateServerKey(await secretToSeal(), now()));
    const current = readStoredPrivateKey(stored.privateKey);
    if (current.kind === 'plain') {
      // A private half that is not the stored public key's would sign what devices cannot verify.
      if (current.jwk.x !== stored.publicJwk.x || current.jwk.y !== stored.publicJwk.y) return err(damaged());
      stored = await sealPlainKey(storage, stored, current.jwk, await secretToSeal());
    }
  } catch (error) {
    if (error instanceof ServerKeyError) return err(error.text);
    throw error;
  }
  return unseal(stored, secret, secrets.describe);
}

async function generateServerKey(secret: KeySecret, at: Date): Promise<StoredServerKey> {
  const pair = await globalThis.crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  const publicJwk = await exportPublicJwk(pair.publicKey);
  const createdAt = at.toISOString();
  return { privateKey: await sealPrivateKey(secret, privateJwk, publicJwk, createdAt), publicJwk, createdAt };
}

/** The same key, sealed; when several processes do this at once one write wins and all use it. */
async function sealPlainKey(storage: Storage, stored: StoredServerKey, jwk: JsonWebKey, secret: KeySecret): Promise<StoredServerKey> {
  const sealed = await sealPrivateKey(secret, jwk, stored.publicJwk, stored.createdAt);
  if (await storage.resealServerKey(stored.privateKey, sealed)) return { ...stored, privateKey: sealed };
  return storage.serverKey(() => Promise.reject(new Error('the server key vanished while it was sealed')));
}

async function unseal(stored: StoredServerKey, secret: KeySecret | null, where: string): Promise<Result<ServerKey, LocalizedText>> {
  const current = readStoredPrivateKey(stored.privateKey);
  if (current.kind !== 'sealed') return err(damaged());
  if (!secret) {
    return err(
      text(
        `Kunci tanda tangan server di basis data terenkripsi dengan rahasia ${current.sealed.secretId}, tetapi rahasia itu tidak ada (${where}; atau REKAP_KEY_SECRET). Pulihkan berkas rahasia itu atau isi REKAP_KEY_SECRET dengan rahasia yang sama. Kunci TIDAK dibuat ulang: sidiknya dipegang setiap perangkat terdaftar.`,
        `The server's signing key in the database is sealed with secret ${current.sealed.secretId}, but that secret is missing (${where}; or REKAP_KEY_SECRET). Restore that secret file or set REKAP_KEY_SECRET to the same secret. The key was NOT regenerated: every enrolled device pinned its fingerprint.`,
      ),
    );
  }
  const opened = await unsealPrivateKey(secret, current.sealed, stored.publicJwk, stored.createdAt);
  if (!opened.ok) {
    if (opened.error.kind === 'damaged') return err(damaged());
    return err(
      text(
        `Rahasia kunci server dari ${secret.source} (rahasia ${secret.id}) bukan rahasia yang mengenkripsi kunci di basis data (rahasia ${opened.error.storedSecretId}). Server tidak dimulai; kunci tersimpan tidak diubah. Semua proses server pada satu basis data harus memakai rahasia yang sama.`,
        `The server key secret from ${secret.source} (secret ${secret.id}) is not the one that sealed the key in the database (secret ${opened.error.storedSecretId}). The server did not start; the stored key is unchanged. Every server process on one database must use the same secret.`,
      ),
    );
  }
  return ok(await serverKeyFrom(opened.value, stored.publicJwk));
}

const damaged = () =>
  text(
    'Kunci tanda tangan server di basis data rusak atau telah diubah (tidak dapat dibuka). Server tidak dimulai; pulihkan basis data dari cadangan.',
    "The server's signing key in the database is damaged or was changed (it cannot be opened). The server did not start; restore the database from a backup.",
  );

async function serverKeyFrom(privateJwk: JsonWebKey, publicJwk: PublicKeyJwk): Promise<ServerKey> {
  const privateKey = await globalThis.crypto.subtle.importKey('jwk', privateJwk, ALGORITHM, false, ['sign']);
  return {
    publicJwk,
    fingerprint: await fingerprint(publicJwk),
    sign: (domain, value) => signText(privateKey, domain, canonicalJson(value)),
  };
}
