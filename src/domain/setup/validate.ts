import { err, ok, type Result } from '../common/result.ts';
import { readSetupDraft } from './draft.ts';
import { zodIssues, type SetupIssue } from './issues.ts';
import { crossReferenceIssues } from './rules.ts';
import { SetupSchema, type Setup } from './schema.ts';

export type { SetupIssue } from './issues.ts';
export { formatPath } from './issues.ts';

/** The file's sections in the order they are written (and documented): issues are listed in that order. */
const SECTIONS = Object.keys(SetupSchema.shape);

/** `desa[12].tps[3]` → [section rank, 12]: where an issue sits, coarse enough to be a total order. */
function position(path: string): [number, number] {
  const section = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  const rank = SECTIONS.indexOf(section);
  const index = /^[A-Za-z]+(?:\.[A-Za-z]+)*\[(\d+)\]/.exec(path)?.[1];
  return [rank === -1 ? -1 : rank, index === undefined ? -1 : Number(index)];
}

/**
 * Validates a parsed JSON value as a `rekap.setup/v1` setup, reporting every problem in one pass:
 * the shape (zod) and the rules between fields (duplicates, codes nested in their parents,
 * schedule references), the latter on whatever parts of the file are readable. Issues come in
 * the file's order, shape problems before rule problems at the same place. Reading the JSON is the
 * caller's job.
 */
export function validateSetup(input: unknown): Result<Setup, SetupIssue[]> {
  const parsed = SetupSchema.safeParse(input);
  const rules = crossReferenceIssues(readSetupDraft(parsed.success ? parsed.data : input));
  if (parsed.success && rules.length === 0) return ok(parsed.data);
  return err(inFileOrder([...(parsed.success ? [] : zodIssues(parsed.error, input)), ...rules]));
}

/** Issues sorted by where they are in the file; the sort is stable, so shape problems stay first at one place. */
function inFileOrder(issues: readonly SetupIssue[]): SetupIssue[] {
  return issues
    .map((issue) => ({ issue, at: position(issue.path) }))
    .sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1])
    .map(({ issue }) => issue);
}
