import type { DesaCode } from '../../domain/codes/codes.ts';
import { findContest, findDesa, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { routeHash } from '../app/route.ts';
import { useTranslation } from '../i18n/index.ts';
import { DesaSelect } from './DesaSelect.tsx';
import { DHasilActions } from './DHasilActions.tsx';
import { DHasilView, dhasilTitle } from './DHasilView.tsx';
import { useDHasil } from './useDHasil.ts';
import './dhasil.css';

/** `#/dhasil/<contest>[/<desa>]`: the live D.Hasil of the kecamatan or of one desa. */
export function DHasilScreen(props: { setup: Setup; contest?: ContestId; desa?: DesaCode }) {
  const { setup } = props;
  const { t } = useTranslation();
  const contest = props.contest ?? setup.contests[0]!.id;
  if (!findContest(setup, contest)) return <p role="alert">{t('dhasil.unknownContest', { contest })}</p>;
  if (props.desa && !findDesa(setup, props.desa)) return <p role="alert">{t('dhasil.unknownDesa', { desa: props.desa })}</p>;
  return <DHasilPage key={contest} setup={setup} contest={contest} desa={props.desa} />;
}

/** Title, then one toolbar row (contest, area, CSV, print), so the table starts in the first screen. */
function DHasilPage(props: { setup: Setup; contest: ContestId; desa: DesaCode | undefined }) {
  const { setup, contest, desa } = props;
  const { t } = useTranslation();
  const data = useDHasil(setup, contest, desa);
  const desaName = desa ? (findDesa(setup, desa)?.name ?? desa) : null;
  const title = dhasilTitle(t, setup, contest, desaName);
  return (
    <section aria-labelledby="dhasil-title" className="dhasil-screen">
      <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
        <ol>
          <li>{desa ? <a href={routeHash({ name: 'dhasil', contest })}>{t('dhasil.kecamatanCrumb', { name: setup.kecamatan.name })}</a> : <span aria-current="page">{t('dhasil.kecamatanCrumb', { name: setup.kecamatan.name })}</span>}</li>
          {desaName && <li aria-current="page">{desaName}</li>}
        </ol>
      </nav>
      <h1 id="dhasil-title">{title}</h1>
      <div className="dhasil-toolbar">
        <nav aria-label={t('dhasil.contests')} className="tabs">
          {setup.contests.map((c) => (
            <a key={c.id} href={routeHash({ name: 'dhasil', contest: c.id, ...(desa ? { desa } : {}) })} aria-current={c.id === contest ? 'page' : undefined}>
              {t(`contest.${c.id}`)}
            </a>
          ))}
        </nav>
        <DesaSelect setup={setup} contest={contest} desa={desa} />
        {data?.table && <DHasilActions key={data.table.area.code} setup={setup} table={data.table} stale={data.stale} />}
      </div>
      {data === undefined ? (
        <p role="status">{t('app.loading')}</p>
      ) : data.table === null ? (
        <p role="alert">{t('dhasil.unknownDesa', { desa })}</p>
      ) : (
        <DHasilView setup={setup} table={data.table} title={title} corrupt={data.corrupt} updatedAt={data.updatedAt} />
      )}
    </section>
  );
}
