import { err, ok, type Result } from '../common/result.ts';
import { zodIssues, type SetupIssue } from './issues.ts';
import { crossReferenceIssues } from './rules.ts';
import { SetupSchema, type Setup } from './schema.ts';

export type { SetupIssue } from './issues.ts';
export { formatPath } from './issues.ts';

/**
 * Validates a parsed JSON value as a `rekap.setup/v1` setup: first the shape (zod), then the rules
 * between fields. Cross-reference rules only run once the shape is right, because they would
 * otherwise report consequences of the same mistake twice. Reading the JSON is the caller's job.
 */
export function validateSetup(input: unknown): Result<Setup, SetupIssue[]> {
  const parsed = SetupSchema.safeParse(input);
  if (!parsed.success) return err(zodIssues(parsed.error, input));
  const issues = crossReferenceIssues(parsed.data);
  return issues.length > 0 ? err(issues) : ok(parsed.data);
}
