import { useTranslation } from '../i18n/index.ts';
import { formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import type { DesaCounts } from './status.ts';

export function DesaCountsLine(props: { counts: DesaCounts }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const c = props.counts;
  const n = (v: number) => formatNumber(v, lang);
  return (
    <span className="counts" data-testid="desa-counts">
      <span>{t('nav.tpsCount', { count: c.tps })}</span>
      <span>{t('nav.desaCounts', { done: n(c.done), total: n(c.forms) })}</span>
      {c.withErrors > 0 && <span className="chip chip-errors">{t('nav.errorsCount', { count: c.withErrors })}</span>}
      {c.withWarnings > 0 && <span className="chip chip-warnings">{t('nav.warningsCount', { count: c.withWarnings })}</span>}
    </span>
  );
}
