import { z } from 'zod';
import { canonicalJson } from '../canonical/json.ts';
import { sha256Hex } from '../canonical/hash.ts';

/**
 * ECDSA P-256 with SHA-256 through Web Crypto (browsers and Node 20 alike). Signatures are the raw
 * IEEE P1363 form (r‖s, 64 bytes) Web Crypto produces, carried as base64url.
 */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A P-256 public key as JWK, only the members that define it (so it hashes the same everywhere). */
export const PublicKeyJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type PublicKeyJwk = z.infer<typeof PublicKeyJwkSchema>;

export const SignatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'base64url ECDSA P-256 signature');

/** A device's key pair; in the browser the private key is non-extractable (kept in IndexedDB). */
export async function generateKeyPair(extractable = false): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(ALGORITHM, extractable, ['sign', 'verify']);
}

export async function exportPublicJwk(key: CryptoKey): Promise<PublicKeyJwk> {
  const jwk = await globalThis.crypto.subtle.exportKey('jwk', key);
  return PublicKeyJwkSchema.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
}

export async function importPublicJwk(jwk: PublicKeyJwk): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('jwk', { ...jwk, ext: true }, ALGORITHM, true, ['verify']);
}

/**
 * Signs `domain + "\n" + message`: the domain-separation prefix (e.g. "rekap.op/v1") makes a
 * signature made for one purpose useless for any other.
 */
export async function signText(privateKey: CryptoKey, domain: string, message: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${domain}\n${message}`);
  const signature = await globalThis.crypto.subtle.sign(SIGN, privateKey, bytes);
  return toBase64Url(new Uint8Array(signature));
}

export async function verifyText(publicKey: CryptoKey | PublicKeyJwk, domain: string, message: string, signature: string): Promise<boolean> {
  const key = isCryptoKey(publicKey) ? publicKey : await importPublicJwk(publicKey);
  const bytes = new TextEncoder().encode(`${domain}\n${message}`);
  const sig = fromBase64Url(signature);
  if (sig === null || sig.length !== 64) return false;
  return globalThis.crypto.subtle.verify(SIGN, key, sig as Uint8Array<ArrayBuffer>, bytes);
}

/** SHA-256 of the canonical public key: its identity (e.g. in change feeds and signer blocks). */
export async function keyHash(jwk: PublicKeyJwk): Promise<string> {
  return sha256Hex(canonicalJson(PublicKeyJwkSchema.parse(jwk)));
}

/** Short fingerprint to show and compare by eye: the first 16 hex digits in groups of 4. */
export async function fingerprint(jwk: PublicKeyJwk): Promise<string> {
  return fingerprintOfKeyHash(await keyHash(jwk));
}

/** The same fingerprint from a key hash (audit entries name their device by it). */
export function fingerprintOfKeyHash(hex: string): string {
  return (hex.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ').toUpperCase();
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
