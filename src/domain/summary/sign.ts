import { canonicalJson } from '../canonical/json.ts';
import { hashGroups, sha256Hex } from '../canonical/hash.ts';
import { signText, verifyText, type PublicKeyJwk } from '../crypto/keys.ts';
import type { Setup } from '../setup/schema.ts';
import { SUMMARY_SIGNATURE_DOMAIN, type SummaryFile, type UnsignedSummary } from './schema.ts';

/**
 * What the signature covers: the canonical JSON of the whole file except `signature`. Taken from
 * the value as read (not as re-serialised by a schema), so a member added anywhere breaks it.
 */
export function signingMessage(value: object): string {
  const { signature: _signature, ...rest } = value as Record<string, unknown>;
  return canonicalJson(rest);
}

export async function signSummary(unsigned: UnsignedSummary, privateKey: CryptoKey): Promise<SummaryFile> {
  const signature = await signText(privateKey, SUMMARY_SIGNATURE_DOMAIN, signingMessage(unsigned));
  return { ...unsigned, signature };
}

/**
 * The canonical JSON of the whole file and of the signed part, serialising each top-level member
 * once: RFC 8785 writes an object as its members sorted by key, so both strings are assembled from
 * the same pieces (a 1,591-TPS summary is ~12 MB; serialising it twice is the costliest step).
 */
export function canonicalForms(value: object): { full: string; message: string } {
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => ({ key, text: `${JSON.stringify(key)}:${canonicalJson(record[key])}` }));
  const join = (list: typeof members) => `{${list.map((m) => m.text).join(',')}}`;
  return { full: join(members), message: join(members.filter((m) => m.key !== 'signature')) };
}

/** A malformed key or signature is a false, never an exception. */
export async function verifySummarySignature(value: object, publicKey: PublicKeyJwk, signature: string, message = signingMessage(value)): Promise<boolean> {
  try {
    return await verifyText(publicKey, SUMMARY_SIGNATURE_DOMAIN, message, signature);
  } catch {
    return false;
  }
}

/**
 * The summary's identity: SHA-256 of the canonical JSON of the complete signed file. It is what the
 * paper D.Hasil prints (16 groups of 4 hex digits), binding the paper to exactly this file, whatever
 * its whitespace or key order on disk.
 */
export async function summaryHash(value: object): Promise<string> {
  return sha256Hex(canonicalJson(value));
}

/** The 16 groups of 4 hex digits printed beside the wet signatures. */
export function summaryHashGroups(hash: string): string[] {
  return hashGroups(hash, 4);
}

export async function setupHash(setup: Setup): Promise<string> {
  return sha256Hex(canonicalJson(setup));
}
