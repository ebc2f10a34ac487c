import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JCS) canonical JSON: sorted keys (UTF-16 code units), ECMAScript number formatting,
 * minimal string escaping. The same value gives the same bytes on every device, which is what
 * hashes and signatures need.
 *
 * The library follows JSON.stringify semantics for `undefined` (dropped in objects, `null` in arrays)
 * but would emit invalid JSON for a nested function, and returns `undefined` for a top-level
 * `undefined`. A value that cannot be represented is a programming error, so both throw here.
 */
export function canonicalJson(value: unknown): string {
  assertRepresentable(value, new Set());
  const json = canonicalize(value);
  if (json === undefined) throw new TypeError('canonicalJson: value has no JSON representation');
  return json;
}

function assertRepresentable(value: unknown, seen: Set<object>): void {
  if (typeof value === 'function' || typeof value === 'bigint') {
    throw new TypeError(`canonicalJson: a ${typeof value} has no JSON representation`);
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return; // the library reports cycles
  seen.add(value);
  // undefined and symbols inside containers follow JSON semantics (dropped / null); functions would not
  for (const child of Array.isArray(value) ? value : Object.values(value)) assertRepresentable(child, seen);
  seen.delete(value);
}
