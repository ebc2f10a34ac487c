import { formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import type { Counts } from './progress.ts';

const pct = (part: number, whole: number) => (whole === 0 ? 0 : (100 * part) / whole);

/**
 * A desa's forms as one stacked bar — verified, entered (not yet verified), draft, then nothing
 * entered — with the same figures written out beside it (the bar itself is decoration).
 */
export function ProgressBar(props: { counts: Counts }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const c = props.counts;
  const n = (v: number) => formatNumber(v, lang);
  const enteredOnly = c.entered - c.verified;
  return (
    <span className="progress-cell">
      <span className="stacked-bar" aria-hidden="true">
        <span className="seg seg-verified" style={{ width: `${pct(c.verified, c.forms)}%` }} />
        <span className="seg seg-entered" style={{ width: `${pct(enteredOnly, c.forms)}%` }} />
        <span className="seg seg-draft" style={{ width: `${pct(c.draft, c.forms)}%` }} />
      </span>
      <span className="progress-text" data-testid="progress-text">
        {t('progress.barText', { verified: n(c.verified), forms: n(c.forms), pct: n(Math.floor(pct(c.verified, c.forms))) })}
      </span>
    </span>
  );
}
