import { z } from 'zod';
import { exactCheck } from './exactCheck.ts';
import { summarySchemas, SummaryTpsSchema, type SummaryFile } from './schema.ts';

/**
 * The structure of a valid summary in a fraction of zod's time. Nearly all of a summary is its TPS
 * entries (7,955 for the largest kecamatan, ~1 M vote cells), and zod spends ~0.5 s on them, most
 * of it running a key schema and a value schema per vote cell. So the file is parsed with the same
 * schemas (summarySchemas) except that TPS entries are taken as they are, and then each entry is
 * checked by exactCheck, built from SummaryTpsSchema itself, which accepts only what zod would
 * accept and return unchanged.
 *
 * null: anything else, from a missing member to a stray key; the caller then parses with the full
 * schema, which gives the result and the exact error as before. On success the result shares the
 * TPS entries with `value` (zod would have copied them unchanged): neither is to be modified.
 */
export function readSummaryFast(value: unknown): SummaryFile | null {
  // Per read: the memos inside must not grow across files in a long-running server.
  const entryOk = exactCheck(SummaryTpsSchema);
  if (entryOk === null) return null;
  const parsed = LIGHT.safeParse(value);
  if (!parsed.success) return null;
  for (const contest of parsed.data.contests) {
    for (const desa of contest.desa) for (const entry of desa.tps) if (!entryOk(entry)) return null;
  }
  // The light schema differs from SummaryFileSchema only in the TPS entries, which have just been checked.
  return parsed.data as unknown as SummaryFile;
}

const LIGHT = summarySchemas(z.unknown()).file;
