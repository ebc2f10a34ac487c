import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { text } from '../../domain/common/text.ts';
import { exportPublicJwk, generateKeyPair, importPublicJwk } from '../../domain/crypto/keys.ts';
import { writeFileAtomic } from './atomic.ts';
import { StateError } from './stateError.ts';

const KEY_FORMAT = 'rekap.device-key/v1';
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

const KeyFileSchema = z.object({
  format: z.literal(KEY_FORMAT),
  privateKey: z.record(z.string(), z.unknown()),
  publicKey: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }),
});

/**
 * The headless client's device key pair (`device-key.json`, mode 600), made on first use. Node has
 * no non-extractable key store like IndexedDB, so the private key is a JWK file (docs/sync.md).
 */
export async function loadOrCreateKeyFile(file: string): Promise<CryptoKeyPair> {
  try {
    const parsed = KeyFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
    const privateKey = await globalThis.crypto.subtle.importKey('jwk', parsed.privateKey as JsonWebKey, ALGORITHM, false, ['sign']);
    return { privateKey, publicKey: await importPublicJwk(parsed.publicKey) };
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw new StateError(text(`Berkas kunci ${file} rusak.`, `The key file ${file} is damaged.`));
  }
  const pair = await generateKeyPair(true);
  const privateKey = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
  await writeFileAtomic(file, JSON.stringify({ format: KEY_FORMAT, privateKey, publicKey: await exportPublicJwk(pair.publicKey) }), 0o600);
  return pair;
}
