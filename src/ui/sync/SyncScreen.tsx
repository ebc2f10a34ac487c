import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { fingerprint } from '../../domain/crypto/keys.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { newOpId } from '../../db/index.ts';
import { recordLabel } from '../../domain/workflow/index.ts';
import { retryFailed, takeServerVersion, type Enrolment, type RoundOutcome } from '../../sync/index.ts';
import { formatNumber, formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { AuditReceiptCard } from './AuditAlarm.tsx';
import { ConnectForm } from './ConnectForm.tsx';
import { DeviceFingerprint } from './DeviceFingerprint.tsx';
import { useSyncEngine } from './engine.ts';
import { IssueCodes } from './IssueCodes.tsx';
import { PullRefusals } from './PullRefusals.tsx';
import { useSyncStatus } from './useSyncStatus.ts';

/**
 * #/sinkron: this device's connection to the server — who it is enrolled as, what waits to be
 * sent, refusals to act on, "sync now" — or the form to connect; the chair issues codes here.
 */
export function SyncScreen(props: { setup: Setup | null; operator: string | null; code?: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const [outcome, setOutcome] = useState<RoundOutcome | null>(null);
  const [print, setPrint] = useState<string | null>(null);
  const [justEnrolled, setJustEnrolled] = useState<Enrolment | null>(null);
  const enrolment = status.enrolment;

  useEffect(() => {
    if (!enrolment) return;
    let live = true;
    void fingerprint(enrolment.attestation.publicKey).then((f) => live && setPrint(f));
    return () => {
      live = false;
    };
  }, [enrolment]);

  if (status.loading) return <p role="status">{t('app.loading')}</p>;
  if (!enrolment) {
    return (
      <section aria-labelledby="sync-title">
        <h1 id="sync-title">{t('sync.screen.title')}</h1>
        <ConnectForm askOperator={!props.operator} operator={props.operator} {...(props.code ? { code: props.code } : {})} onEnrolled={setJustEnrolled} />
        <div className="card">
          <DeviceFingerprint hint />
        </div>
      </section>
    );
  }

  const syncNow = async () => setOutcome(await engine.syncNow());
  const { counts } = status;
  return (
    <section aria-labelledby="sync-title">
      <h1 id="sync-title">{t('sync.screen.title')}</h1>
      {justEnrolled && (
        <div className="banner ok" role="status" data-testid="enrolled">
          <span>{t('sync.connect.done', { role: t(`sync.roles.${justEnrolled.role}`), kecamatan: justEnrolled.kecamatan })}</span>
          <a href="#/">{t('sync.connect.startWork')}</a>
        </div>
      )}
      <div className="card">
        <dl className="facts">
          <dt>{t('sync.screen.server')}</dt>
          <dd data-testid="sync-server">{enrolment.serverUrl}</dd>
          <dt>{t('sync.screen.role')}</dt>
          <dd>
            {t(`sync.roles.${enrolment.role}`)}
            {enrolment.panel ? ` — ${props.setup?.panels.find((p) => p.id === enrolment.panel)?.name ?? enrolment.panel}` : ''}
          </dd>
          <dt>{t('sync.screen.device')}</dt>
          <dd>
            {enrolment.deviceName} ({enrolment.deviceId}){print ? ` — ${t('sync.screen.fingerprint')} ${print}` : ''}
          </dd>
          <dt>{t('sync.screen.lastSync')}</dt>
          <dd>{status.lastSyncAt ? formatWib(status.lastSyncAt, lang) : t('sync.status.neverSynced')}</dd>
          <dt>{t('sync.screen.pending')}</dt>
          <dd data-testid="sync-screen-pending">{formatNumber(counts.pending, lang)}</dd>
          <dt>{t('sync.screen.conflicts')}</dt>
          <dd>{counts.conflicts > 0 ? <a href="#/konflik">{formatNumber(counts.conflicts, lang)}</a> : formatNumber(0, lang)}</dd>
          <dt>{t('sync.screen.auditSent')}</dt>
          <dd data-testid="sync-audit-sent">{status.auditSent > 0 ? t('sync.screen.auditSentValue', { seq: formatNumber(status.auditSent, lang) }) : t('sync.screen.auditNone')}</dd>
          <dt>{t('sync.screen.connection')}</dt>
          <dd>{status.engine.live ? t('sync.screen.live') : status.engine.reachable === false ? t('sync.status.offline') : t('sync.screen.polling')}</dd>
        </dl>
        {status.lastError && (
          <div className="banner error" role="alert" data-testid="sync-last-error">
            {status.lastError[lang]}
          </div>
        )}
        <button type="button" className="primary" onClick={() => void syncNow()} disabled={status.engine.phase === 'syncing'}>
          {t('sync.screen.syncNow')}
        </button>{' '}
        {outcome && <span role="status">{outcomeText(outcome, t)}</span>}
      </div>
      {status.failed.length > 0 && (
        <div className="card">
          <h2>{t('sync.screen.failedTitle')}</h2>
          <p>{t('sync.screen.failedIntro')}</p>
          <ul className="failed-ops">
            {status.failed.map((f) => (
              <li key={f.id} data-testid={`failed-${f.key}`}>
                <strong>{recordLabel(props.setup ?? null, f.key)[lang]}</strong> — {t(`sync.screen.${f.status}`)}: {f.reason[lang]}{' '}
                <button type="button" onClick={() => void retryFailed(engine.store, f.id, newOpId).then(() => engine.kick('write'))}>
                  {t('sync.screen.retry')}
                </button>
                {f.server && (
                  <>
                    {' '}
                    <button type="button" onClick={() => void takeServerVersion(engine.store, f.id, props.operator ?? enrolment.deviceName)}>
                      {t('sync.screen.takeServer')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {status.auditRefused && (
        <div className="card" data-testid="sync-audit-refused">
          <h2>{t('sync.screen.auditRefusedTitle')}</h2>
          <p>{t('sync.screen.auditRefusedIntro')}</p>
          <div className="banner error" role="alert">
            {status.auditRefused.message[lang]} ({formatWib(status.auditRefused.at, lang)})
          </div>
          <button type="button" onClick={() => void engine.retryAudit().then(setOutcome)} disabled={status.engine.phase === 'syncing'}>
            {t('sync.screen.auditRetry')}
          </button>
        </div>
      )}
      <PullRefusals setup={props.setup} refused={status.pullRefused} />
      <AuditReceiptCard enrolment={enrolment} receipt={status.auditReceipt} alarm={status.auditAlarm} />
      {enrolment.role === 'chair' && props.setup && <IssueCodes setup={props.setup} enrolment={enrolment} />}
    </section>
  );
}

function outcomeText(outcome: RoundOutcome, t: (key: string, opts?: Record<string, unknown>) => string): string {
  switch (outcome.kind) {
    case 'synced':
      return t('sync.screen.outcomeSynced', { sent: outcome.push.acknowledged, received: outcome.pull.applied });
    case 'failed':
      return t('sync.screen.outcomeFailed');
    case 'busy':
      return t('sync.screen.outcomeBusy');
    case 'not-enrolled':
      return '';
  }
}
