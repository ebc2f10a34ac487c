import { canonicalJson } from '../domain/canonical/json.ts';
import type { Tally } from '../domain/tally/tally.ts';

/** Two records are the same when their canonical JSON is (what their hashes are computed from). */
export function sameRecord(a: Tally | null | undefined, b: Tally | null | undefined): boolean {
  if (!a || !b) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}
