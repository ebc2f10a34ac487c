import { useRef, useState } from 'react';
import type { Setup } from '../../domain/setup/index.ts';
import { readFailureText, readSummaryText, verifyRead, type SummaryReport } from '../../domain/summary/index.ts';
import { fileReadFailure } from '../common/files.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { ConfirmPaper } from './ConfirmPaper.tsx';
import { ProofCheck } from './ProofCheck.tsx';
import { ReportView } from './ReportView.tsx';
import { SummaryPicker } from './SummaryPicker.tsx';
import { TrustKeyPicker, type TrustedKey } from './TrustKeyPicker.tsx';
import './verify.css';

type Outcome =
  | { kind: 'none' }
  | { kind: 'busy'; fileName: string }
  | { kind: 'unreadable'; fileName: string; message: string }
  | { kind: 'report'; fileName: string; report: SummaryReport };

/**
 * Verify a signed D.Hasil summary (rekap.summary/v1 or v2) on this device, offline: the signature, the
 * server attestation (against a trusted key, if given), the order, every total recomputed from the
 * TPS figures, and the checks on every TPS. When this device's setup is the summary's kecamatan, the
 * summary must have been made with it. Then the next level can accept it against the paper.
 * Below, a witness checks the proof of one TPS against the paper's hash (ProofCheck).
 */
export function VerifyScreen(props: { setup: Setup | null; onAccepted?: (report: SummaryReport) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [trust, setTrust] = useState<TrustedKey | null>(null);
  const [typing, setTyping] = useState(false);
  const lastText = useRef<{ name: string; text: string } | null>(null);
  // Only the latest file's answer may land (a slow large file must not overwrite a newer one).
  const run = useRef(0);

  const verify = async (fileName: string, content: string, trusted: TrustedKey | null) => {
    const mine = ++run.current;
    setTyping(false);
    setOutcome({ kind: 'busy', fileName });
    // Let "checking…" paint first: a kecamatan's file takes a second or more to verify.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (mine !== run.current) return;
    const read = readSummaryText(content);
    if (!read.ok) {
      if (mine === run.current) setOutcome({ kind: 'unreadable', fileName, message: readFailureText(read.error)[lang] });
      return;
    }
    const setup = props.setup && props.setup.kecamatan.code === read.value.summary.kecamatan.code ? props.setup : undefined;
    const report = await verifyRead(read.value, { ...(trusted ? { trust: trusted.jwk } : {}), ...(setup ? { setup } : {}) });
    if (mine === run.current) setOutcome({ kind: 'report', fileName, report });
  };

  const onFile = async (file: File) => {
    let content: string;
    try {
      content = await file.text();
    } catch (e) {
      setOutcome({ kind: 'unreadable', fileName: file.name, message: fileReadFailure(file.name, e)[lang] });
      return;
    }
    lastText.current = { name: file.name, text: content };
    await verify(file.name, content, trust);
  };

  const onTrust = (key: TrustedKey | null) => {
    setTrust(key);
    // The verdict depends on the trusted key: verify the same file again.
    if (lastText.current) void verify(lastText.current.name, lastText.current.text, key);
  };

  return (
    <section aria-labelledby="verify-title" className="verify-screen">
      <h1 id="verify-title">{t('verify.title')}</h1>
      <p className="hint">{t('verify.intro')}</p>
      <div className="card">
        <SummaryPicker onFile={(f) => void onFile(f)} disabled={outcome.kind === 'busy'} />
        <TrustKeyPicker value={trust} onChange={onTrust} />
      </div>
      {outcome.kind === 'busy' && <p role="status">{t('verify.busy', { file: outcome.fileName })}</p>}
      {outcome.kind === 'unreadable' && (
        <div className="banner error" role="alert" data-testid="verify-unreadable">
          {t('verify.unreadable', { file: outcome.fileName, reason: outcome.message })}
        </div>
      )}
      {outcome.kind === 'report' && (
        <>
          <ReportView report={outcome.report} fileName={outcome.fileName} showHash={!typing} />
          {outcome.report.valid ? (
            <ConfirmPaper
              key={outcome.report.hash}
              hash={outcome.report.hash}
              onTypingChange={setTyping}
              onAccepted={() => props.onAccepted?.(outcome.report)}
            />
          ) : (
            <p className="hint">{t('verify.acceptRefused')}</p>
          )}
        </>
      )}
      <ProofCheck trust={trust} />
    </section>
  );
}
