import type { z } from 'zod';
import { formatPath, zodPathIssues, type PathIssue } from '../errors/index.ts';

/** One problem in a setup file: where it is (`desa[3].tps[5]`) and what is wrong, in both languages. */
export type SetupIssue = PathIssue;

export { formatPath };

/** All zod issues of a failed parse as setup issues (paths in `desa[3].tps[5]` form), worded by src/domain/errors. */
export function zodIssues(error: z.ZodError, input: unknown): SetupIssue[] {
  return zodPathIssues(error, { root: input });
}
