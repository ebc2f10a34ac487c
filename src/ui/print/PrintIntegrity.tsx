import { useId } from 'react';
import { summaryHashGroups } from '../../domain/summary/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { summaryQrPayload } from '../summary/qr.ts';
import { QrCode } from '../summary/QrCode.tsx';
import { useSignedSummary } from '../summary/useSignedSummary.ts';

/**
 * Beside the wet signatures: the signed summary's SHA-256 in 16 numbered groups of 4 (large, to be
 * read aloud and compared), who signed with which key and when, whether the contest is final, and
 * a QR code of hash, fingerprint and signature. Printed only while the summary still matches the
 * data: a hash of other figures on a signed paper would bind the signatures to the wrong file.
 */
export function PrintIntegrity(props: { contest: ContestId }) {
  const { contest } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const state = useSignedSummary(contest);
  const contestName = t(`contest.${contest}`);
  return (
    <section className="print-integrity" data-testid="print-integrity" data-state={state?.kind ?? 'checking'} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('summary.print.title')}</h2>
      {state === undefined ? (
        <p role="status">{t('summary.checking')}</p>
      ) : state.kind === 'none' ? (
        <p>{t('summary.print.none', { contest: contestName })}</p>
      ) : state.kind === 'error' ? (
        <p role="alert">{state.message[lang]}</p>
      ) : state.kind === 'stale' ? (
        <p role="alert" className="integrity-stale" data-testid="print-integrity-stale">
          {t('summary.print.stale', { when: formatWib(state.record.createdAt, lang), reason: t(`summary.staleReason.${state.reason}`) })}
        </p>
      ) : (
        <div className="integrity-body">
          <div className="integrity-text">
            <p className="integrity-final" data-testid="print-integrity-final" data-final={state.final}>
              {state.final ? t('summary.print.final', { contest: contestName }) : t('summary.print.notFinal', { contest: contestName })}
            </p>
            <p className="integrity-hash-label">{t('summary.print.hash')}</p>
            <ol className="print-hash" data-testid="print-hash-groups" aria-label={t('summary.print.hash')}>
              {summaryHashGroups(state.record.hash).map((group, i) => (
                <li key={i}>
                  <span className="print-hash-n" aria-hidden="true">
                    {i + 1}
                  </span>
                  <code>{group}</code>
                </li>
              ))}
            </ol>
            <dl className="integrity-facts">
              <dt>{t('summary.print.signer')}</dt>
              <dd data-testid="print-integrity-signer">
                {state.record.signer.name} ({t(`verify.role.${state.record.signer.role}`)})
              </dd>
              <dt>{t('summary.print.fingerprint')}</dt>
              <dd>
                <code data-testid="print-integrity-fingerprint">{state.record.signer.fingerprint}</code>
              </dd>
              <dt>{t('summary.print.created')}</dt>
              <dd>
                <time dateTime={state.record.createdAt}>{formatWib(state.record.createdAt, lang)}</time>
              </dd>
              <dt>{t('summary.print.attestation')}</dt>
              <dd>{state.record.attested ? t('summary.print.attested') : t('summary.print.notAttested')}</dd>
              <dt>{t('summary.print.file')}</dt>
              <dd className="integrity-file">{state.record.fileName}</dd>
              <dt>{t('summary.print.contests')}</dt>
              <dd>{state.record.contests.map((c) => t(`contest.${c.contest}`)).join(', ')}</dd>
            </dl>
            <p className="integrity-check">{t('summary.print.howToCheck')}</p>
          </div>
          <QrCode className="integrity-qr" payload={summaryQrPayload(state.record)} label={t('summary.print.qr')} />
        </div>
      )}
    </section>
  );
}
