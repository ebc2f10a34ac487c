import { useTranslation } from '../i18n/index.ts';
import type { DesaCode } from '../../domain/codes/codes.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { findDesa } from '../../domain/setup/index.ts';
import { routeHash } from '../app/route.ts';
import { formatScheduleDate, todayInJakarta } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { DesaCountsLine } from './DesaCountsLine.tsx';
import { desaForDay, type StatusIndex } from './status.ts';

export const ALL = 'semua';

/** The day to open: the route's, else today when it is a recap day, else the first recap day. */
export function defaultDay(setup: Setup, now: Date = new Date()): string {
  const today = todayInJakarta(now);
  if (setup.schedule.days.some((d) => d.date === today)) return today;
  return setup.schedule.days[0]?.date ?? ALL;
}

export interface HomeChoice {
  day?: string | undefined;
  panel?: string | undefined;
  myPanel: string | null;
}

export interface HomeSelection {
  day: string;
  panel: string;
  list: { desa: DesaCode; panel: string | null }[];
}

/** The day and panel the home screen shows (the route's, else today's and the clerk's own) and their desa. */
export function homeSelection(setup: Setup, choice: HomeChoice): HomeSelection {
  const day = choice.day ?? defaultDay(setup);
  const panel = choice.panel ?? choice.myPanel ?? ALL;
  return { day, panel, list: desaForDay(setup, day === ALL ? null : day, panel === ALL ? null : panel) };
}

/**
 * Step 1–3 of the work navigation: day → panel → desa, with counts per desa. The caller makes the
 * `selection` (homeSelection) and reads its desa's forms; `index` is null while they are being
 * read: the tabs stay, the list says it is loading.
 */
export function WorkHome(props: { setup: Setup; index: StatusIndex | null; selection: HomeSelection }) {
  const { setup, index } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const { day, panel, list } = props.selection;
  const panelName = (id: string | null) => setup.panels.find((p) => p.id === id)?.name ?? id ?? '';

  return (
    <section aria-labelledby="work-title">
      <h1 id="work-title">{t('nav.title')}</h1>
      <nav aria-label={t('nav.days')} className="tabs">
        {setup.schedule.days.map((d, i) => (
          <a key={d.date} href={routeHash({ name: 'home', day: d.date, panel })} aria-current={d.date === day ? 'true' : undefined}>
            {t('nav.dayLabel', { n: i + 1 })}: {formatScheduleDate(d.date, lang)} ({t('nav.hours', { start: d.start, end: d.end })})
          </a>
        ))}
        <a href={routeHash({ name: 'home', day: ALL, panel })} aria-current={day === ALL ? 'true' : undefined}>
          {t('nav.allDays')}
        </a>
      </nav>
      <nav aria-label={t('nav.panels')} className="tabs">
        {setup.panels.map((p) => (
          <a key={p.id} href={routeHash({ name: 'home', day, panel: p.id })} aria-current={p.id === panel ? 'true' : undefined}>
            {p.name}
          </a>
        ))}
        <a href={routeHash({ name: 'home', day, panel: ALL })} aria-current={panel === ALL ? 'true' : undefined}>
          {t('nav.allPanels')}
        </a>
      </nav>
      <h2>{t('nav.desaTitle')}</h2>
      {list.length === 0 ? (
        <p>{t('nav.noDesa')}</p>
      ) : index === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <ul className="desa-list">
          {list.map(({ desa: code, panel: p }) => {
            const desa = findDesa(setup, code);
            const counts = index.desa(code);
            const pct = counts.forms === 0 ? 0 : Math.round((100 * counts.done) / counts.forms);
            return (
              <li key={code} data-desa={code}>
                <a href={routeHash({ name: 'desa', desa: code })}>
                  <span className="desa-name">{desa?.name ?? code}</span>
                  {panel === ALL && p && <span className="hint">{panelName(p)}</span>}
                  <DesaCountsLine counts={counts} />
                  <span className="progress" aria-hidden="true">
                    <span style={{ width: `${pct}%` }} />
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
