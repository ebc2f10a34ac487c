import type { Context } from 'hono';
import type { z } from 'zod';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import type { AppEnv } from '../context.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './jsonDepth.ts';
import { ApiProblem, problems } from './problem.ts';
import { readBody } from './readBody.ts';

/** Every request body but those whose route sets a larger limit (app.ts). */
export const BODY_LIMIT = 64 * 1024;

/**
 * Reads a JSON body and parses it with the contract's schema; every failure is a 400 ApiError
 * (413 past the route's limit). Routes call it after authenticate(), so nothing of an
 * unauthenticated request's body is ever read (docs/deployment.md, "Memory under
 * unauthenticated load").
 */
export async function jsonBody<T extends z.ZodType>(c: Context<AppEnv>, schema: T, what: LocalizedText): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type.trim())) throw problems.notJsonType();
  const limit = c.get('bodyLimit') ?? BODY_LIMIT;
  const read = await readBody(c, limit);
  if (!read.ok) throw read.error === 'too-large' ? problems.tooLarge(limit) : bodyCutShort();
  const body = new TextDecoder().decode(read.value);
  // Before JSON.parse and zod: both, and the canonical JSON after them, recurse per level.
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw nestedTooDeep();
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw problems.notJson();
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw problems.invalid(parsed.error, what, { root: data });
  return parsed.data;
}

const nestedTooDeep = () =>
  new ApiProblem(
    'bad-request',
    text(
      `Isi permintaan bersarang terlalu dalam (lebih dari ${MAX_JSON_DEPTH} tingkat objek dan daftar).`,
      `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels of objects and arrays).`,
    ),
  );

const bodyCutShort = () =>
  new ApiProblem('bad-request', text('Isi permintaan terputus sebelum selesai dikirim.', 'The request body was cut off before it was complete.'));

export function parseQuery<T extends z.ZodType>(c: Context, schema: T, what: LocalizedText): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw problems.invalid(parsed.error, what);
  return parsed.data;
}
