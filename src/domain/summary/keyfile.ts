import { z } from 'zod';
import { PublicKeyJwkSchema, signText, verifyText, type PublicKeyJwk } from '../crypto/keys.ts';

/**
 * A signing key kept in a file, for scripted use (`rekap keygen`, `rekap sign-summary`). Browsers
 * keep theirs non-extractable in IndexedDB; a file key is only as safe as the file, hence mode 0600.
 */
export const PrivateKeyJwkSchema = PublicKeyJwkSchema.extend({
  d: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type PrivateKeyJwk = z.infer<typeof PrivateKeyJwkSchema>;

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** The defining members only: a file's extra members (key_ops, kid, …) never reach a signed document. */
export function publicPart(jwk: PublicKeyJwk | PrivateKeyJwk): PublicKeyJwk {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

export async function exportPrivateJwk(key: CryptoKey): Promise<PrivateKeyJwk> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', key);
  return PrivateKeyJwkSchema.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d });
}

/**
 * Imports the private key (non-extractable from here on) and proves that it belongs to the public
 * part of the same file, so a damaged or spliced key file cannot sign under someone else's name.
 * Null when the file's numbers are not a P-256 key pair.
 */
export async function importPrivateJwk(jwk: PrivateKeyJwk): Promise<CryptoKey | null> {
  try {
    const key = await globalThis.crypto.subtle.importKey('jwk', { ...jwk, ext: false }, ALGORITHM, false, ['sign']);
    const probe = 'rekap key file self-test';
    const signature = await signText(key, 'rekap.keycheck/v1', probe);
    return (await verifyText(publicPart(jwk), 'rekap.keycheck/v1', probe, signature)) ? key : null;
  } catch {
    return null;
  }
}
