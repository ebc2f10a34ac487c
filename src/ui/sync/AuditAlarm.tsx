import type { Enrolment, AuditAlarmState } from '../../sync/index.ts';
import type { SignedCheckpoint } from '../../domain/audit/index.ts';
import { fingerprintOfKeyHash } from '../../domain/crypto/keys.ts';
import { downloadJson } from '../common/files.ts';
import { formatNumber, formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useSyncEngine } from './engine.ts';

/**
 * Issue 14, "anchored chains", on the sync screen: the receipt this device keeps (the server's
 * latest signed checkpoint of its audit chain) with a button to save it as a file — what a clerk
 * or witness hands to whoever runs `rekap server verify-audit --receipts <folder>` — and, when the
 * server's answer contradicted it, the alarm in words until a person says it was reported.
 */
export function AuditReceiptCard(props: { enrolment: Enrolment; receipt: SignedCheckpoint | null; alarm: AuditAlarmState | null }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const engine = useSyncEngine();
  const { receipt, alarm, enrolment } = props;
  return (
    <div className="card" data-testid="sync-audit-receipt">
      {alarm && (
        <>
          <h2>{t('sync.screen.auditAlarmTitle')}</h2>
          <div className="banner error" role="alert" data-testid="sync-audit-alarm" data-kind={alarm.kind}>
            {alarm.message[lang]} ({formatWib(alarm.at, lang)})
          </div>
          <p>{t('sync.screen.auditAlarmIntro')}</p>
        </>
      )}
      <dl className="facts">
        <dt>{t('sync.screen.auditReceipt')}</dt>
        <dd data-testid="sync-audit-receipt-value">
          {receipt ? t('sync.screen.auditReceiptValue', { n: formatNumber(receipt.n, lang), seq: formatNumber(receipt.chain.seq, lang), time: formatWib(receipt.at, lang) }) : t('sync.screen.auditReceiptNone')}
        </dd>
      </dl>
      {receipt && (
        <>
          <p className="hint">{t('sync.screen.auditReceiptHint')}</p>
          <button type="button" onClick={() => downloadJson(receiptFileName(enrolment, receipt), receipt)}>
            {t('sync.screen.auditReceiptDownload')}
          </button>{' '}
        </>
      )}
      {alarm && (
        <button type="button" onClick={() => void engine.acknowledgeAuditAlarm()}>
          {t('sync.screen.auditAlarmAck')}
        </button>
      )}
    </div>
  );
}

/** One file per device: `rekap-tanda-terima-<kecamatan>-<fingerprint>-n<checkpoint>.json`. */
export function receiptFileName(enrolment: Pick<Enrolment, 'kecamatan'>, receipt: SignedCheckpoint): string {
  return `rekap-tanda-terima-${enrolment.kecamatan}-${fingerprintOfKeyHash(receipt.device.keyHash).replace(/ /g, '')}-n${receipt.n}.json`;
}
