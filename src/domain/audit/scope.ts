import { text, type LocalizedText } from '../common/text.ts';

/**
 * Issue 14, "audit entries in scope": marks the server puts on a stored audit entry that is not a
 * change of the record it names (besides the workflow's refusal codes of issue 11). The entry is
 * kept — a device's chain is signed and whole, and dropping one entry would break it — but shown
 * as no change:
 * - `no-op`: the device never pushed an op on that record, so the entry changed nothing on the
 *   server (cleared when the device's op on the record is applied later, as refusals are);
 * - `out-of-scope`: a witness or Panwascam device wrote about something other than an objection
 *   it filed itself.
 */
export const SCOPE_MARKS = ['no-op', 'out-of-scope'] as const;
export type ScopeMark = (typeof SCOPE_MARKS)[number];

export function isScopeMark(code: string): code is ScopeMark {
  return (SCOPE_MARKS as readonly string[]).includes(code);
}

const SHORT: Record<ScopeMark, LocalizedText> = {
  'no-op': text('perangkat ini tidak pernah mengirim perubahan data ini ke server', 'this device never sent a change of this record to the server'),
  'out-of-scope': text('saksi dan Panwascam hanya mencatat keberatan yang mereka ajukan sendiri', 'witnesses and Panwascam record only the objections they filed themselves'),
};

/** The mark in words, short: the history row already names the record. */
export function scopeMarkText(mark: ScopeMark): LocalizedText {
  return SHORT[mark];
}
