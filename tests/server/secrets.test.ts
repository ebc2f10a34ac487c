import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnrolResponseSchema } from '../../src/api/index.ts';
import { exportPublicJwk, fingerprint, generateKeyPair, verifyText } from '../../src/domain/crypto/keys.ts';
import { ensureDemo } from '../../src/server/demo.ts';
import { silentLogger } from '../../src/server/http/log.ts';
import { fixedKeySecret, keySecretSource, KEY_SECRET_FILE } from '../../src/server/keys/keySecret.ts';
import { readStoredPrivateKey, SealedKeySchema } from '../../src/server/keys/sealedKey.ts';
import { loadServerKey, openServerKey } from '../../src/server/keys/serverKey.ts';
import { startServer } from '../../src/server/start.ts';
import { openStorage, SQLITE_FILE } from '../../src/server/storage/open.ts';
import type { Storage, StoredServerKey } from '../../src/server/storage/types.ts';
import { startServerProcess } from './processes.ts';
import { STORAGE_CASES, type OpenedStorage } from './storages.ts';
import { CODE_LENGTH, newEnrolCode, newToken, normaliseEnrolCode } from '../../src/server/auth/secrets.ts';

describe('enrolment codes and tokens', () => {
  it('codes are two groups of five unambiguous characters, different every time', () => {
    const codes = Array.from({ length: 200 }, newEnrolCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('reads a code however it was typed: case, spaces, dashes, and O/I/L for 0/1', () => {
    expect(normaliseEnrolCode('7kq2m xd4rb')).toBe('7KQ2MXD4RB');
    expect(normaliseEnrolCode('O1L2I-ABCDE')).toBe('01121ABCDE');
    expect(normaliseEnrolCode('7KQ2M-XD4R')).toBeNull();
    expect(normaliseEnrolCode('7KQ2M-XD4RU')).toBeNull();
    expect(normaliseEnrolCode('7KQ2M-XD4R!')).toBeNull();
    expect(normaliseEnrolCode(newEnrolCode())).toHaveLength(CODE_LENGTH);
  });

  it('tokens carry 32 random bytes', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
  });
});

const secretA = fixedKeySecret(new Uint8Array(32).fill(1), 'secret A');
const secretB = fixedKeySecret(new Uint8Array(32).fill(2), 'secret B');

/** The key row as stored (serverKey never calls `create` once a key exists). */
const storedKey = (storage: Storage): Promise<StoredServerKey> => storage.serverKey(() => Promise.reject(new Error('no key stored')));

/** What a version before sealing stored: the private JWK in clear. */
async function storePlainKey(storage: Storage): Promise<string> {
  const pair = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const publicJwk = await exportPublicJwk(pair.publicKey);
  const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  await storage.serverKey(async () => ({ privateKey: JSON.stringify(privateJwk), publicJwk, createdAt: '2024-02-01T00:00:00.000Z' }));
  return fingerprint(publicJwk);
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe.each(STORAGE_CASES)('server key sealed at rest ($name)', (storageCase) => {
  let opened: OpenedStorage;
  beforeEach(async () => {
    opened = await storageCase.open();
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('stores a new key sealed (AES-256-GCM, versioned, naming its secret), never the private JWK in clear', async () => {
    const key = await loadServerKey(opened.storage, secretA);
    const stored = await storedKey(opened.storage);
    const sealed = SealedKeySchema.parse(JSON.parse(stored.privateKey));
    expect(sealed.format).toBe('rekap.server-key.sealed/v1');
    expect(stored.privateKey).not.toMatch(/"d"|"kty"/);
    expect(await fingerprint(stored.publicJwk)).toBe(key.fingerprint);
    // The same key opens again, and it signs what its public half verifies.
    const again = await loadServerKey(opened.storage, secretA);
    expect(again.fingerprint).toBe(key.fingerprint);
    const signature = await again.sign('rekap.test/v1', { a: 1 });
    expect(await verifyText(key.publicJwk, 'rekap.test/v1', '{"a":1}', signature)).toBe(true);
  });

  it('seals a key an older version stored in clear on the next start, keeping the same key (fingerprint)', async () => {
    const pinned = await storePlainKey(opened.storage);
    expect(readStoredPrivateKey((await storedKey(opened.storage)).privateKey).kind).toBe('plain');
    // Two processes starting at once both seal it; one write wins and both use the same key.
    const [one, two] = await Promise.all([loadServerKey(opened.storage, secretA), loadServerKey(opened.storage, secretA)]);
    expect([one.fingerprint, two.fingerprint]).toEqual([pinned, pinned]);
    expect(readStoredPrivateKey((await storedKey(opened.storage)).privateKey).kind).toBe('sealed');
    expect((await loadServerKey(opened.storage, secretA)).fingerprint).toBe(pinned);
  });

  it('refuses a plain key whose private half is not the stored public key, and does not seal it', async () => {
    const one = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const two = await globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', one.privateKey);
    await opened.storage.serverKey(async () => ({ privateKey: JSON.stringify(privateJwk), publicJwk: await exportPublicJwk(two.publicKey), createdAt: '2024-02-01T00:00:00.000Z' }));
    const before = await storedKey(opened.storage);
    const refused = await openServerKey(opened.storage, secretA);
    expect(refused.ok ? null : refused.error.en).toMatch(/damaged or was changed/);
    expect(await storedKey(opened.storage)).toEqual(before);
  });

  it('refuses a wrong secret in words, and leaves the stored key exactly as it was', async () => {
    const key = await loadServerKey(opened.storage, secretA);
    const before = await storedKey(opened.storage);
    const refused = await openServerKey(opened.storage, secretB);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.en).toMatch(/secret B .*is not the one that sealed the key.*unchanged/);
    expect(refused.error.id).toMatch(/bukan rahasia yang mengenkripsi kunci/);
    expect(await storedKey(opened.storage)).toEqual(before);
    expect((await loadServerKey(opened.storage, secretA)).fingerprint).toBe(key.fingerprint);
  });

  it('refuses a sealed key that was changed in the database (the GCM tag or the public key no longer match)', async () => {
    await loadServerKey(opened.storage, secretA);
    const before = await storedKey(opened.storage);
    const sealed = SealedKeySchema.parse(JSON.parse(before.privateKey));
    const flipped = sealed.ciphertext.startsWith('A') ? `B${sealed.ciphertext.slice(1)}` : `A${sealed.ciphertext.slice(1)}`;
    const changed = JSON.stringify({ ...sealed, ciphertext: flipped });
    expect(await opened.storage.resealServerKey(before.privateKey, changed)).toBe(true);
    const refused = await openServerKey(opened.storage, secretA);
    expect(refused.ok ? null : refused.error.en).toMatch(/damaged or was changed/);
  });
});

describe('the key secret from the environment or the data folder', () => {
  let dir: string;
  let opened: Storage | null = null;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rekap-secret-'));
  });
  afterEach(async () => {
    await opened?.close();
    opened = null;
    await rm(dir, { recursive: true, force: true });
  });
  const open = async (dataDir = dir) => (opened = await openStorage({ dataDir }));

  it('creates <data>/server-key.secret 0600 on the first start, and opens the key with it afterwards', async () => {
    const storage = await open();
    const key = await loadServerKey(storage, keySecretSource({ dataDir: dir, env: {} }));
    expect(await modeOf(join(dir, KEY_SECRET_FILE))).toBe(0o600);
    // A process started with the same secret in the environment (another host) opens the same key.
    const { readFile } = await import('node:fs/promises');
    const env = { REKAP_KEY_SECRET: (await readFile(join(dir, KEY_SECRET_FILE), 'utf8')).trim() };
    expect((await loadServerKey(storage, keySecretSource({ dataDir: '/nonexistent', env }))).fingerprint).toBe(key.fingerprint);
  });

  it('refuses a secret file other users can read, a missing one once the key is sealed, and a malformed one; nothing is regenerated', async () => {
    const storage = await open();
    const source = keySecretSource({ dataDir: dir, env: {} });
    const key = await loadServerKey(storage, source);
    const file = join(dir, KEY_SECRET_FILE);
    const stored = await storedKey(storage);

    await chmod(file, 0o644);
    const readable = await openServerKey(storage, source);
    expect(readable.ok ? null : readable.error).toMatchObject({ en: expect.stringMatching(/accessible to other users \(mode 0644\).*chmod 600/), id: expect.stringMatching(/dapat diakses pengguna lain/) });

    // Another host pointed at the same database without the secret: refused, no new secret, no new key.
    const elsewhere = join(dir, 'elsewhere');
    const missing = await openServerKey(storage, keySecretSource({ dataDir: elsewhere, env: {} }));
    expect(missing.ok ? null : missing.error.en).toMatch(/sealed with secret [0-9a-f]{16}, but that secret is missing.*NOT regenerated/);
    await expect(stat(join(elsewhere, KEY_SECRET_FILE))).rejects.toThrow();

    const malformed = await openServerKey(storage, keySecretSource({ dataDir: dir, env: { REKAP_KEY_SECRET: 'hunter2' } }));
    expect(malformed.ok ? null : malformed.error.en).toMatch(/REKAP_KEY_SECRET is not valid.*openssl rand -base64 32/);
    const namedMissing = await openServerKey(storage, keySecretSource({ dataDir: dir, env: { REKAP_KEY_SECRET_FILE: join(dir, 'nope') } }));
    expect(namedMissing.ok).toBe(false);

    expect(await storedKey(storage)).toEqual(stored);
    await chmod(file, 0o600);
    expect((await loadServerKey(storage, source)).fingerprint).toBe(key.fingerprint);
  });

  it('takes REKAP_KEY_SECRET as base64 or hex of 32 bytes', async () => {
    const storage = await open();
    const bytes = randomBytes(32);
    const key = await loadServerKey(storage, keySecretSource({ dataDir: dir, env: { REKAP_KEY_SECRET: bytes.toString('base64') } }));
    const hex = await loadServerKey(storage, keySecretSource({ dataDir: dir, env: { REKAP_KEY_SECRET: bytes.toString('hex') } }));
    expect(hex.fingerprint).toBe(key.fingerprint);
    // No file was written: the environment named the secret.
    expect(await readdir(dir)).not.toContain(KEY_SECRET_FILE);
  });
});

describe('files at rest', () => {
  let dir: string;
  let umask: number;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rekap-modes-'));
    // The usual shell umask: without care, files come out 0644 and folders 0755.
    umask = process.umask(0o022);
  });
  afterEach(async () => {
    process.umask(umask);
    await rm(dir, { recursive: true, force: true });
  });

  it('a server started on an older 0755 folder with 0644 files leaves the folder 0700 and every file 0600 after writes', async () => {
    const data = join(dir, 'data');
    await mkdir(data, { mode: 0o755 });
    await chmod(data, 0o755);
    // The database as an older version left it (created by SQLite under umask 022).
    const first = await openStorage({ dataDir: data });
    await first.close();
    await chmod(join(data, SQLITE_FILE), 0o644);
    await writeFile(join(data, `${SQLITE_FILE}-wal`), '');
    await chmod(join(data, `${SQLITE_FILE}-wal`), 0o644);

    const storage = await openStorage({ dataDir: data });
    const running = await startServer({ storage, keySecret: keySecretSource({ dataDir: data, env: {} }), port: 0, host: '127.0.0.1', staticDir: dir, log: silentLogger });
    try {
      const demo = await ensureDemo(storage);
      const keys = await generateKeyPair();
      const res = await fetch(`${running.url}/api/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: demo.chairCode.code, deviceName: 'Laptop ketua', publicKey: await exportPublicJwk(keys.publicKey) }),
      });
      expect(res.status).toBe(200);
      EnrolResponseSchema.parse(await res.json());
      const files = await readdir(data);
      expect(files).toEqual(expect.arrayContaining([SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`, KEY_SECRET_FILE]));
      expect(await modeOf(data)).toBe(0o700);
      for (const name of files) expect([name, await modeOf(join(data, name))]).toEqual([name, 0o600]);
    } finally {
      await running.close();
      await storage.close();
    }
  });
});

