import { canonicalJson } from '../../domain/canonical/json.ts';
import { exportPublicJwk, fingerprint, signText, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
import type { Storage, StoredServerKey } from '../storage/types.ts';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The server's ECDSA P-256 key: it attests which device key belongs to which role and kecamatan. */
export interface ServerKey {
  publicJwk: PublicKeyJwk;
  fingerprint: string;
  sign(domain: string, value: unknown): Promise<string>;
}

/**
 * Loads the key from the storage, creating it on the very first start. It lives in the database
 * (not beside it) so that several servers on one PostgreSQL sign with the same key.
 */
export async function loadServerKey(storage: Storage, now: () => Date = () => new Date()): Promise<ServerKey> {
  const stored = await storage.serverKey(() => generateServerKey(now()));
  return serverKeyFrom(stored);
}

async function generateServerKey(at: Date): Promise<StoredServerKey> {
  const pair = await globalThis.crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const privateJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  return { privateJwk, publicJwk: await exportPublicJwk(pair.publicKey), createdAt: at.toISOString() };
}

export async function serverKeyFrom(stored: StoredServerKey): Promise<ServerKey> {
  const privateKey = await globalThis.crypto.subtle.importKey('jwk', stored.privateJwk, ALGORITHM, false, ['sign']);
  return {
    publicJwk: stored.publicJwk,
    fingerprint: await fingerprint(stored.publicJwk),
    sign: (domain, value) => signText(privateKey, domain, canonicalJson(value)),
  };
}
