/** A synchronous SHA-256 giving the same hex digest, strings hashed as UTF-8. */
export type Sha256Hex = (data: string | Uint8Array) => string;

let syncDigest: Sha256Hex | null = null;

/**
 * Lets a platform with a faster SHA-256 stand in for Web Crypto (Node's `crypto.createHash`, set by
 * the server and the CLI at start-up: src/server/nodeSha256.ts). Web Crypto's digest is a
 * round trip to a worker thread per call, ~0.1 ms; a sync server or client hashes every op's record,
 * so that round trip was a large part of a push (docs/BENCHMARKS.md). The digest is the same.
 */
export function setSha256(impl: Sha256Hex | null): void {
  syncDigest = impl;
}

/**
 * SHA-256 through Web Crypto, available in browsers (secure contexts) and Node 20 alike, so the
 * chair's laptop, a witness's phone and the CLI compute the same digest. Strings are hashed as
 * their UTF-8 bytes (TextEncoder), never in a platform-dependent encoding.
 */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  if (syncDigest) return syncDigest(data);
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return toHex(new Uint8Array(digest));
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * A digest split into short groups for printing beside wet signatures and reading aloud
 * (DESIGN.md §5): a SHA-256 hex digest gives 16 groups of 4.
 */
export function hashGroups(hex: string, size = 4): string[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('hashGroups: size must be a positive integer');
  const groups: string[] = [];
  for (let i = 0; i < hex.length; i += size) groups.push(hex.slice(i, i + size));
  return groups;
}
