import { useTranslation } from '../i18n/index.ts';
import { formatNumber, formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useSyncStatus } from './useSyncStatus.ts';
import './sync.css';

/**
 * The header's sync line: reachable or not, what waits to be sent, open conflicts (a link to
 * resolve them), refusals, the last sync and the last error. Nothing while not enrolled.
 */
export function SyncStatusBadge() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const status = useSyncStatus();
  if (status.loading || !status.enrolment) return null;
  const { counts, engine } = status;
  const state = engine.phase === 'syncing' ? 'syncing' : engine.reachable === false ? 'offline' : status.lastError ? 'error' : 'ok';
  const label =
    state === 'syncing'
      ? t('sync.status.syncing')
      : state === 'offline'
        ? t('sync.status.offline')
        : status.lastSyncAt
          ? t('sync.status.synced', { time: formatWib(status.lastSyncAt, lang) })
          : t('sync.status.neverSynced');
  return (
    <span className="sync-status" data-state={state} data-testid="sync-status">
      <a href="#/sinkron" aria-label={t('sync.status.label')}>
        <span role="status">{label}</span>
      </a>
      {counts.pending > 0 && (
        <span className="badge" data-testid="sync-pending">
          {t('sync.status.pending', { count: formatNumber(counts.pending, lang) })}
        </span>
      )}
      {counts.conflicts > 0 && (
        <a className="badge warn" href="#/konflik" data-testid="sync-conflicts">
          {t('sync.status.conflicts', { count: formatNumber(counts.conflicts, lang) })}
        </a>
      )}
      {counts.failed > 0 && (
        <a className="badge warn" href="#/sinkron" data-testid="sync-failed">
          {t('sync.status.failed', { count: formatNumber(counts.failed, lang) })}
        </a>
      )}
      {status.pullRefused.length > 0 && (
        <a className="badge error" href="#/sinkron" data-testid="sync-pull-refused-badge">
          {t('sync.status.pullRefused', { count: formatNumber(status.pullRefused.length, lang) })}
        </a>
      )}
      {status.auditAlarm && (
        <a className="badge error" href="#/sinkron" title={status.auditAlarm.message[lang]} data-testid="sync-audit-alarm-badge">
          {t('sync.status.auditAlarm')}
        </a>
      )}
      {status.lastError && state !== 'syncing' && (
        <span className="sync-error" title={status.lastError[lang]} data-testid="sync-error">
          {t('sync.status.error')}
        </span>
      )}
    </span>
  );
}
