import { text, type LocalizedText } from '../common/text.ts';
import type { ContestId } from './contest.ts';

/** Short names of the contests, as the hall says them: one catalogue for the UI, the CLI, the print and the server's messages. */
export const CONTEST_LABELS: Record<ContestId, LocalizedText> = {
  PPWP: text('Presiden', 'President'),
  DPR: text('DPR', 'DPR'),
  DPD: text('DPD', 'DPD'),
  DPRD_PROV: text('DPRD Prov.', 'Provincial DPRD'),
  DPRD_KAB: text('DPRD Kab.', 'Regency DPRD'),
};
