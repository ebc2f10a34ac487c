import { useTranslation } from '../i18n/index.ts';
import type { TallySummary } from './status.ts';

/** The status of one TPS × contest, plus "ada galat"/"ada peringatan" when the checks say so. */
export function StatusChips(props: { summary: TallySummary }) {
  const { t } = useTranslation();
  const { status, errors, warnings } = props.summary;
  return (
    <>
      <span className={`chip chip-${status}`} data-status={status}>
        {t(`status.${status}`)}
      </span>
      {errors > 0 && (
        <span className="chip chip-errors" data-flag="errors">
          {t('status.errors')}
        </span>
      )}
      {warnings > 0 && (
        <span className="chip chip-warnings" data-flag="warnings">
          {t('status.warnings')}
        </span>
      )}
    </>
  );
}

/** A plain-text version of the chips, for accessible link names. */
export function useStatusText(): (summary: TallySummary) => string {
  const { t } = useTranslation();
  return (s) =>
    [t(`status.${s.status}`), s.errors > 0 ? t('status.errors') : null, s.warnings > 0 ? t('status.warnings') : null]
      .filter(Boolean)
      .join(', ');
}
