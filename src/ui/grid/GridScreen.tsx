import { useTranslation } from '../i18n/index.ts';
import type { DesaCode } from '../../domain/codes/codes.ts';
import { findContest, findDesa, type Setup } from '../../domain/setup/index.ts';
import { formsReadOnly, panelsOfDesa } from '../../domain/workflow/index.ts';
import { routeHash } from '../app/route.ts';
import { useLanguage } from '../common/language.tsx';
import { useDeviceActor } from '../common/useDeviceActor.ts';
import { m, otherPanelNote } from '../entry/messages.ts';
import { DesaGrid } from './DesaGrid.tsx';
import { GRID_CONTESTS, type GridContestId } from './gridContests.ts';
import { g } from './messages.ts';

/** The desa grid mode: breadcrumbs back to the desa, the contests it is offered for, the grid. */
export function GridScreen(props: { setup: Setup; desa: DesaCode; contest: GridContestId; actor: string }) {
  const { setup } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const desa = findDesa(setup, props.desa);
  const contest = findContest(setup, props.contest);
  const deviceActor = useDeviceActor();
  // The same rule as the single form (and the server): a desa this device may not write is read-only.
  const readOnly = deviceActor ? formsReadOnly(deviceActor, props.desa) : null;
  if (!desa) return <p role="alert">{t('entry.unknownTps')}</p>;
  if (!contest) return <p role="alert">{g.notOffered[lang]}</p>;
  const panelName = deviceActor?.panel ? (setup.panels.find((p) => p.id === deviceActor.panel)?.name ?? deviceActor.panel) : null;
  const offered = GRID_CONTESTS.filter((id) => findContest(setup, id));
  return (
    <section aria-labelledby="grid-title" className="grid-screen">
      <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
        <ol>
          <li>
            <a href={routeHash({ name: 'home' })}>{t('nav.backToList')}</a>
          </li>
          <li>
            <a href={routeHash({ name: 'desa', desa: desa.code })}>{desa.name}</a>
          </li>
          <li aria-current="page">
            {g.title[lang]}: {t(`contest.${contest.id}`)}
          </li>
        </ol>
      </nav>
      <div className="grid-head">
        <h1 id="grid-title" className="grid-title">
          {g.title[lang]} — {contest.name} — {desa.name}
        </h1>
        <nav aria-label={t('nav.contest')} className="tabs">
          {offered.map((id) => (
            <a key={id} href={routeHash({ name: 'grid', desa: desa.code, contest: id })} aria-current={id === contest.id ? 'page' : undefined}>
              {t(`contest.${id}`)}
            </a>
          ))}
        </nav>
      </div>
      {readOnly ? (
        <p className="banner info" role="note" data-testid="readonly-note" data-reason={readOnly.code}>
          {(readOnly.code === 'other-panel' ? otherPanelNote(panelsOfDesa(setup, desa.code), desa.name, panelName) : m.readOnlyRole)[lang]}
        </p>
      ) : null}
      <p className="grid-help">
        {g.help[lang]} {readOnly ? null : g.lockedHelp[lang]}
      </p>
      <DesaGrid setup={setup} desa={desa.code} contest={contest} actor={props.actor} readOnly={readOnly !== null} />
    </section>
  );
}
