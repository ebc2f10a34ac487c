import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sha256Hex } from '../../domain/canonical/hash.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';

/**
 * The key-encryption key that seals the server's private signing key in the database
 * (docs/deployment.md, "Secrets at rest"). 32 random bytes, not a passphrase: a random key needs
 * no slow key-derivation function (every worker process opens it at start), and a person cannot
 * choose a weak one. HKDF only separates its use (sealing) from its public id.
 */
export interface KeySecret {
  /** AES-256-GCM key derived from the secret (HKDF-SHA-256, info "rekap.server-key-seal/v1"). */
  key: CryptoKey;
  /** 16 hex digits naming the secret (not revealing it), stored with the sealed key. */
  id: string;
  /** Where it came from, for messages: "REKAP_KEY_SECRET" or a file path. */
  source: string;
}

/** Where the secret comes from; `create` only for the default file of the data folder. */
export interface KeySecretSource {
  /** Where it is looked for, for messages. */
  describe: string;
  /** The secret; null when the default file does not exist (yet). */
  read(): Promise<Result<KeySecret | null, LocalizedText>>;
  /** A new secret written to the default file (or the one another process wrote first). */
  create(): Promise<Result<KeySecret, LocalizedText>>;
}

export const KEY_SECRET_ENV = 'REKAP_KEY_SECRET';
export const KEY_SECRET_FILE_ENV = 'REKAP_KEY_SECRET_FILE';
export const KEY_SECRET_FILE = 'server-key.secret';
const SECRET_BYTES = 32;

/**
 * REKAP_KEY_SECRET (the secret itself), else REKAP_KEY_SECRET_FILE (a file that must exist, e.g. a
 * systemd credential), else `<data folder>/server-key.secret`, created 0600 on the first start.
 * Every process sharing one database must be given the same secret.
 */
export function keySecretSource(options: { env?: NodeJS.ProcessEnv; dataDir: string }): KeySecretSource {
  const env = options.env ?? process.env;
  const value = env[KEY_SECRET_ENV]?.trim();
  if (value) {
    const secret = () => importSecret(value, KEY_SECRET_ENV);
    return { describe: KEY_SECRET_ENV, read: secret, create: async () => requireSecret(await secret()) };
  }
  const named = env[KEY_SECRET_FILE_ENV]?.trim();
  if (named) {
    const file = resolve(named);
    const read = () => readSecretFile(file, false);
    return { describe: file, read, create: async () => requireSecret(await read()) };
  }
  const file = join(resolve(options.dataDir), KEY_SECRET_FILE);
  return { describe: file, read: () => readSecretFile(file, true), create: () => createSecretFile(file) };
}

/** A secret given as bytes (tests, tools); never written anywhere. */
export function fixedKeySecret(bytes: Uint8Array, source = 'fixed'): KeySecretSource {
  const read = () => importSecretBytes(bytes, source).then(ok);
  return { describe: source, read, create: read };
}

const notFound = (e: unknown) => (e as { code?: string }).code === 'ENOENT';

function requireSecret(result: Result<KeySecret | null, LocalizedText>): Result<KeySecret, LocalizedText> {
  if (!result.ok) return result;
  if (result.value === null) throw new Error('a named secret is never missing');
  return ok(result.value);
}

async function readSecretFile(file: string, mayBeMissing: boolean): Promise<Result<KeySecret | null, LocalizedText>> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (error) {
    if (notFound(error) && mayBeMissing) return ok(null);
    return err(text(`Berkas rahasia kunci server ${file} tidak dapat dibaca.`, `The server key secret file ${file} cannot be read.`));
  }
  // Windows has no such modes; elsewhere another user able to read the file has the secret.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(4, '0');
    return err(
      text(
        `Berkas rahasia kunci server ${file} dapat diakses pengguna lain (mode ${shown}). Server tidak dimulai. Batasi dulu: chmod 600 ${file}`,
        `The server key secret file ${file} is accessible to other users (mode ${shown}). The server did not start. Restrict it first: chmod 600 ${file}`,
      ),
    );
  }
  return importSecret(await readFile(file, 'utf8'), file);
}

/**
 * Writes a fresh secret to a temporary file (0600) and links it into place: the name appears with
 * its whole content or not at all, and a process that loses the race reads the winner's.
 */
async function createSecretFile(file: string): Promise<Result<KeySecret, LocalizedText>> {
  const dir = resolve(file, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(SECRET_BYTES).toString('base64')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // A umask narrower than 0600 cannot widen it; this only guards against odd file systems.
  await chmod(temp, 0o600);
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp);
  }
  return requireSecret(await readSecretFile(file, false));
}

/** 64 hex digits, or 32 bytes in base64 / base64url (what `openssl rand -base64 32` prints). */
async function importSecret(value: string, source: string): Promise<Result<KeySecret, LocalizedText>> {
  const trimmed = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
      : null;
  if (!bytes || bytes.length !== SECRET_BYTES) {
    return err(
      text(
        `Rahasia kunci server dari ${source} tidak sah: harus 32 bita acak dalam base64 atau 64 digit heksadesimal (buat dengan: openssl rand -base64 32).`,
        `The server key secret from ${source} is not valid: it must be 32 random bytes in base64 or 64 hex digits (make one with: openssl rand -base64 32).`,
      ),
    );
  }
  return ok(await importSecretBytes(bytes, source));
}

async function importSecretBytes(bytes: Uint8Array, source: string): Promise<KeySecret> {
  const raw = bytes as Uint8Array<ArrayBuffer>;
  const material = await globalThis.crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
  const key = await globalThis.crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('rekap.server-key-seal/v1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const id = (await sha256Hex(new Uint8Array([...new TextEncoder().encode('rekap.key-secret-id/v1\n'), ...raw]))).slice(0, 16);
  return { key, id, source };
}
