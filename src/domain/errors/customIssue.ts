import type { LocalizedText } from '../common/text.ts';

/**
 * A refine's issue that carries its sentence in both languages (`params.text`, read by
 * zodIssueText); `message` keeps the English for logs and zod's own output.
 */
export function customIssue(path: PropertyKey[], message: LocalizedText): { code: 'custom'; path: PropertyKey[]; message: string; params: { text: LocalizedText } } {
  return { code: 'custom', path, message: message.en, params: { text: message } };
}
