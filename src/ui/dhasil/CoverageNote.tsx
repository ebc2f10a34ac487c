import type { TpsCode } from '../../domain/codes/codes.ts';
import type { Coverage } from '../../domain/export/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { groupTpsByDesa } from './tpsList.ts';

/** Beyond this many TPS a list folds away on screen (the printout always lists them all). */
const INLINE_LIMIT = 24;

/**
 * What a total covers: "covers 220 of 364 TPS", then which TPS are missing and which are not yet
 * verified, grouped by desa. `level` words the sentence for a desa or the kecamatan.
 */
export function CoverageNote(props: { setup: Setup; coverage: Coverage; level: 'desa' | 'kecamatan'; expanded?: boolean }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { coverage: c, setup } = props;
  const n = (v: number) => formatNumber(v, lang);
  const complete = c.missing.length === 0 && c.unverified.length === 0 && c.included >= c.expected;
  return (
    <div className={`coverage ${complete ? 'coverage-complete' : 'coverage-partial'}`} data-testid="coverage">
      <p className="coverage-line">
        {t(`dhasil.covers.${props.level}`, { included: n(c.included), expected: n(c.expected) })}{' '}
        {complete && <strong>{t('dhasil.allVerified')}</strong>}
      </p>
      <TpsListLine setup={setup} label={t('dhasil.missingTps', { count: c.missing.length, n: n(c.missing.length) })} codes={c.missing} expanded={props.expanded} testId="coverage-missing" />
      <TpsListLine
        setup={setup}
        label={t('dhasil.unverifiedTps', { count: c.unverified.length, n: n(c.unverified.length) })}
        codes={c.unverified}
        expanded={props.expanded}
        testId="coverage-unverified"
      />
    </div>
  );
}

/** One list of TPS (missing or unverified) grouped by desa; folded when long unless `expanded`. */
export function TpsListLine(props: { setup: Setup; label: string; codes: readonly TpsCode[]; expanded?: boolean | undefined; testId: string }) {
  if (props.codes.length === 0) return null;
  const groups = groupTpsByDesa(props.setup, props.codes);
  const list = (
    <span className="tps-groups">
      {groups.map((g, i) => (
        <span key={g.desa} className="tps-group">
          {i > 0 && '; '}
          <span className="tps-group-name">{g.name}</span>: TPS {g.numbers.join(', ')}
        </span>
      ))}
    </span>
  );
  if (props.expanded || props.codes.length <= INLINE_LIMIT) {
    return (
      <p data-testid={props.testId}>
        <strong>{props.label}:</strong> {list}
      </p>
    );
  }
  return (
    <details data-testid={props.testId}>
      <summary>
        <strong>{props.label}</strong>
      </summary>
      <p>{list}</p>
    </details>
  );
}
