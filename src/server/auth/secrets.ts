import { randomBytes, randomUUID } from 'node:crypto';
import { sha256Hex } from '../../domain/canonical/hash.ts';
import { toBase64Url } from '../../domain/crypto/keys.ts';

/** A bearer token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newToken(): string {
  return toBase64Url(randomBytes(32));
}

export async function tokenHash(token: string): Promise<string> {
  return sha256Hex(`rekap.token/v1\n${token}`);
}

export function newDeviceId(): string {
  return randomUUID();
}

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 10;

/**
 * A one-time enrolment code: 10 base32 characters (50 random bits) shown as two groups of five,
 * e.g. "7KQ2M-XD4RB". Enrolment codes expire and are used once, so 50 bits are plenty.
 */
export function newEnrolCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * What the person typed, made comparable: case, spaces and dashes ignored, and the letters people
 * confuse with digits (O, I, L) read as the digits. null when it cannot be a code.
 */
export function normaliseEnrolCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) return null;
  for (const ch of cleaned) if (!ALPHABET.includes(ch)) return null;
  return cleaned;
}

export async function enrolCodeHash(normalised: string): Promise<string> {
  return sha256Hex(`rekap.enrol-code/v1\n${normalised}`);
}
