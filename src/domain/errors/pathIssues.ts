import type { z } from 'zod';
import { text, type LocalizedText } from '../common/text.ts';
import { zodIssueText } from './zodIssueText.ts';

/** One problem of an input (a file, an answer): where it is (`desa[3].tps[5]`) and what is wrong. */
export interface PathIssue {
  path: string;
  message: LocalizedText;
}

/** `['desa', 3, 'tps', 5]` → `desa[3].tps[5]`; the root is the empty string (screens name it in words). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/**
 * Every issue of a failed parse with its path and a sentence in both languages. `root`: what was
 * parsed, to quote offending values (left out: not quoted); `prefix`: where that sits in a larger file.
 */
export function zodPathIssues(error: z.core.$ZodError, context: { root?: unknown; prefix?: readonly PropertyKey[] } = {}): PathIssue[] {
  const prefix = context.prefix ?? [];
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: 'root' in context ? zodIssueText(issue, context.root) : zodIssueText(issue),
  }));
}

/** "di desa[3].tps[5]" / "at desa[3].tps[5]"; the root reads "di akar berkas" / "at the top of the file". */
export function placeText(path: string): LocalizedText {
  return path === '' ? text('di akar berkas', 'at the top of the file') : text(`di ${path}`, `at ${path}`);
}

/** The first `max` problems of a failed parse with their places, and how many more: "di a: …; di b: … (dan 2 masalah lain)". */
export function zodIssuesSummary(error: z.core.$ZodError, options: { root?: unknown; max?: number } = {}): LocalizedText {
  const issues = zodPathIssues(error, 'root' in options ? { root: options.root } : {});
  const shown = issues.slice(0, options.max ?? 3);
  const rest = issues.length - shown.length;
  const list = (lang: 'id' | 'en') => shown.map((i) => `${placeText(i.path)[lang]}: ${i.message[lang]}`).join('; ');
  return text(`${list('id')}${rest > 0 ? ` (dan ${rest} masalah lain)` : ''}`, `${list('en')}${rest > 0 ? ` (and ${rest} more)` : ''}`);
}

/**
 * A failed parse as one sentence (for a banner or a status line): the first `max` problems with
 * their places and how many more there are. `subject`: what was read ("Berkas setup.json").
 */
export function zodErrorText(error: z.core.$ZodError, options: { subject: LocalizedText; root?: unknown; max?: number }): LocalizedText {
  const { subject, ...rest } = options;
  const summary = zodIssuesSummary(error, rest);
  return text(`${subject.id} tidak sesuai format yang diharapkan: ${summary.id}`, `${subject.en} does not have the expected format: ${summary.en}`);
}
