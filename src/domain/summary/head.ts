import { canonicalJson } from '../canonical/json.ts';
import { sha256Hex } from '../canonical/hash.ts';

type Json = Record<string, unknown>;

/**
 * The signed head with its signature, from the file as read: the same members, every desa without
 * its `tps`. Built from the raw value (not the schema's output), so a member added anywhere in the
 * head changes the hash and breaks the signature.
 */
export function signedHeadOf(raw: object): Json {
  const file = raw as Json & { contests: Json[] };
  return {
    ...file,
    contests: file.contests.map((block) => ({
      ...block,
      desa: (block.desa as Json[]).map(({ tps: _tps, ...desa }) => desa),
    })),
  };
}

/** The paper's hash of a v2 summary: SHA-256 of the canonical signed head (signature included). */
export async function headHash(signedHead: object): Promise<string> {
  return sha256Hex(canonicalJson(signedHead));
}

