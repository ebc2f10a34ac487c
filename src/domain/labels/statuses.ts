import { text, type LocalizedText } from '../common/text.ts';
import type { TallyStatus } from '../tally/tally.ts';

/**
 * A form's status as its chip says it (lowercase, as it reads inside a sentence): the one
 * catalogue for the UI (i18n keys `status.*`), the finalisation checklist and the CLI.
 */
export const STATUS_LABELS: Record<TallyStatus, LocalizedText> = {
  empty: text('kosong', 'empty'),
  draft: text('draf', 'draft'),
  entered: text('dientri', 'entered'),
  verified: text('terverifikasi', 'verified'),
  final: text('final', 'final'),
};

/** What a form's chip adds beside its status. */
export const FORM_FLAG_LABELS = {
  errors: text('ada galat', 'has errors'),
  warnings: text('ada peringatan', 'has warnings'),
} as const satisfies Record<string, LocalizedText>;
