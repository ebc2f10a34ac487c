import { err, ok, type Result } from '../common/result.ts';
import type { ContestId } from '../tally/contest.ts';
import type { AdmittedSummary } from './admit.ts';
import type { AdmissionFailure } from './failures.ts';

/** The summary currently counted for one kecamatan × contest. */
export interface ActiveSlot {
  kecamatan: string;
  contest: ContestId;
  hash: string;
  importedAt: string;
}

/**
 * - unchanged: the very same file is already counted for every contest it holds (a retried upload).
 * - import: store it; `replaces` are the slots it takes over. The replaced summaries are kept and
 *   listed as history, never deleted, so anyone can see that (and when) a total was swapped.
 */
export type ImportPlan = { kind: 'unchanged' } | { kind: 'import'; replaces: ActiveSlot[] };

/**
 * Re-import policy: a kecamatan × contest has at most one counted summary. A different summary for
 * it is refused unless the importer explicitly asks to replace (a corrected D.Hasil after a
 * reopening); never silently, and never by whichever file happens to arrive last.
 */
export function planImport(active: readonly ActiveSlot[], admitted: AdmittedSummary, replace: boolean): Result<ImportPlan, AdmissionFailure[]> {
  const slots = admitted.contests.map((c) => active.find((a) => a.kecamatan === c.kecamatan && a.contest === c.contest) ?? null);
  if (slots.every((s) => s !== null && s.hash === admitted.hash)) return ok({ kind: 'unchanged' });
  const taken = slots.filter((s): s is ActiveSlot => s !== null && s.hash !== admitted.hash);
  if (taken.length > 0 && !replace) {
    return err(taken.map((s) => ({ kind: 'duplicate', kecamatan: s.kecamatan, contest: s.contest, existingHash: s.hash, importedAt: s.importedAt })));
  }
  return ok({ kind: 'import', replaces: taken });
}