describe('rekap server start with the key secret', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rekap-start-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('starts --demo with no setup (secret file made), and refuses in words to start with a wrong or exposed secret', { timeout: 60_000 }, async () => {
    const data = join(dir, 'data');
    const server = await startServerProcess(['--demo', '--data-dir', data, '--lang', 'en']);
    const fingerprintLine = /server key fingerprint: ([0-9A-F ]+)/.exec(server.stderr())?.[1];
    await server.stop();
    expect(fingerprintLine).toBeDefined();
    expect(await modeOf(join(data, KEY_SECRET_FILE))).toBe(0o600);
    expect(await modeOf(data)).toBe(0o700);

    const wrong = startServerProcess(['--demo', '--data-dir', data, '--lang', 'en'], { REKAP_KEY_SECRET: randomBytes(32).toString('base64') });
    await expect(wrong).rejects.toThrow(/is not the one that sealed the key in the database/);

    await chmod(join(data, KEY_SECRET_FILE), 0o640);
    await expect(startServerProcess(['--data-dir', data, '--lang', 'id'])).rejects.toThrow(/dapat diakses pengguna lain \(mode 0640\)/);

    await chmod(join(data, KEY_SECRET_FILE), 0o600);
    const again = await startServerProcess(['--data-dir', data, '--lang', 'en']);
    expect(again.stderr()).toContain(`server key fingerprint: ${fingerprintLine}`);
    await again.stop();
  });
});
