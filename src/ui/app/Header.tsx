import { Suspense } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { useOnline } from '../common/useOnline.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { afterFirstScreen } from './firstScreen.ts';
import { lazyNamed } from './lazyNamed.ts';
import { routeHash, type Route } from './route.ts';

// Live parts loaded once the first screen is drawn (HeaderLive.tsx and firstScreen.ts say why).
const SyncStatusBadge = lazyNamed(afterFirstScreen(() => import('../sync/SyncStatusBadge.tsx')), 'SyncStatusBadge');
const UnexportedBadge = lazyNamed(afterFirstScreen(() => import('./HeaderLive.tsx')), 'UnexportedBadge');
const EnrolledLinks = lazyNamed(afterFirstScreen(() => import('./HeaderLive.tsx')), 'EnrolledLinks');

/** Where am I (kecamatan), who is typing (operator), am I online, and the main menu. */
export function Header(props: { setup: Setup | null; operator: string | null; route: Route }) {
  const { t } = useTranslation();
  const online = useOnline();
  const current = (names: Route['name'][]) => (names.includes(props.route.name) ? 'page' : undefined);
  return (
    <header className="app-header">
      <a className="app-brand" href={routeHash({ name: 'home' })}>
        {t('app.name')}
      </a>
      <div className="app-context">
        {props.setup && <span data-testid="header-kecamatan">{t('header.kecamatan', { name: props.setup.kecamatan.name })}</span>}
        {props.operator && <span data-testid="header-operator">{t('header.operator', { name: props.operator })}</span>}
        <span className="net" data-online={online} role="status" data-testid="network-status">
          {online ? t('header.online') : t('header.offline')}
        </span>
        <Suspense fallback={null}>
          <SyncStatusBadge />
        </Suspense>
      </div>
      <nav className="app-nav" aria-label={t('header.mainNav')}>
        {props.setup && (
          <>
            <a href={routeHash({ name: 'home' })} aria-current={current(['home', 'desa', 'entry', 'grid'])}>
              {t('header.work')}
            </a>
            <a href={routeHash({ name: 'progress' })} aria-current={current(['progress'])}>
              {t('header.progress')}
            </a>
            <a href={routeHash({ name: 'dhasil' })} aria-current={current(['dhasil', 'print'])}>
              {t('header.dhasil')}
            </a>
            <a href={routeHash({ name: 'discrepancies' })} aria-current={current(['discrepancies'])}>
              {t('header.discrepancies')}
            </a>
            <a href={routeHash({ name: 'objections' })} aria-current={current(['objections'])}>
              {t('header.objections')}
            </a>
            <a href={routeHash({ name: 'finalisation', contest: props.setup.contests[0]!.id })} aria-current={current(['finalisation'])}>
              {t('header.finalisation')}
            </a>
            <a href={routeHash({ name: 'backup' })} aria-current={current(['backup'])}>
              {t('header.backup')}
              <Suspense fallback={null}>
                <UnexportedBadge />
              </Suspense>
            </a>
          </>
        )}
        <a href={routeHash({ name: 'verify' })} aria-current={current(['verify'])}>
          {t('header.verify')}
        </a>
        <Suspense fallback={null}>
          <EnrolledLinks hasSetup={props.setup !== null} current={current} />
        </Suspense>
        <a href={routeHash({ name: 'sync' })} aria-current={current(['sync', 'enrol', 'conflicts'])}>
          {t('sync.header')}
        </a>
        <a href={routeHash({ name: 'settings' })} aria-current={current(['settings'])}>
          {t('header.settings')}
        </a>
        <LanguageSwitch />
      </nav>
    </header>
  );
}
