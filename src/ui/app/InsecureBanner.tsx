import { useTranslation } from '../i18n/index.ts';

/**
 * Service workers, persistent storage, Web Crypto and Web Locks only exist in a secure context
 * (HTTPS or localhost). Opened over plain HTTP from another machine, say so instead of failing quietly.
 */
export function InsecureBanner() {
  const { t } = useTranslation();
  if (typeof window === 'undefined' || window.isSecureContext !== false) return null;
  return (
    <div className="banner error" role="alert" data-testid="insecure-context">
      <div>
        <strong>{t('insecure.title')}</strong>
        <div>{t('insecure.body')}</div>
      </div>
    </div>
  );
}
