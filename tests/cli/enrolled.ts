import { join } from 'node:path';
import type { Hono } from 'hono';
import { EnrolResponseSchema, type EnrolResponse } from '../../src/api/index.ts';
import { exportPublicJwk, generateKeyPair, type PublicKeyJwk } from '../../src/domain/crypto/keys.ts';
import { createApp } from '../../src/server/app.ts';
import type { AppEnv } from '../../src/server/context.ts';
import { silentLogger } from '../../src/server/http/log.ts';
import { keySecretSource } from '../../src/server/keys/keySecret.ts';
import { loadServerKey } from '../../src/server/keys/serverKey.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';

export interface EnrolledDevice {
  app: Hono<AppEnv>;
  enrolment: EnrolResponse;
  keys: CryptoKeyPair;
  publicKey: PublicKeyJwk;
}

/**
 * Enrols a device with `code` through the real app on the CLI's data folder (the SQLite file
 * `rekap server init` made), runs `body` while the storage is open, then closes it for the CLI.
 */
export async function withEnrolledDevice<T>(dataDir: string, code: string, body: (device: EnrolledDevice) => Promise<T>): Promise<T> {
  const storage = await openSqliteStorage(join(dataDir, 'rekap.sqlite'));
  try {
    const app = createApp({ storage, serverKey: await loadServerKey(storage, keySecretSource({ dataDir, env: {} })), log: silentLogger });
    const keys = await generateKeyPair();
    const publicKey = await exportPublicJwk(keys.publicKey);
    const res = await app.request('/api/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Laptop ketua', publicKey }) });
    const enrolment = EnrolResponseSchema.parse(await res.json());
    return await body({ app, enrolment, keys, publicKey });
  } finally {
    await storage.close();
  }
}
