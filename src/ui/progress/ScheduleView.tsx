import { routeHash } from '../app/route.ts';
import { formatNumber, formatScheduleDate } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import type { DesaProgress, ScheduleDayView } from './progress.ts';

/** Each recap day: per panel, the desa planned and how far each is; late desa stand out. */
export function ScheduleView(props: { days: readonly ScheduleDayView[]; unscheduled: readonly DesaProgress[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const n = (v: number) => formatNumber(v, lang);
  if (props.days.length === 0) return <p>{t('progress.noSchedule')}</p>;
  return (
    <div data-testid="schedule">
      {props.days.map((day, i) => (
        <section key={day.date} className="card schedule-day" data-date={day.date} data-when={day.when} aria-labelledby={`day-${day.date}`}>
          <h3 id={`day-${day.date}`}>
            <span>
              {t('nav.dayLabel', { n: i + 1 })}: {formatScheduleDate(day.date, lang)} ({t('nav.hours', { start: day.start, end: day.end })})
            </span>
            <span className={`chip ${day.when === 'today' ? 'chip-progress' : 'chip-todo'}`}>{t(`progress.when.${day.when}`)}</span>
          </h3>
          <div className="schedule-panels">
            {day.panels.map((p) => (
              <div key={p.panel} data-panel={p.panel}>
                <h4>
                  {p.name}: {t('progress.panelDone', { done: n(p.done), planned: n(p.desa.length) })}
                </h4>
                <ul>
                  {p.desa.map(({ progress: d, late }) => (
                    <li key={d.desa} data-desa={d.desa} className={late ? 'late' : undefined}>
                      <a href={routeHash({ name: 'desa', desa: d.desa })}>{d.name}</a>{' '}
                      {late ? (
                        <span className="chip chip-late">{t('progress.late')}</span>
                      ) : (
                        <span className={`chip ${d.state === 'done' ? 'chip-done' : d.state === 'in-progress' ? 'chip-progress' : 'chip-todo'}`}>{t(`progress.state.${d.state}`)}</span>
                      )}
                      <br />
                      <span className="hint">
                        {t('progress.desaLine', { verified: n(d.all.verified), entered: n(d.all.entered), forms: n(d.all.forms) })}
                        {d.all.withErrors > 0 && ` · ${t('nav.errorsCount', { count: d.all.withErrors })}`}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>
      ))}
      {props.unscheduled.length > 0 && (
        <p className="hint" data-testid="unscheduled">
          {t('progress.unscheduled')}: {props.unscheduled.map((d) => d.name).join(', ')}
        </p>
      )}
    </div>
  );
}
