import { z } from 'zod';
import { exactCheck, type ExactCheck } from './exactCheck.ts';
import { FiguresSchema, summarySchemas, type SummaryFile } from './schema.ts';

/**
 * The structure of a valid summary in a fraction of zod's time. Of the ~0.5 s zod takes over a
 * 1,591-TPS summary, ~90% goes into the TPS entries' vote records (~1 M cells, a key schema and a
 * value schema each). So the file is parsed with the same schemas (summarySchemas) except that a
 * TPS entry's `votes` is taken as it is, and then checked by exactCheck, built from the real vote
 * schemas, which accepts only what zod would accept and return unchanged.
 *
 * null: anything else, from a missing member to a stray key; the caller then parses with the full
 * schema, which gives the result and the exact error as before. On success the result shares the
 * vote records with `value` (zod would have copied them unchanged): neither is to be modified.
 */
export function readSummaryFast(value: unknown): SummaryFile | null {
  const votes = votesChecks();
  if (votes === null) return null;
  const parsed = LIGHT.safeParse(value);
  if (!parsed.success) return null;
  for (const contest of parsed.data.contests) {
    for (const desa of contest.desa) {
      for (const { figures } of desa.tps) {
        const check = votes.get(figures.contest);
        if (check === undefined || !check(figures.votes)) return null;
      }
    }
  }
  // The light schema differs from SummaryFileSchema only in `votes`, which has just been checked.
  return parsed.data as unknown as SummaryFile;
}

const [CANDIDATE_FIGURES, PARTY_FIGURES] = FiguresSchema.options;

const LIGHT = summarySchemas(
  z.discriminatedUnion('contest', [CANDIDATE_FIGURES.extend({ votes: z.unknown() }), PARTY_FIGURES.extend({ votes: z.unknown() })]),
).file;

/** Per read: the leaf memos of exactCheck must not grow across files in a long-running server. */
function votesChecks(): Map<string, ExactCheck> | null {
  const checks = new Map<string, ExactCheck>();
  for (const figures of [CANDIDATE_FIGURES, PARTY_FIGURES]) {
    const check = exactCheck(figures.shape.votes);
    if (check === null) return null;
    for (const contest of figures.shape.contest.options) checks.set(contest, check);
  }
  return checks;
}
