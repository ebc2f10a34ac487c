import type { z } from 'zod';
import type { Language } from '../common/text.ts';
import { zodIssueText } from './zodIssueText.ts';

/**
 * zod's error map in one UI language: what `issue.message` says wherever a message escapes our own
 * wording (a log line, a protocol detail, a library that prints it). The UI installs the one of its
 * current language with `z.config({ localeError })`; building it is pure, installing it is not.
 */
export function zodErrorMap(language: Language): z.core.$ZodErrorMap {
  return (issue) => zodIssueText(issue)[language];
}
