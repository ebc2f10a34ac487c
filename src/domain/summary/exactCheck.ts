import { z } from 'zod';

/**
 * A fast stand-in for `schema.safeParse(value)` on data that is almost always valid: true only when
 * the schema accepts the value AND would return it unchanged (no key stripped, nothing
 * transformed), so that the value itself can stand for zod's output. Whatever it is unsure of is
 * false; the caller then asks zod, which gives the real result and the exact error.
 *
 * It is built from the schema, not written beside it: objects and records are walked here (zod runs
 * a key schema and a value schema per record entry, the costly part on ~1 M vote cells), and every
 * other schema (a leaf) is asked of zod itself, once per distinct primitive value. Arrays and
 * discriminated unions are walked too, so that whole TPS entries can be checked. null: the schema
 * has a part this cannot stand in for (refinements, a catch-all, enumerated record keys, a union
 * that falls back to trying every option).
 */
export type ExactCheck = (value: unknown) => boolean;

export function exactCheck(schema: z.ZodType): ExactCheck | null {
  if (schema instanceof z.ZodRecord) return recordCheck(schema);
  if (schema instanceof z.ZodObject) return objectCheck(schema);
  if (schema instanceof z.ZodArray) return arrayCheck(schema);
  if (schema instanceof z.ZodDiscriminatedUnion) return unionCheck(schema);
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
  const members: { key: string; check: ExactCheck; optional: boolean }[] = [];
  for (const [key, member] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    // An optional member may be absent (zod leaves it out as well); a default would be filled in, so it counts as required.
    const optional = member instanceof z.ZodOptional;
    const check = exactCheck(optional ? (member.unwrap() as z.ZodType) : member);
    if (check === null) return null;
    members.push({ key, check, optional });
  }
  return (value) => {
    if (!isPlainObject(value)) return false;
    const keys = ownKeys(value);
    if (keys === null) return false;
    let present = 0;
    for (const { key, check, optional } of members) {
      if (Object.hasOwn(value, key)) {
        if (!check(value[key])) return false;
        present += 1;
      } else if (!optional) return false; // a missing member is zod's to judge
    }
    // Any other key would be stripped from zod's output.
    return keys.length === present;
  };
}

function arrayCheck(schema: z.ZodArray): ExactCheck | null {
  if (hasChecks(schema)) return null;
  const element = exactCheck(schema.element as z.ZodType);
  if (element === null) return null;
  return (value) => {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i += 1) if (!element(value[i])) return false;
    return true;
  };
}

/** The option named by the discriminator, as zod picks it; an unknown value is zod's to refuse. */
function unionCheck(schema: z.ZodDiscriminatedUnion): ExactCheck | null {
  const { discriminator, unionFallback } = schema.def as { discriminator: string; unionFallback?: boolean };
  if (unionFallback || hasChecks(schema)) return null;
  const byValue = new Map<unknown, ExactCheck>();
  for (const option of schema.options as z.ZodType[]) {
    const values = option._zod.propValues?.[discriminator];
    const check = exactCheck(option);
    if (values === undefined || check === null) return null;
    for (const v of values) byValue.set(v, check);
  }
  return (value) => {
    if (!isPlainObject(value)) return false;
    const check = byValue.get(value[discriminator]);
    return check !== undefined && check(value);
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
