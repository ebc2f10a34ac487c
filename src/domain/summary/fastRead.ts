import { z } from 'zod';
import { exactCheck } from './exactCheck.ts';
import { SUMMARY_FORMAT, summarySchemas, SummaryTpsSchema, type SummaryFile } from './schema.ts';
import { SUMMARY_FORMAT_V2, summaryV2Schemas, SummaryTpsV2Schema, type AnySummaryFile, type SummaryFileV2 } from './schemaV2.ts';

/**
 * The structure of a valid summary in a fraction of zod's time. Nearly all of a summary is its TPS
 * entries (7,955 for the largest kecamatan, ~1 M vote cells), and zod spends ~0.5 s on them, most
 * of it running a key schema and a value schema per vote cell. So the file is parsed with the same
 * schemas (summarySchemas, summaryV2Schemas) except that TPS entries are taken as they are, and then
 * each entry is checked by exactCheck, built from the entry schema itself, which accepts only what
 * zod would accept and return unchanged.
 *
 * null: anything else, from a missing member to a stray key; the caller then parses with the full
 * schema, which gives the result and the exact error as before. On success the result shares the
 * TPS entries with `value` (zod would have copied them unchanged): neither is to be modified.
 */
export function readSummaryFast(value: unknown): AnySummaryFile | null {
  const format = (value as { format?: unknown } | null)?.format;
  if (format === SUMMARY_FORMAT) return readWith<SummaryFile>(value, LIGHT_V1, SummaryTpsSchema);
  if (format === SUMMARY_FORMAT_V2) return readWith<SummaryFileV2>(value, LIGHT_V2, SummaryTpsV2Schema);
  return null;
}

function readWith<T>(value: unknown, light: z.ZodType, entrySchema: z.ZodType): T | null {
  // Per read: the memos inside must not grow across files in a long-running server.
  const entryOk = exactCheck(entrySchema);
  if (entryOk === null) return null;
  const parsed = light.safeParse(value);
  if (!parsed.success) return null;
  const data = parsed.data as { contests: { desa: { tps: unknown[] }[] }[] };
  for (const contest of data.contests) {
    for (const desa of contest.desa) for (const entry of desa.tps) if (!entryOk(entry)) return null;
  }
  // The light schema differs from the full one only in the TPS entries, which have just been checked.
  return parsed.data as T;
}

const LIGHT_V1 = summarySchemas(z.unknown()).file;
const LIGHT_V2 = summaryV2Schemas(z.unknown()).file;
