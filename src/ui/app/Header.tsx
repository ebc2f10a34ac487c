import { Suspense, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { Screen } from '../../domain/workflow/screens.ts';
import type { DeviceView } from '../common/useRoleView.ts';
import { useOnline } from '../common/useOnline.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { afterFirstScreen } from './firstScreen.ts';
import { lazyNamed } from './lazyNamed.ts';
import { routeHash, type Route } from './route.ts';
import { menuItems } from './menu.ts';

// Live parts loaded once the first screen is drawn (HeaderLive.tsx and firstScreen.ts say why).
const SyncStatusBadge = lazyNamed(afterFirstScreen(() => import('../sync/SyncStatusBadge.tsx')), 'SyncStatusBadge');
const UnexportedBadge = lazyNamed(afterFirstScreen(() => import('./HeaderLive.tsx')), 'UnexportedBadge');

/**
 * Where am I (kecamatan), who is typing (operator), am I online, and the main menu: the screens of
 * this device's role (src/domain/workflow/screens.ts). On a phone the menu folds behind a button
 * (styles.css), so that the screen starts on the first lines.
 */
export function Header(props: { setup: Setup | null; operator: string | null; route: Route; view: DeviceView | undefined }) {
  const { t } = useTranslation();
  const online = useOnline();
  // Open on the screen where it was opened: a tap on a menu item leads elsewhere, and it folds there.
  const hash = routeHash(props.route);
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === hash;
  const items = menuItems(props.setup, props.view);
  const current = (names: readonly Route['name'][]) => (names.includes(props.route.name) ? 'page' : undefined);
  return (
    <header className="app-header" data-open={open}>
      <a className="app-brand" href={routeHash({ name: 'home' })}>
        {t('app.name')}
      </a>
      <div className="app-context">
        {props.setup && <span data-testid="header-kecamatan">{t('header.kecamatan', { name: props.setup.kecamatan.name })}</span>}
        {props.operator && (
          <span className="app-operator" data-testid="header-operator">
            {t('header.operator', { name: props.operator })}
          </span>
        )}
        {props.view?.readOnly && (
          <span className="app-role" data-testid="header-role">
            {t(`sync.roles.${props.view.role}`)}
          </span>
        )}
        <span className="net" data-online={online} role="status" data-testid="network-status">
          {online ? t('header.online') : t('header.offline')}
        </span>
        <Suspense fallback={null}>
          <SyncStatusBadge />
        </Suspense>
      </div>
      <button type="button" className="app-menu-button" aria-expanded={open} aria-controls="app-nav" onClick={() => setOpenAt(open ? null : hash)}>
        {t('header.menu')}
      </button>
      <nav id="app-nav" className="app-nav" aria-label={t('header.mainNav')}>
        {items.map((item) => (
          <a key={item.screen} href={item.href} aria-current={current(item.current)} data-screen={item.screen}>
            {t(LABELS[item.screen])}
            {item.screen === 'backup' && (
              <Suspense fallback={null}>
                <UnexportedBadge />
              </Suspense>
            )}
          </a>
        ))}
        <LanguageSwitch />
      </nav>
    </header>
  );
}

const LABELS: Record<Screen, string> = {
  work: 'header.work',
  progress: 'header.progress',
  dhasil: 'header.dhasil',
  discrepancies: 'header.discrepancies',
  objections: 'header.objections',
  finalisation: 'header.finalisation',
  backup: 'header.backup',
  verify: 'header.verify',
  auditLog: 'header.auditLog',
  kabupaten: 'header.kabupaten',
  sync: 'sync.header',
  settings: 'header.settings',
};
