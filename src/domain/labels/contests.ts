import { text, type LocalizedText } from '../common/text.ts';
import type { ContestId } from '../tally/contest.ts';

/**
 * Short names of the contests, as the hall says them: the one catalogue for the UI (and its i18n
 * keys `contest.*`), the CLI, the print, the checks' messages and the server's.
 */
export const CONTEST_LABELS: Record<ContestId, LocalizedText> = {
  PPWP: text('Presiden', 'President'),
  DPR: text('DPR', 'DPR'),
  DPD: text('DPD', 'DPD'),
  DPRD_PROV: text('DPRD Prov.', 'Provincial DPRD'),
  DPRD_KAB: text('DPRD Kab.', 'Regency DPRD'),
};
