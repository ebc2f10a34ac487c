import type { z } from 'zod';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { zodIssuesSummary } from '../../domain/errors/index.ts';
import { StateError } from './stateError.ts';

/**
 * Reads back a value the state folder stored as JSON, through its schema: a damaged file or row is
 * refused with a sentence that says where, never used as it is.
 */
export function parseStored<S extends z.ZodType>(schema: S, json: string, where: string): z.infer<S> {
  return parseStoredValue(schema, storedJsonValue(json, where), where);
}

export function storedJsonValue(json: string, where: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw damaged(where, text('bukan JSON', 'not JSON'));
  }
}

export function parseStoredValue<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw damaged(where, zodIssuesSummary(parsed.error, { root: value }));
  return parsed.data;
}

function damaged(where: string, detail: LocalizedText): StateError {
  return new StateError(text(`Berkas status sinkron rusak (${where}): ${detail.id}`, `The sync state is damaged (${where}): ${detail.en}`));
}
