import { z } from 'zod';
import { canonicalJson } from '../domain/canonical/json.ts';
import { KecamatanCodeSchema } from '../domain/codes/codes.ts';
import { SignatureSchema } from '../domain/crypto/keys.ts';
import { HashSchema } from './ops.ts';

/**
 * Privileged requests (minting enrolment codes, revoking devices) carry, besides the bearer token,
 * a signature by the device key the chair enrolled with (docs/integrity.md, "What is signed"): a
 * token stolen from a laptop or a log is not enough to let anyone in. The signed message names
 * what the request does (method, path, the SHA-256 of the exact body), who asks (the key hash, the
 * kecamatan), when, and a random nonce that makes every signed request unique.
 */
export const SIGNED_REQUEST_DOMAIN = 'rekap.request/v1';

/** How far the signing time may be from the server's clock, either way. */
export const SIGNED_REQUEST_WINDOW_MS = 5 * 60_000;

export const SIGNED_REQUEST_HEADERS = {
  at: 'rekap-signed-at',
  nonce: 'rekap-nonce',
  signature: 'rekap-signature',
} as const;

export const SignedRequestSchema = z.strictObject({
  method: z.enum(['POST']),
  /** The path as routed, e.g. /api/codes, without query. */
  path: z.string().regex(/^\/api\/[A-Za-z0-9/_.-]+$/),
  /** sha256Hex of the body bytes as sent (of "" when there is none). */
  body: HashSchema,
  /** The signing device's key hash (keyHash of its public JWK). */
  device: HashSchema,
  kecamatan: KecamatanCodeSchema,
  /** When it was signed, UTC (toISOString). */
  at: z.iso.datetime(),
  /** 16 random bytes, base64url. */
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});
export type SignedRequest = z.infer<typeof SignedRequestSchema>;

/** The headers as sent; the rest of the message the server knows (the request, the token's device). */
export const SignedRequestHeadersSchema = z.object({
  at: SignedRequestSchema.shape.at,
  nonce: SignedRequestSchema.shape.nonce,
  signature: SignatureSchema,
});

/** What the device signs: canonical JSON, so both sides build the same bytes. */
export function signedRequestMessage(request: SignedRequest): string {
  return canonicalJson(SignedRequestSchema.parse(request));
}

/**
 * A refusal because the signing time is outside the window carries the server's time, so a device
 * whose clock is off signs again once with the server's time (src/sync/signRequest.ts).
 */
export const StaleSignedRequestSchema = z.object({ error: z.object({ serverTime: z.iso.datetime() }) });
