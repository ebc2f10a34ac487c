import { useId, useState, type FormEvent } from 'react';
import { cellLabel } from '../../domain/checks/labels.ts';
import { CONTEST_LABELS } from '../../domain/labels/contests.ts';
import { parsePaperHash, proofFailureText, proofReadFailureText, readProofText, verifyProof, type ProofReport } from '../../domain/summary/index.ts';
import { figurePaths, getFigure } from '../../domain/tally/fields.ts';
import type { Tally } from '../../domain/tally/tally.ts';
import { fileReadFailure } from '../common/files.ts';
import { formatFigure } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import type { TrustedKey } from './TrustKeyPicker.tsx';

type Outcome =
  | { kind: 'none' }
  | { kind: 'busy' }
  | { kind: 'problem'; message: string }
  | { kind: 'report'; fileName: string; report: ProofReport };

/**
 * A witness checks their own TPS without the whole summary (docs/integrity.md "Proof of one TPS"):
 * they type the 16 hash groups from the paper D.Hasil, open the proof file they were given
 * (`rekap prove`), and see the TPS's figures marked as included in the signed summary — or which
 * contest's figures are not, or which groups of the paper differ.
 */
export function ProofCheck(props: { trust: TrustedKey | null }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const groupsId = useId();
  const fileId = useId();
  const [groups, setGroups] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });

  const check = async (e: FormEvent) => {
    e.preventDefault();
    const paperHash = parsePaperHash(groups);
    if (paperHash === null) return setOutcome({ kind: 'problem', message: t('verify.proof.groupsInvalid') });
    if (!file) return setOutcome({ kind: 'problem', message: t('verify.proof.fileMissing') });
    setOutcome({ kind: 'busy' });
    let content: string;
    try {
      content = await file.text();
    } catch (error) {
      return setOutcome({ kind: 'problem', message: fileReadFailure(file.name, error)[lang] });
    }
    const read = readProofText(content);
    if (!read.ok) return setOutcome({ kind: 'problem', message: t('verify.unreadable', { file: file.name, reason: proofReadFailureText(read.error)[lang] }) });
    const report = await verifyProof(read.value, paperHash, props.trust ? { trust: props.trust.jwk } : {});
    setOutcome({ kind: 'report', fileName: file.name, report });
  };

  return (
    <section className="card verify-proof" aria-labelledby={`${groupsId}-title`} data-testid="proof-check">
      <h2 id={`${groupsId}-title`}>{t('verify.proof.title')}</h2>
      <p className="hint">{t('verify.proof.intro')}</p>
      <form onSubmit={(e) => void check(e)}>
        <div className="field">
          <label htmlFor={groupsId}>{t('verify.proof.groups')}</label>
          <textarea id={groupsId} className="hash-input proof-groups" rows={2} value={groups} spellCheck={false} autoCapitalize="characters" onChange={(e) => setGroups(e.target.value)} />
          <span className="hint">{t('verify.proof.groupsHint')}</span>
        </div>
        <div className="field">
          <label htmlFor={fileId}>{t('verify.proof.file')}</label>
          <input id={fileId} type="file" accept="application/json,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="submit" disabled={outcome.kind === 'busy'}>
          {t('verify.proof.check')}
        </button>
      </form>
      {outcome.kind === 'busy' && <p role="status">{t('verify.proof.busy')}</p>}
      {outcome.kind === 'problem' && (
        <div className="banner error" role="alert" data-testid="proof-problem">
          {outcome.message}
        </div>
      )}
      {outcome.kind === 'report' && <ProofReportView report={outcome.report} fileName={outcome.fileName} />}
    </section>
  );
}

function ProofReportView(props: { report: ProofReport; fileName: string }) {
  const { report } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const head = report.proof.summary;
  return (
    <div data-testid="proof-report" data-valid={report.valid}>
      {report.valid ? (
        <div className="banner ok" role="status" data-testid="proof-verdict">
          <strong>{t('verify.proof.included')}</strong> {t('verify.proof.includedDetail', { tps: report.proof.tps, kecamatan: head.kecamatan.name })}
        </div>
      ) : (
        <div className="banner error" role="alert" data-testid="proof-verdict">
          <strong>{t('verify.proof.notProven')}</strong> {t('verify.proof.notProvenDetail', { tps: report.proof.tps, file: props.fileName })}
          <ol className="verify-failures" data-testid="proof-failures">
            {report.failures.map((f, i) => (
              <li key={i} data-kind={f.kind}>
                {proofFailureText(f)[lang]}
              </li>
            ))}
          </ol>
        </div>
      )}
      <p data-testid="proof-signer">
        {t('verify.proof.signer', { name: head.signer.name, role: t(`verify.role.${head.signer.role}`), fingerprint: report.fingerprint })}
      </p>
      {report.entries.map((e) => {
        const figures = e.entry.figures as unknown as Tally;
        const caption = `${CONTEST_LABELS[e.contest][lang]}, TPS ${e.tps}: ${e.included ? t('verify.proof.entryIncluded') : t('verify.proof.entryNotIncluded')}`;
        return (
          <div className="table-scroll" key={e.contest}>
            <table className="verify-totals" data-testid={`proof-entry-${e.contest}`} data-included={e.included}>
              <caption className={e.included ? undefined : 'error'}>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('verify.colFigure')}</th>
                  <th scope="col">{t('verify.proof.colValue')}</th>
                </tr>
              </thead>
              <tbody>
                {figurePaths(figures).map((path) => (
                  <tr key={path}>
                    <th scope="row">
                      {cellLabel(e.contest, path, lang)} <code>{path}</code>
                    </th>
                    <td className="num">{formatFigure(getFigure(figures, path) ?? null, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
