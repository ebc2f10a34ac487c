import { canonicalJson } from '../canonical/json.ts';
import { hashGroups, sha256Hex } from '../canonical/hash.ts';
import { canonicalTextMembers } from '../canonical/text.ts';
import { signText, verifyText, type PublicKeyJwk } from '../crypto/keys.ts';
import type { Setup } from '../setup/schema.ts';
import { headHash, signedHeadOf } from './head.ts';
import { SUMMARY_SIGNATURE_DOMAIN, type SummaryFile, type UnsignedSummary } from './schema.ts';
import { SUMMARY_FORMAT_V2 } from './schemaV2.ts';

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
 *
 * `text`, when given, must be the JSON text `value` was parsed from (without a BOM). A file written
 * by Rekap is canonical already, so its own members are the pieces and nothing is serialised again;
 * any other text (re-formatted, re-ordered) is ignored and the value serialised as before.
 */
export function canonicalForms(value: object, text?: string): { full: string; message: string } {
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  const members = (text === undefined ? null : canonicalMembersOf(text, keys)) ?? keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  const join = (list: string[]) => `{${list.join(',')}}`;
  return { full: join(members), message: join(members.filter((_, i) => keys[i] !== 'signature')) };
}

/** The member texts of a canonical `text`, if it is canonical and has exactly `keys` (a guard against a text that is not the value's). */
function canonicalMembersOf(text: string, keys: readonly string[]): string[] | null {
  const members = canonicalTextMembers(text);
  if (members === null || members.length !== keys.length || members.some((m, i) => m.key !== keys[i])) return null;
  return members.map((m) => text.slice(m.start, m.end));
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
 * The summary's identity, what the paper D.Hasil prints (16 groups of 4 hex digits), whatever the
 * file's whitespace or key order on disk. v1: SHA-256 of the canonical JSON of the complete signed
 * file. v2: of its signed head (head.ts), which binds every TPS entry through the tree's root.
 */
export async function summaryHash(value: object): Promise<string> {
  if ((value as { format?: unknown }).format === SUMMARY_FORMAT_V2) return headHash(signedHeadOf(value));
  return sha256Hex(canonicalJson(value));
}

/** The 16 groups of 4 hex digits printed beside the wet signatures. */
export function summaryHashGroups(hash: string): string[] {
  return hashGroups(hash, 4);
}

export async function setupHash(setup: Setup): Promise<string> {
  return sha256Hex(canonicalJson(setup));
}
