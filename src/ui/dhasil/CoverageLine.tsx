import type { Coverage } from '../../domain/export/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { TpsListLine } from './CoverageNote.tsx';
import './messages.ts';

/**
 * What the total on screen covers, in one line above the table: "covers 34 of 364 TPS · not in:
 * 330 TPS · not verified: 1 TPS". The lists of those TPS (hundreds of numbers before the first
 * figure) open from that line; the printout keeps them in full (CoverageNote).
 */
export function CoverageLine(props: { setup: Setup; coverage: Coverage; level: 'desa' | 'kecamatan' }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { coverage: c, setup } = props;
  const n = (v: number) => formatNumber(v, lang);
  const covers = t(`dhasil.covers.${props.level}`, { included: n(c.included), expected: n(c.expected) });
  if (c.missing.length === 0 && c.unverified.length === 0) {
    const complete = c.included >= c.expected;
    return (
      <p className={`coverage coverage-line ${complete ? 'coverage-complete' : 'coverage-partial'}`} data-testid="coverage">
        {covers} {complete && <strong>{t('dhasil.allVerified')}</strong>}
      </p>
    );
  }
  const gaps = [
    c.missing.length > 0 ? t('dhasilPage.coverageMissing', { n: n(c.missing.length) }) : null,
    c.unverified.length > 0 ? t('dhasilPage.coverageUnverified', { n: n(c.unverified.length) }) : null,
  ].filter((g) => g !== null);
  return (
    <details className="coverage coverage-line coverage-partial" data-testid="coverage">
      <summary>
        {covers}
        {gaps.map((g) => (
          <span key={g} className="coverage-gap">
            {' · '}
            {g}
          </span>
        ))}
        <span className="hint"> · {t('dhasilPage.coverageList')}</span>
      </summary>
      <TpsListLine setup={setup} label={t('dhasil.missingTps', { count: c.missing.length, n: n(c.missing.length) })} codes={c.missing} expanded testId="coverage-missing" />
      <TpsListLine setup={setup} label={t('dhasil.unverifiedTps', { count: c.unverified.length, n: n(c.unverified.length) })} codes={c.unverified} expanded testId="coverage-unverified" />
    </details>
  );
}
