import { z } from 'zod';
import { canonicalJson } from '../../domain/canonical/json.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { fromBase64Url, toBase64Url, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
import type { KeySecret } from './keySecret.ts';

/** The versioned form of the server's private key at rest (docs/deployment.md, "Secrets at rest"). */
export const SEALED_KEY_FORMAT = 'rekap.server-key.sealed/v1';

export const SealedKeySchema = z.strictObject({
  format: z.literal(SEALED_KEY_FORMAT),
  /** Which secret sealed it (keySecret.ts `id`): a wrong secret is told apart from a damaged value. */
  secretId: z.string().regex(/^[0-9a-f]{16}$/),
  /** AES-256-GCM nonce, 12 random bytes per sealing. */
  iv: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  /** The private JWK as JSON, encrypted, with GCM's 16-byte tag at the end. */
  ciphertext: z.string().regex(/^[A-Za-z0-9_-]+$/),
});
export type SealedKey = z.infer<typeof SealedKeySchema>;

/** What the stored text of the private key is: sealed (now), a plain JWK (before), or neither. */
export type StoredPrivateKey = { kind: 'sealed'; sealed: SealedKey } | { kind: 'plain'; jwk: JsonWebKey } | { kind: 'unknown' };

const PlainJwkSchema = z.looseObject({ kty: z.literal('EC'), crv: z.literal('P-256'), d: z.string() });

export function readStoredPrivateKey(stored: string): StoredPrivateKey {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return { kind: 'unknown' };
  }
  const sealed = SealedKeySchema.safeParse(value);
  if (sealed.success) return { kind: 'sealed', sealed: sealed.data };
  const plain = PlainJwkSchema.safeParse(value);
  return plain.success ? { kind: 'plain', jwk: plain.data as JsonWebKey } : { kind: 'unknown' };
}

/**
 * The additional authenticated data: the public key and creation time stored beside the sealed
 * value. Swapping in another row's ciphertext, or pairing this one with another public key, fails
 * to open instead of yielding a private key that does not match the key devices pinned.
 */
function associatedData(secretId: string, publicJwk: PublicKeyJwk, createdAt: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${SEALED_KEY_FORMAT}\n${canonicalJson({ secretId, publicJwk, createdAt })}`);
}

export async function sealPrivateKey(secret: KeySecret, privateJwk: JsonWebKey, publicJwk: PublicKeyJwk, createdAt: string): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const plaintext = new TextEncoder().encode(JSON.stringify(privateJwk));
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: associatedData(secret.id, publicJwk, createdAt) },
    secret.key,
    plaintext,
  );
  const sealed: SealedKey = { format: SEALED_KEY_FORMAT, secretId: secret.id, iv: toBase64Url(iv), ciphertext: toBase64Url(new Uint8Array(ciphertext)) };
  return JSON.stringify(sealed);
}

export type UnsealFailure = { kind: 'other-secret'; storedSecretId: string } | { kind: 'damaged' };

/** The private JWK, or why not: sealed with another secret, or changed/damaged (GCM's tag does not hold). */
export async function unsealPrivateKey(secret: KeySecret, sealed: SealedKey, publicJwk: PublicKeyJwk, createdAt: string): Promise<Result<JsonWebKey, UnsealFailure>> {
  if (sealed.secretId !== secret.id) return err({ kind: 'other-secret', storedSecretId: sealed.secretId });
  const iv = fromBase64Url(sealed.iv);
  const ciphertext = fromBase64Url(sealed.ciphertext);
  if (!iv || !ciphertext) return err({ kind: 'damaged' });
  let plaintext: ArrayBuffer;
  try {
    plaintext = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: associatedData(sealed.secretId, publicJwk, createdAt) },
      secret.key,
      ciphertext as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return err({ kind: 'damaged' });
  }
  const parsed = readStoredPrivateKey(new TextDecoder().decode(plaintext));
  return parsed.kind === 'plain' ? ok(parsed.jwk) : err({ kind: 'damaged' });
}
