import type { z } from 'zod';
import { zodPathIssues } from '../domain/errors/index.ts';
import type { InputIssue } from './types.ts';

/**
 * zod issues → InputIssues in both languages (src/domain/errors words them: zod's own text is
 * English). `root`: what was parsed, so a message can quote the offending value; `prefix`: where
 * that sits in the file.
 */
export function toInputIssues(error: z.ZodError, context: { root?: unknown; prefix?: readonly PropertyKey[] } = {}): InputIssue[] {
  return zodPathIssues(error, context);
}
