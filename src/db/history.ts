import { setFigure, type FieldPath } from '../domain/tally/fields.ts';
import type { Figure, Tally, TallyKey } from '../domain/tally/tally.ts';
import type { RekapDb } from './database.ts';
import { RevisionSchema } from './rowSchemas.ts';
import type { Revision } from './types.ts';

/** Tally properties that revisions change besides figures (status has its own fields). */
const META_PATHS = new Set<string>(['status', 'enteredBy', 'verifiedBy', 'acceptedWarnings']);

/** A tally's revisions, oldest first. Damaged revisions are skipped rather than breaking the view. */
export async function getHistory(db: RekapDb, key: TallyKey): Promise<Revision[]> {
  const raws = await db.revisions.where('key').equals(key).sortBy('id');
  const revisions: Revision[] = [];
  for (const raw of raws) {
    const parsed = RevisionSchema.safeParse(raw);
    if (parsed.success) revisions.push(parsed.data as Revision);
  }
  return revisions;
}

/**
 * Applies revisions (oldest first) to a starting tally: replaying a tally's full history onto
 * its emptyTally gives the stored tally. Used by tests and by "what did this form look like".
 */
export function replayHistory(start: Tally, revisions: readonly Revision[]): Tally {
  let tally = start;
  for (const revision of revisions) {
    for (const change of revision.changes) {
      if (META_PATHS.has(change.path)) tally = { ...tally, [change.path]: change.after } as Tally;
      else tally = setFigure(tally, change.path as FieldPath, change.after as Figure);
    }
    tally = { ...tally, status: revision.statusAfter };
  }
  return tally;
}
