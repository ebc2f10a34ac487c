import fc from 'fast-check';

/**
 * What an attacker sends instead of a value, as JSON text (so that it can be what JSON.stringify
 * never writes): numbers past every bound, numbers that parse to Infinity or to 0, long digit
 * strings, lone UTF-16 surrogates, nesting far past the server's limit, and plain wrong types.
 */
const NASTY_TEXTS = [
  '1e308', '-1e308', '1e309', '-1e309', '9007199254740993', '-9007199254740993', '1e-320', '-0', '0.5', '-1',
  '999999', '1000000', '1000', '2147483647', '2147483648', '4294967296', '123456789012345678901234567890123456789012345678901234567890',
  '"123456789012345678901234567890"', '"1e308"', '"\\ud800"', '"\\udfff"', '"a\\ud800b"', '"\\udc00\\ud800"', '"\\u0000"',
  'true', 'false', 'null', '{}', '[]', '""', '"x"',
] as const;

/** A string of any UTF-16 code units: lone surrogates (and their wrong order) included. */
export const anyUtf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));

/** Arrays or objects nested `depth` deep, built as text: JSON.stringify itself would recurse that deep. */
export function nested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}`;
}

export const nestedText = fc
  .tuple(fc.constantFrom(8, 63, 64, 65, 200, 5000), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => nested(depth, kind));

export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_TEXTS) },
  { weight: 2, arbitrary: anyUtf16.map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: nestedText },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 2000 }).map((n) => `[${'1e308,'.repeat(n)}0]`) },
);

export type Path = readonly (string | number)[];

/** Every place in a JSON value, the root included, so a mutation can hit any member at any depth. */
export function pathsOf(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

const SENTINEL = '\u0001fuzz-sentinel\u0001';

/** `template` as JSON text with the value at `path` replaced by `raw` (any text, JSON or not). */
export function replaceAt(template: unknown, path: Path, raw: string): string {
  if (path.length === 0) return raw;
  const copy = structuredClone(template) as Record<string | number, unknown>;
  let node = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  node[path.at(-1)!] = SENTINEL;
  return JSON.stringify(copy).replace(JSON.stringify(SENTINEL), () => raw);
}

/** `template` with one value anywhere replaced by something nasty, as JSON text. */
export function mutated(template: unknown): fc.Arbitrary<string> {
  const paths = pathsOf(template);
  return fc.tuple(fc.nat({ max: paths.length - 1 }), nastyText).map(([i, raw]) => replaceAt(template, paths[i]!, raw));
}

/** A body as sent: text (possibly cut short) or raw bytes, with or without a JSON content type. */
export interface FuzzBody {
  body: string | Uint8Array<ArrayBuffer>;
  json: boolean;
}

/** Whole bodies of junk around a template: cut-off JSON, random bytes, any JSON value, deep nesting. */
export function junkBodies(template: unknown): fc.Arbitrary<FuzzBody> {
  const text = JSON.stringify(template);
  return fc.oneof(
    { weight: 4, arbitrary: mutated(template).map((body) => ({ body, json: true })) },
    { weight: 2, arbitrary: fc.tuple(mutated(template), fc.nat()).map(([t, n]) => ({ body: t.slice(0, n % (t.length + 1)), json: true })) },
    { weight: 1, arbitrary: fc.nat({ max: text.length }).map((n) => ({ body: text.slice(0, n), json: true })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => ({ body: new Uint8Array(bytes), json: true })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ body: JSON.stringify(v), json: true })) },
    { weight: 1, arbitrary: nestedText.map((body) => ({ body, json: true })) },
    { weight: 1, arbitrary: fc.tuple(fc.string(), fc.boolean()).map(([body, json]) => ({ body, json })) },
  );
}

/** Query values and path segments: numbers past every bound, broken percent-escapes, long strings. */
export const nastyParam = fc.oneof(
  fc.constantFrom(
    '1e308', '-1e308', '1e309', 'Infinity', 'NaN', '-1', '0', '1.5', '9007199254740993', '2147483648', '4294967296', '1e-320', '0x10', '',
    '%ED%A0%80', '%ED%BF%BF', '%FF', '%', '%zz', '%00', '123456789012345678901234567890', 'a&since=-5', '#', '..%2F..%2Fetc',
  ),
  fc.integer({ min: 1, max: 3000 }).map((n) => '9'.repeat(n)),
  fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s)),
);
