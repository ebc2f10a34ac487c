import { createHash } from 'node:crypto';
import { setSha256 } from '../domain/canonical/hash.ts';

/**
 * Node's SHA-256 for the domain's sha256Hex (see setSha256): synchronous and ~10× faster than a
 * Web Crypto digest per call. Strings are hashed as UTF-8, as TextEncoder does (a lone surrogate
 * becomes U+FFFD in both), so every digest is the one the browser computes.
 */
export function installNodeSha256(): void {
  setSha256((data) => createHash('sha256').update(data).digest('hex'));
}
