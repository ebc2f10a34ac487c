import type { Context } from 'hono';
import type { z } from 'zod';
import type { LocalizedText } from '../../domain/common/text.ts';
import { problems } from './problem.ts';

/** Reads a JSON body and parses it with the contract's schema; every failure is a 400 ApiError. */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T, what: LocalizedText): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type.trim())) throw problems.notJsonType();
  let data: unknown;
  try {
    data = JSON.parse(await c.req.text());
  } catch {
    throw problems.notJson();
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw problems.invalid(parsed.error, what, { root: data });
  return parsed.data;
}

export function parseQuery<T extends z.ZodType>(c: Context, schema: T, what: LocalizedText): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw problems.invalid(parsed.error, what);
  return parsed.data;
}
