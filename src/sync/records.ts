import type { SyncRecord } from '../api/index.ts';
import { canonicalJson } from '../domain/canonical/json.ts';

/** Two records are the same when their canonical JSON is (what their hashes are computed from). */
export function sameRecord(a: SyncRecord | null | undefined, b: SyncRecord | null | undefined): boolean {
  if (!a || !b) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}
