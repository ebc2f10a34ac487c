import { Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useSettings, useSetupState } from '../common/hooks.ts';
import { useLanguage } from '../common/language.tsx';
import { ErrorBoundary } from '../common/ErrorBoundary.tsx';
import { useRoleView } from '../common/useRoleView.ts';
import { Header } from './Header.tsx';
import { InsecureBanner } from './InsecureBanner.tsx';
import { afterFirstScreen, firstScreenDrawn } from './firstScreen.ts';
import { lazyNamed } from './lazyNamed.ts';
import { parseRoute, routeHash, useRoute } from './route.ts';
import { preloadRoute, renderRoute, shownRoute } from './routes.tsx';

// Background work that draws nothing: it starts once the first screen is drawn (firstScreen.ts).
const SyncRunner = lazyNamed(afterFirstScreen(() => import('../sync/SyncRunner.tsx')), 'SyncRunner');
const AuditSealer = lazyNamed(afterFirstScreen(() => import('../common/useAuditSealer.ts')), 'AuditSealer');
// Shows itself only after a live count anyway; its export button brings the whole backup writer.
const BackupReminder = lazyNamed(afterFirstScreen(() => import('../backup/BackupReminder.tsx')), 'BackupReminder');

/**
 * The shell: header, reminders and the screen for the current route. `extras` holds things that
 * only exist in the real app (the service-worker update prompt), so tests can render the shell bare.
 */
export function App(props: { extras?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = useLanguage();
  const setupState = useSetupState();
  const settings = useSettings();
  const view = useRoleView();
  const [asked] = useRoute();
  // A screen outside this device's role (src/domain/workflow/screens.ts) gives way to the role's home.
  const route = view ? shownRoute(asked, view) : asked;

  // The stored language wins over the default once settings are read.
  const storedLanguage = settings?.language;
  useEffect(() => {
    if (storedLanguage && storedLanguage !== i18n.language) void i18n.changeLanguage(storedLanguage);
  }, [storedLanguage, i18n]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // On a reload into a lazily loaded screen, its chunk comes while the setup is still being read.
  const hash = routeHash(route);
  useEffect(() => {
    preloadRoute(parseRoute(hash)).catch(() => undefined);
  }, [hash]);

  const setup = setupState.state === 'ready' ? setupState.setup : null;
  // The lists say when their counts are drawn (Lists.tsx); any other screen is drawn with the shell.
  const ready = setupState.state !== 'loading' && settings !== undefined && view !== undefined;
  const drawsItself = setup !== null && (route.name === 'home' || route.name === 'desa');
  useEffect(() => {
    if (ready && !drawsItself) firstScreenDrawn();
  }, [ready, drawsItself]);
  let body: ReactNode;
  if (setupState.state === 'loading' || settings === undefined || view === undefined) {
    body = <p role="status">{t('app.loading')}</p>;
  } else if (setupState.state === 'corrupt') {
    body = (
      <div className="banner error" role="alert">
        {t('app.corruptSetup')} {setupState.error.message[lang]}
      </div>
    );
  } else {
    body = renderRoute(route, setup, settings);
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header setup={setup} operator={settings?.operatorName ?? null} route={route} view={view} />
      <main id="main" tabIndex={-1}>
        <InsecureBanner />
        {/* Not above the form: a banner appearing after the first keystroke would shift every cell.
            Not on a device that holds nothing of its own to export (a witness's phone). */}
        {setup && view?.may['backup-export'] && route.name !== 'entry' && route.name !== 'grid' && (
          <ErrorBoundary>
            <Suspense fallback={null}>
              <BackupReminder setup={setup} />
            </Suspense>
          </ErrorBoundary>
        )}
        <ErrorBoundary resetKey={hash}>
          {/* Most screens are loaded on first use (routes.tsx); a moment of "Memuat…" while one is. */}
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>{body}</Suspense>
        </ErrorBoundary>
      </main>
      <Suspense fallback={null}>
        <SyncRunner />
        <AuditSealer />
      </Suspense>
      {props.extras}
    </>
  );
}
