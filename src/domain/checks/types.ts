import type { TpsCode } from '../codes/codes.ts';
import type { LocalizedText } from '../common/text.ts';
import type { ContestId } from '../tally/contest.ts';
import type { FieldPath } from '../tally/fields.ts';

/** Stable check codes (DESIGN.md §3): a contract shared by the UI, exports, the CLI and tests. */
export const CHECK_CODES = [
  'E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10', 'E11',
  'W01', 'W02', 'W03', 'W04', 'W05', 'W06',
] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** Errors break the form's own arithmetic; warnings are implausible but possible (need a reason). */
export type Severity = 'error' | 'warning';

export interface Finding {
  code: CheckCode;
  severity: Severity;
  tps: TpsCode;
  contest: ContestId;
  /** The cells the finding concerns, for highlighting in the entry form. */
  fields: FieldPath[];
  /** Quotes the figures, numbers formatted per language (id-ID: 1.234). */
  message: LocalizedText;
}

/** The severity follows from the code's letter, so it can never disagree with the table. */
export function severityOf(code: CheckCode): Severity {
  return code.startsWith('E') ? 'error' : 'warning';
}
