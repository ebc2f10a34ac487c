import { useMemo } from 'react';
import type { Setup } from '../../domain/setup/index.ts';
import { routeHash } from '../app/route.ts';
import { formatNumber, todayInJakarta } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useStatusIndex } from '../navigation/useStatusIndex.ts';
import { buildProgress, lateDesa, scheduleView, type Counts, type Progress } from './progress.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { ScheduleView } from './ScheduleView.tsx';
import './progress.css';

const COUNT_KEYS = ['entered', 'verified', 'withErrors', 'missing'] as const satisfies readonly (keyof Counts)[];

/** `#/progres`: the chair's overview — desa × contest counts, the schedule, and what is late. */
export function ProgressScreen(props: { setup: Setup; now?: Date }) {
  const { setup } = props;
  const { t } = useTranslation();
  // The stored per-form summaries, not the forms: 7,955 forms of the largest kecamatan are not read or checked here.
  const status = useStatusIndex(setup);
  const progress = useMemo(() => (status ? buildProgress(setup, status.index) : undefined), [setup, status]);
  const today = todayInJakarta(props.now ?? new Date());
  const schedule = useMemo(() => (progress ? scheduleView(setup, progress, today) : undefined), [setup, progress, today]);
  if (!status || !progress || !schedule) return <p role="status">{t('app.loading')}</p>;
  const late = lateDesa(schedule.days);
  const nameOf = new Map(progress.desa.map((d) => [d.desa as string, d.name]));
  return (
    <section aria-labelledby="progress-title" className="progress-screen">
      <h1 id="progress-title">{t('progress.title')}</h1>
      {status.corrupt > 0 && (
        <div className="banner error" role="alert">
          {t('nav.corruptRows', { count: status.corrupt })}
        </div>
      )}
      {late.length > 0 && (
        <div className="card late-summary" data-testid="late-summary">
          <strong>{t('progress.lateTitle', { count: late.length })}</strong> {late.map((c) => nameOf.get(c) ?? c).join(', ')}
        </div>
      )}
      <h2>{t('progress.matrixTitle')}</h2>
      <ul className="progress-legend" aria-label={t('progress.legend')}>
        <li><span className="swatch seg-verified" aria-hidden="true" />{t('progress.legendVerified')}</li>
        <li><span className="swatch seg-entered" aria-hidden="true" />{t('progress.legendEntered')}</li>
        <li><span className="swatch seg-draft" aria-hidden="true" />{t('progress.legendDraft')}</li>
        <li><span className="swatch missing" aria-hidden="true" />{t('progress.legendMissing')}</li>
      </ul>
      <Matrix setup={setup} progress={progress} late={new Set(late)} />
      <h2>{t('progress.scheduleTitle')}</h2>
      <ScheduleView days={schedule.days} unscheduled={schedule.unscheduled} />
    </section>
  );
}

function Matrix(props: { setup: Setup; progress: Progress; late: Set<string> }) {
  const { setup, progress } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const n = (v: number) => formatNumber(v, lang);
  const cells = (counts: Counts | undefined, contest: string) =>
    COUNT_KEYS.map((key, i) => {
      const value = counts?.[key] ?? 0;
      const cls = [
        i === 0 ? 'contest-start' : '',
        key === 'withErrors' && value > 0 ? 'has-errors' : '',
        key === 'verified' && counts && value === counts.forms ? 'all-verified' : '',
      ].filter(Boolean).join(' ');
      return (
        <td key={`${contest}-${key}`} data-contest={contest} data-count={key} className={cls || undefined}>
          {n(value)}
        </td>
      );
    });
  return (
    <div className="progress-scroll" role="region" aria-labelledby="progress-matrix-caption" tabIndex={0}>
      <table className="progress-matrix" data-testid="progress-matrix">
        <caption id="progress-matrix-caption" className="visually-hidden">
          {t('progress.matrixCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>{t('progress.desa')}</th>
            <th scope="col" rowSpan={2}>{t('progress.progress')}</th>
            {setup.contests.map((c) => (
              <th key={c.id} scope="colgroup" colSpan={COUNT_KEYS.length} className="contest-start">
                {t(`contest.${c.id}`)}
              </th>
            ))}
          </tr>
          <tr>
            {setup.contests.flatMap((c) =>
              COUNT_KEYS.map((key, i) => (
                <th key={`${c.id}-${key}`} scope="col" className={i === 0 ? 'contest-start' : undefined}>
                  <abbr title={t(`progress.count.${key}`)}>{t(`progress.countShort.${key}`)}</abbr>
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {progress.desa.map((d) => {
            const late = props.late.has(d.desa);
            return (
              <tr key={d.desa} data-desa={d.desa} className={late ? 'late' : undefined}>
                <th scope="row">
                  <a href={routeHash({ name: 'desa', desa: d.desa })}>{d.name}</a>{' '}
                  {late ? (
                    <span className="chip chip-late" data-testid="late-chip">{t('progress.late')}</span>
                  ) : (
                    <span className={`chip ${d.state === 'done' ? 'chip-done' : d.state === 'in-progress' ? 'chip-progress' : 'chip-todo'}`}>{t(`progress.state.${d.state}`)}</span>
                  )}
                  <br />
                  <span className="hint">{t('nav.tpsCount', { count: d.tps })}</span>
                </th>
                <td>
                  <ProgressBar counts={d.all} />
                </td>
                {setup.contests.flatMap((c) => cells(d.byContest[c.id], c.id))}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr data-desa="kecamatan">
            <th scope="row">{t('progress.kecamatan', { name: setup.kecamatan.name })}</th>
            <td>
              <ProgressBar counts={progress.kecamatan.all} />
            </td>
            {setup.contests.flatMap((c) => cells(progress.kecamatan.byContest[c.id], c.id))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
