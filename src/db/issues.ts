import type { z } from 'zod';
import { text } from '../domain/common/text.ts';
import type { InputIssue } from './types.ts';

/** `["tallies", 3, "voters"]` → `tallies[3].voters` (the notation used across the app). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

/** zod issues → bilingual InputIssues (zod's own text is English; give Indonesian a plain lead). */
export function toInputIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): InputIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    const id =
      issue.code === 'invalid_type'
        ? `Tipe tidak sesuai: ${issue.message}`
        : issue.code === 'unrecognized_keys'
          ? `Kunci tidak dikenal: ${issue.message}`
          : `Tidak valid: ${issue.message}`;
    return { path, message: text(id, issue.message) };
  });
}
