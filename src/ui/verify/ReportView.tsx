import { cellLabel } from '../../domain/checks/labels.ts';
import type { SummaryFailure, SummaryReport } from '../../domain/summary/index.ts';
import { failureText } from '../../domain/summary/index.ts';
import { formatFigure, formatNumber, formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { HashGroups } from './HashGroups.tsx';

type TotalMismatch = Extract<SummaryFailure, { kind: 'total-mismatch' }>;

/** The verdict and everything it rests on, failure by failure. */
export function ReportView(props: { report: SummaryReport; fileName: string; showHash: boolean }) {
  const { report } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const { summary } = report;
  const totals = report.failures.filter((f): f is TotalMismatch => f.kind === 'total-mismatch');
  const errors = report.findings.filter((f) => f.severity === 'error').length;

  return (
    <div className="verify-report" data-testid="verify-report" data-valid={report.valid}>
      {report.valid ? (
        <div className="banner ok" role="status" data-testid="verify-verdict">
          <strong>{t('verify.valid')}</strong> {t('verify.validDetail', { file: props.fileName })}
        </div>
      ) : (
        <div className="banner error" role="alert" data-testid="verify-verdict">
          <strong>{t('verify.invalid')}</strong> {t('verify.invalidDetail', { file: props.fileName, count: report.failures.length })}
        </div>
      )}

      {!report.valid && (
        <section className="card" aria-labelledby="verify-failures">
          <h2 id="verify-failures">{t('verify.failuresTitle')}</h2>
          <ol className="verify-failures" data-testid="verify-failures">
            {report.failures.map((f, i) => (
              <li key={i} data-kind={f.kind}>
                {failureText(f)[lang]}
              </li>
            ))}
          </ol>
          {totals.length > 0 && (
            <div className="table-scroll">
              <table className="verify-totals">
                <caption>{t('verify.totalsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('verify.colContest')}</th>
                    <th scope="col">{t('verify.colArea')}</th>
                    <th scope="col">{t('verify.colFigure')}</th>
                    <th scope="col">{t('verify.colStated')}</th>
                    <th scope="col">{t('verify.colRecomputed')}</th>
                    <th scope="col">{t('verify.colSuspects')}</th>
                  </tr>
                </thead>
                <tbody>
                  {totals.map((f, i) => (
                    <tr key={i}>
                      <td>{f.contest}</td>
                      <td>{f.level === 'kecamatan' ? t('verify.kecamatanLevel') : `${f.desaName ?? ''} (${f.desa})`}</td>
                      <td>
                        {cellLabel(f.contest, f.path, lang)} <code>{f.path}</code>
                      </td>
                      <td className="num">{formatFigure(f.stated, lang)}</td>
                      <td className="num">{formatFigure(f.recomputed, lang)}</td>
                      <td>{f.suspects.length > 0 ? f.suspects.join(', ') : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="verify-details">
        <h2 id="verify-details">{t('verify.detailsTitle')}</h2>
        <dl className="verify-details">
          <dt>{t('verify.area')}</dt>
          <dd>
            {summary.kecamatan.name} ({summary.kecamatan.code}), {summary.kabupaten.name}, {summary.provinsi.name}
          </dd>
          <dt>{t('verify.election')}</dt>
          <dd>{summary.election.name}</dd>
          <dt>{t('verify.contests')}</dt>
          <dd>{summary.contests.map((c) => c.name ?? c.contest).join(', ')}</dd>
          <dt>{t('verify.created')}</dt>
          <dd>{formatWib(summary.createdAt, lang)}</dd>
          <dt>{t('verify.signer')}</dt>
          <dd data-testid="verify-signer">
            {summary.signer.name} ({t(`verify.role.${summary.signer.role}`)})
          </dd>
          <dt>{t('verify.fingerprint')}</dt>
          <dd>
            <code data-testid="verify-fingerprint">{report.fingerprint}</code>
          </dd>
          <dt>{t('verify.signature')}</dt>
          <dd>{report.signatureValid ? t('verify.signatureOk') : t('verify.signatureBad')}</dd>
          <dt>{t('verify.attestation')}</dt>
          <dd data-testid="verify-attestation">
            {report.attestation.status === 'absent'
              ? t('verify.attestationAbsent')
              : [
                  report.attestation.signatureValid ? t('verify.attestationOk') : t('verify.attestationBad'),
                  t('verify.attestationServer', { fingerprint: report.attestation.serverFingerprint }),
                  report.attestation.trusted === null
                    ? t('verify.attestationUnchecked')
                    : report.attestation.trusted
                      ? t('verify.attestationTrusted')
                      : t('verify.attestationUntrusted'),
                  t('verify.attestationDevice', {
                    name: report.attestation.device.deviceName,
                    role: t(`verify.role.${report.attestation.device.role}`),
                  }),
                ].join(' · ')}
          </dd>
          <dt>{t('verify.setup')}</dt>
          <dd>{t(`verify.setupState.${report.setup}`)}</dd>
          <dt>{t('verify.auditHead')}</dt>
          <dd>{summary.auditHead === null ? t('verify.auditHeadNone') : <code>{summary.auditHead}</code>}</dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="verify-hash">
        <h2 id="verify-hash">{t('verify.hashTitle')}</h2>
        {props.showHash ? (
          <>
            <p className="hint">{t('verify.hashHint')}</p>
            <HashGroups groups={report.hashGroups} label={t('verify.hashTitle')} />
          </>
        ) : (
          <p className="hint">{t('verify.hashHidden')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="verify-coverage">
        <h2 id="verify-coverage">{t('verify.coverageTitle')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('verify.colContest')}</th>
              <th scope="col">{t('verify.colIncluded')}</th>
              <th scope="col">{t('verify.colMissing')}</th>
              <th scope="col">{t('verify.colUnverified')}</th>
              <th scope="col">{t('verify.colValid')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.contests.map((c) => (
              <tr key={c.contest}>
                <th scope="row">{c.name ?? c.contest}</th>
                <td className="num">{formatNumber(c.kecamatan.tpsIncluded, lang)}</td>
                <td className="num">{formatNumber(c.kecamatan.tpsMissing.length, lang)}</td>
                <td className="num">{formatNumber(c.kecamatan.tpsUnverified.length, lang)}</td>
                <td className="num">{formatFigure(c.kecamatan.figures.valid, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card" aria-labelledby="verify-findings">
        <h2 id="verify-findings">{t('verify.findingsTitle')}</h2>
        <p>
          {t('verify.findingsCount', { errors: formatNumber(errors, lang), warnings: formatNumber(report.findings.length - errors, lang) })}
        </p>
        {report.findings.length > 0 && (
          <ul className="verify-findings" data-testid="verify-findings">
            {report.findings.map((f, i) => (
              <li key={i} className={f.severity}>
                <strong>
                  {f.code} · TPS {f.tps} · {f.contest}
                </strong>{' '}
                {f.message[lang]}
                {f.accepted && ` (${t('verify.accepted')})`}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
