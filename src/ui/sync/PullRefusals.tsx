import { recordLabel } from '../../domain/workflow/index.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import type { RefusedChange } from '../../sync/index.ts';
import { formatNumber, formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';

/**
 * Records the server sent that were not what their device signed (src/sync/pullProofs.ts): never
 * stored on this device, listed so that a person reports them — they mean the server's copy was
 * changed after a device sent it (docs/integrity.md, "Records every device checks").
 */
export function PullRefusals(props: { setup: Setup | null; refused: readonly RefusedChange[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  if (props.refused.length === 0) return null;
  return (
    <div className="card" data-testid="sync-pull-refused">
      <h2>{t('sync.screen.pullRefusedTitle', { count: props.refused.length })}</h2>
      <p>{t('sync.screen.pullRefusedIntro')}</p>
      <ul>
        {[...props.refused].reverse().map((r) => (
          <li key={`${r.seq}`} className="banner error" role="alert">
            <strong>{recordLabel(props.setup, r.key)[lang]}</strong>{' '}
            {t('sync.screen.pullRefusedVersion', { version: formatNumber(r.version, lang), seq: formatNumber(r.seq, lang), device: r.deviceId })}: {r.why[lang]} ({formatWib(r.refusedAt, lang)})
          </li>
        ))}
      </ul>
    </div>
  );
}
