import { generateKeyPair } from '../domain/crypto/keys.ts';
import type { RekapDb } from '../db/index.ts';

const KEY_PAIR_ROW = 'keyPair';

/**
 * This browser profile's device key pair (non-extractable ECDSA P-256, kept in IndexedDB), made
 * on first use. It signs the sync ops, the audit chain and the summaries, so it is read from one
 * place.
 */
export async function deviceKeyPair(db: RekapDb): Promise<CryptoKeyPair> {
  const stored = await db.sync.get(KEY_PAIR_ROW);
  if (isKeyPair(stored?.value)) return stored.value;
  // Generated outside the transaction (Web Crypto); a tab that stored one first wins.
  const fresh = await generateKeyPair(false);
  return db.transaction('rw', ['sync'], async () => {
    const again = await db.sync.get(KEY_PAIR_ROW);
    if (isKeyPair(again?.value)) return again.value;
    await db.sync.put({ key: KEY_PAIR_ROW, value: fresh });
    return fresh;
  });
}

function isKeyPair(value: unknown): value is CryptoKeyPair {
  const pair = value as Partial<CryptoKeyPair> | undefined;
  return !!pair && typeof pair === 'object' && !!pair.privateKey && !!pair.publicKey;
}
