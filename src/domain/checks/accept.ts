import type { Tally } from '../tally/tally.ts';
import type { Finding } from './types.ts';

/**
 * A warning counts as accepted when the tally it is about records an acceptance of its code with a
 * non-blank reason (DESIGN.md §3). Errors are never accepted this way: they are corrected, or
 * recorded as a special event/objection elsewhere.
 */
export function isWarningAccepted(finding: Finding, tally: Tally): boolean {
  if (finding.severity !== 'warning') return false;
  if (finding.tps !== tally.tps || finding.contest !== tally.contest) return false;
  return (tally.acceptedWarnings ?? []).some((a) => a.code === finding.code && a.reason.trim() !== '');
}
