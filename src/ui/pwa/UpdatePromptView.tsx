import { useTranslation } from '../i18n/index.ts';

export interface UpdatePromptViewProps {
  needRefresh: boolean;
  offlineReady: boolean;
  /** Activates the waiting service worker and reloads: only ever called from the user's click. */
  onReload: () => void;
  onLater: () => void;
  onDismissOfflineReady: () => void;
}

/** The prompt itself, apart from the service-worker wiring (so it can be tested without one). */
export function UpdatePromptView(props: UpdatePromptViewProps) {
  const { t } = useTranslation();
  if (props.needRefresh) {
    return (
      <div className="banner info update-prompt" role="alert" data-testid="update-prompt">
        <div>
          <strong>{t('pwa.newVersion')}</strong>
          <div className="hint">{t('pwa.newVersionHint')}</div>
        </div>
        <button type="button" className="primary" onClick={props.onReload}>
          {t('pwa.reload')}
        </button>
        <button type="button" onClick={props.onLater}>
          {t('pwa.later')}
        </button>
      </div>
    );
  }
  if (props.offlineReady) {
    return (
      <div className="banner ok update-prompt" role="status" data-testid="offline-ready">
        <span>{t('pwa.offlineReady')}</span>
        <button type="button" onClick={props.onDismissOfflineReady}>
          {t('pwa.dismiss')}
        </button>
      </div>
    );
  }
  return null;
}
