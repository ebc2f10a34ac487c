import type { ChainHead } from '../domain/audit/index.ts';
import { exportPublicJwk, keyHash } from '../domain/crypto/keys.ts';
import { sealAudit, type RekapDb } from '../db/index.ts';
import { deviceKeyPair } from './deviceKey.ts';

/**
 * Seals this device's audit trail (src/db/audit.ts) with its device key: every change written so
 * far is chained and signed before this resolves. Calls in one tab run one after another (a second
 * call waits for the first and then seals what came since); other tabs are kept apart by sealAudit's
 * own check. Await it before reading the audit head for a summary, or before pushing entries.
 */
export function sealDeviceAudit(db: RekapDb): Promise<ChainHead | null> {
  const previous = running.get(db) ?? Promise.resolve(null);
  const next = previous.catch(() => null).then(async () => sealAudit(db, await deviceOf(db)));
  running.set(db, next);
  return next;
}

const running = new WeakMap<RekapDb, Promise<ChainHead | null>>();
const devices = new WeakMap<RekapDb, Promise<{ keyHash: string; privateKey: CryptoKey }>>();

/** The device key and its hash, read once per database (the pair never changes while it is open). */
function deviceOf(db: RekapDb): Promise<{ keyHash: string; privateKey: CryptoKey }> {
  let device = devices.get(db);
  if (!device) {
    device = (async () => {
      const pair = await deviceKeyPair(db);
      return { keyHash: await keyHash(await exportPublicJwk(pair.publicKey)), privateKey: pair.privateKey };
    })();
    device.catch(() => devices.delete(db));
    devices.set(db, device);
  }
  return device;
}
