import { useEffect, useMemo } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { Settings } from '../../db/index.ts';
import { DesaScreen } from '../navigation/DesaScreen.tsx';
import { useStatusIndex } from '../navigation/useStatusIndex.ts';
import { homeSelection, WorkHome } from '../navigation/WorkHome.tsx';
import { firstScreenDrawn } from './firstScreen.ts';
import type { Route } from './route.ts';

/** The clerk's lists: the home (day → panel → desa with counts) and one desa's TPS × contest chips. */
export function Lists(props: { setup: Setup; settings: Settings; route: Extract<Route, { name: 'home' | 'desa' }> }) {
  const { setup, settings, route } = props;
  const { t } = useTranslation();
  // Only the stored summaries of the desa on screen are read (src/db/tallySummary.ts), never the forms.
  const homeDay = route.name === 'home' ? route.day : undefined;
  const homePanel = route.name === 'home' ? route.panel : undefined;
  const routeDesa = route.name === 'desa' ? route.desa : null;
  const selection = useMemo(() => homeSelection(setup, { day: homeDay, panel: homePanel, myPanel: settings.panel }), [setup, homeDay, homePanel, settings.panel]);
  const desa = useMemo(() => (routeDesa ? [routeDesa] : selection.list.map((d) => d.desa)), [routeDesa, selection]);
  const status = useStatusIndex(setup, desa);
  const index = status?.index ?? null;
  const drawn = index !== null;
  useEffect(() => {
    if (drawn) firstScreenDrawn();
  }, [drawn]);
  if (index === null && route.name === 'desa') return <p role="status">{t('app.loading')}</p>;
  return (
    <>
      {status && status.corrupt > 0 && (
        <div className="banner error" role="alert">
          {t('nav.corruptRows', { count: status.corrupt })}
        </div>
      )}
      {route.name === 'desa' && index ? (
        <DesaScreen setup={setup} index={index} desa={route.desa} />
      ) : (
        <WorkHome setup={setup} index={index} selection={selection} />
      )}
    </>
  );
}
