import type { DesaCode } from '../../domain/codes/codes.ts';
import { findContest, findDesa, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { routeHash } from '../app/route.ts';
import { useTranslation } from '../i18n/index.ts';
import { FinalisationPanel } from './FinalisationPanel.tsx';

/** `#/finalisasi/<contest>[/<desa>]`: the finalisation panel of one desa or the kecamatan. */
export function FinalisationScreen(props: { setup: Setup; contest: ContestId; desa?: DesaCode }) {
  const { setup, contest, desa } = props;
  const { t } = useTranslation();
  if (!findContest(setup, contest) || (desa && !findDesa(setup, desa))) return <p role="alert">{t('finalisation.unknown')}</p>;
  return (
    <section aria-labelledby="finalisation-screen-title">
      <h1 id="finalisation-screen-title">{t('finalisation.screenTitle')}</h1>
      <nav aria-label={t('finalisation.contests')} className="tabs">
        {setup.contests.map((c) => (
          <a key={c.id} href={routeHash({ name: 'finalisation', contest: c.id, ...(desa ? { desa } : {}) })} aria-current={c.id === contest ? 'page' : undefined}>
            {t(`contest.${c.id}`)}
          </a>
        ))}
      </nav>
      <nav aria-label={t('finalisation.areas')} className="tabs">
        <a href={routeHash({ name: 'finalisation', contest })} aria-current={desa ? undefined : 'page'}>
          {t('finalisation.kecamatan', { name: setup.kecamatan.name })}
        </a>
        {setup.desa.map((d) => (
          <a key={d.code} href={routeHash({ name: 'finalisation', contest, desa: d.code })} aria-current={d.code === desa ? 'page' : undefined}>
            {d.name}
          </a>
        ))}
      </nav>
      <FinalisationPanel desa={desa ?? null} contest={contest} />
    </section>
  );
}
