import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { BackupReminder } from '../backup/BackupReminder.tsx';
import { BackupScreen } from '../backup/BackupScreen.tsx';
import { useSettings, useSetupState, useTallyList } from '../common/hooks.ts';
import { useLanguage } from '../common/language.tsx';
import { ErrorBoundary } from '../common/ErrorBoundary.tsx';
import { DesaScreen } from '../navigation/DesaScreen.tsx';
import { DiscrepanciesScreen } from '../discrepancies/DiscrepanciesScreen.tsx';
import { FinalisationScreen } from '../finalisation/FinalisationScreen.tsx';
import { ObjectionsScreen } from '../objections/ObjectionsScreen.tsx';
import { DHasilScreen } from '../dhasil/DHasilScreen.tsx';
import { PrintScreen } from '../print/PrintScreen.tsx';
import { ProgressScreen } from '../progress/ProgressScreen.tsx';
import { buildStatusIndex } from '../navigation/status.ts';
import { homeSelection, WorkHome } from '../navigation/WorkHome.tsx';
import { FirstRun } from '../setup/FirstRun.tsx';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { VerifyScreen } from '../verify/VerifyScreen.tsx';
import { KecamatanHistoryScreen } from '../history/KecamatanHistoryScreen.tsx';
import { KabupatenScreen } from '../kabupaten/KabupatenScreen.tsx';
import type { Settings } from '../../db/index.ts';
import { ConflictsScreen } from '../sync/ConflictsScreen.tsx';
import { SyncRunner } from '../sync/SyncRunner.tsx';
import { AuditSealer } from '../common/useAuditSealer.ts';
import { SyncScreen } from '../sync/SyncScreen.tsx';
import { GridScreen } from '../grid/GridScreen.tsx';
import { EntryScreen } from './EntryScreen.tsx';
import { Header } from './Header.tsx';
import { InsecureBanner } from './InsecureBanner.tsx';
import { routeHash, useRoute, type Route } from './route.ts';

/**
 * The shell: header, reminders and the screen for the current route. `extras` holds things that
 * only exist in the real app (the service-worker update prompt), so tests can render the shell bare.
 */
export function App(props: { extras?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = useLanguage();
  const setupState = useSetupState();
  const settings = useSettings();
  const [route] = useRoute();

  // The stored language wins over the default once settings are read.
  const storedLanguage = settings?.language;
  useEffect(() => {
    if (storedLanguage && storedLanguage !== i18n.language) void i18n.changeLanguage(storedLanguage);
  }, [storedLanguage, i18n]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setup = setupState.state === 'ready' ? setupState.setup : null;
  let body: ReactNode;
  if (setupState.state === 'loading' || settings === undefined) {
    body = <p role="status">{t('app.loading')}</p>;
  } else if (setupState.state === 'corrupt') {
    body = (
      <div className="banner error" role="alert">
        {t('app.corruptSetup')} {setupState.error.message[lang]}
      </div>
    );
  } else if (route.name === 'settings') {
    body = <SettingsScreen setup={setup} settings={settings} />;
  } else if (route.name === 'verify') {
    // Anyone may verify a summary (a witness, the kabupaten): no setup of one's own is needed.
    body = <VerifyScreen setup={setup} />;
  } else if (route.name === 'kabupaten') {
    // The totals come from the server this device is enrolled with, not from the local setup.
    body = <KabupatenScreen />;
  } else if (route.name === 'sync' || route.name === 'enrol') {
    // Connecting needs no setup of one's own: enrolment brings the server's.
    body = <SyncScreen setup={setup} operator={settings.operatorName} {...(route.name === 'enrol' && route.code ? { code: route.code } : {})} />;
  } else if (setup === null) {
    body = <FirstRun />;
  } else {
    body = <Work setup={setup} settings={settings} route={route} />;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header setup={setup} operator={settings?.operatorName ?? null} route={route} />
      <main id="main" tabIndex={-1}>
        <InsecureBanner />
        {/* Not above the form: a banner appearing after the first keystroke would shift every cell. */}
        {setup && route.name !== 'entry' && route.name !== 'grid' && (
          <ErrorBoundary>
            <BackupReminder setup={setup} />
          </ErrorBoundary>
        )}
        <ErrorBoundary resetKey={routeHash(route)}>{body}</ErrorBoundary>
      </main>
      <SyncRunner />
      <AuditSealer />
      {props.extras}
    </>
  );
}

function Work(props: { setup: Setup; settings: Settings; route: Route }) {
  const { setup, settings, route } = props;
  const actor = settings.operatorName ?? '';
  // Tallies (and the checks behind the chips) are only read on the list screens, not under the form.
  if (route.name === 'entry') return <EntryScreen setup={setup} tps={route.tps} contest={route.contest} actor={actor} />;
  if (route.name === 'grid') return <GridScreen setup={setup} desa={route.desa} contest={route.contest} actor={actor} />;
  if (route.name === 'backup') return <BackupScreen setup={setup} actor={actor} />;
  if (route.name === 'auditLog') return <KecamatanHistoryScreen setup={setup} />;
  if (route.name === 'conflicts') return <ConflictsScreen setup={setup} actor={actor} />;
  if (route.name === 'discrepancies') return <DiscrepanciesScreen setup={setup} actor={actor} />;
  if (route.name === 'objections') {
    const prefill = route.tps ? { tps: route.tps, ...(route.contest ? { contest: route.contest } : {}) } : undefined;
    return <ObjectionsScreen setup={setup} actor={actor} {...(prefill ? { prefill } : {})} />;
  }
  if (route.name === 'finalisation') return <FinalisationScreen setup={setup} contest={route.contest} {...(route.desa ? { desa: route.desa } : {})} />;
  if (route.name === 'progress') return <ProgressScreen setup={setup} />;
  if (route.name === 'dhasil') return <DHasilScreen setup={setup} {...(route.contest ? { contest: route.contest } : {})} {...(route.desa ? { desa: route.desa } : {})} />;
  if (route.name === 'print') return <PrintScreen setup={setup} contest={route.contest} {...(route.desa ? { desa: route.desa } : {})} />;
  return <Lists setup={setup} settings={settings} route={route} />;
}

function Lists(props: { setup: Setup; settings: Settings; route: Route }) {
  const { setup, settings, route } = props;
  const { t } = useTranslation();
  // Only the rows of the desa on screen are read and checked (a few hundred forms, not 8,000).
  const homeDay = route.name === 'home' ? route.day : undefined;
  const homePanel = route.name === 'home' ? route.panel : undefined;
  const routeDesa = route.name === 'desa' ? route.desa : null;
  const selection = useMemo(() => homeSelection(setup, { day: homeDay, panel: homePanel, myPanel: settings.panel }), [setup, homeDay, homePanel, settings.panel]);
  const desa = useMemo(() => (routeDesa ? [routeDesa] : selection.list.map((d) => d.desa)), [routeDesa, selection]);
  const list = useTallyList(desa);
  const index = useMemo(() => (list ? buildStatusIndex(setup, list.rows, desa) : null), [setup, list, desa]);
  if (index === null && route.name === 'desa') return <p role="status">{t('app.loading')}</p>;
  return (
    <>
      {list && list.corrupt.length > 0 && (
        <div className="banner error" role="alert">
          {t('nav.corruptRows', { count: list.corrupt.length })}
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
