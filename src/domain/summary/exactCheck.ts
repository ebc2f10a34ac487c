import { z } from 'zod';

/**
 * A fast stand-in for `schema.safeParse(value)` on data that is almost always valid: true only when
 * the schema accepts the value AND would return it unchanged (no key stripped, nothing
 * transformed), so that the value itself can stand for zod's output. Whatever it is unsure of is
 * false; the caller then asks zod, which gives the real result and the exact error.
 *
 * It is built from the schema, not written beside it: objects and records are walked here (zod runs
 * a key schema and a value schema per record entry, the costly part on ~1 M vote cells), and every
 * other schema (a leaf) is asked of zod itself, once per distinct primitive value. null: the schema
 * has a part this cannot stand in for (refinements on an object, a catch-all, enumerated record keys).
 */
export type ExactCheck = (value: unknown) => boolean;

export function exactCheck(schema: z.ZodType): ExactCheck | null {
  if (schema instanceof z.ZodRecord) return recordCheck(schema);
  if (schema instanceof z.ZodObject) return objectCheck(schema);
  return leafCheck(schema);
}

const hasChecks = (schema: z.ZodType) => (schema.def.checks?.length ?? 0) > 0;

/** Only plain objects: whatever else zod may take for an object is left to zod. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The keys zod walks: own enumerable string keys (Object.keys) and symbols. A symbol key would be
 * refused by a record's key schema and dropped by an object, so its presence is left to zod.
 * (Reflect.ownKeys would say the same but costs twice as much on ~180,000 records.)
 */
function ownKeys(value: Record<string, unknown>): string[] | null {
  return Object.getOwnPropertySymbols(value).length === 0 ? Object.keys(value) : null;
}

function recordCheck(schema: z.ZodRecord): ExactCheck | null {
  // Enumerated keys (an enum or literal key schema) take another path in zod: required keys.
  if (hasChecks(schema) || schema.keyType._zod.values !== undefined) return null;
  const keyOk = leafCheck(schema.keyType as z.ZodType);
  const valueOk = exactCheck(schema.valueType as z.ZodType);
  if (valueOk === null) return null;
  return (value) => {
    if (!isPlainObject(value)) return false;
    const keys = ownKeys(value);
    if (keys === null) return false;
    for (const key of keys) {
      // zod drops a __proto__ key from its output
      if (key === '__proto__' || !keyOk(key) || !valueOk(value[key])) return false;
    }
    return true;
  };
}

function objectCheck(schema: z.ZodObject): ExactCheck | null {
  // A catch-all keeps or refuses unknown keys, refinements may refuse the whole: both left to zod.
  if (hasChecks(schema) || schema.def.catchall !== undefined) return null;
  const members: [string, ExactCheck][] = [];
  for (const [key, member] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const check = exactCheck(member);
    if (check === null) return null;
    members.push([key, check]);
  }
  return (value) => {
    if (!isPlainObject(value)) return false;
    // Exactly the declared keys: an unknown key would be stripped, a missing one is zod's to judge.
    const keys = ownKeys(value);
    if (keys === null || keys.length !== members.length) return false;
    for (const [key, check] of members) if (!Object.hasOwn(value, key) || !check(value[key])) return false;
    return true;
  };
}

/** Asks zod once per distinct primitive (figures repeat: 0–999 and null); objects are not leaves. */
function leafCheck(schema: z.ZodType): ExactCheck {
  const ask = (value: unknown) => {
    const result = schema.safeParse(value);
    return result.success && Object.is(result.data, value);
  };
  // Small non-negative integers (nearly every figure) in an array, the rest in a Map; -0 is not
  // among either (a Map takes it for 0, a schema might not), so it is asked every time.
  const small: (boolean | undefined)[] = [];
  const known = new Map<unknown, boolean>();
  return (value) => {
    if (typeof value === 'number' && value >>> 0 === value && value < SMALL && !Object.is(value, -0)) {
      return (small[value] ??= ask(value));
    }
    if (typeof value === 'object' ? value !== null : typeof value === 'function') return false;
    if (Object.is(value, -0)) return ask(value);
    let ok = known.get(value);
    if (ok === undefined) {
      ok = ask(value);
      known.set(value, ok);
    }
    return ok;
  };
}

const SMALL = 4096;
