import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { useUnexportedChanges } from '../backup/useUnexportedChanges.ts';
import { useOnline } from '../common/useOnline.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { routeHash, type Route } from './route.ts';

/** Where am I (kecamatan), who is typing (operator), am I online, and the main menu. */
export function Header(props: { setup: Setup | null; operator: string | null; route: Route }) {
  const { t } = useTranslation();
  const online = useOnline();
  const unexported = useUnexportedChanges();
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
      </div>
      <nav className="app-nav" aria-label={t('header.mainNav')}>
        {props.setup && (
          <>
            <a href={routeHash({ name: 'home' })} aria-current={current(['home', 'desa', 'entry'])}>
              {t('header.work')}
            </a>
            <a href={routeHash({ name: 'backup' })} aria-current={current(['backup'])}>
              {t('header.backup')}
              {unexported > 0 && (
                <span className="badge" data-testid="unexported-badge" aria-label={t('backup.reminder', { count: unexported })}>
                  {unexported}
                </span>
              )}
            </a>
          </>
        )}
        <a href={routeHash({ name: 'settings' })} aria-current={current(['settings'])}>
          {t('header.settings')}
        </a>
        <LanguageSwitch />
      </nav>
    </header>
  );
}
