import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Role } from '../../api/index.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { enrolmentLink, isLocalOnly, requestSigner, TransportError, type Enrolment, type IssuedCode } from '../../sync/index.ts';
import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useSyncEngine } from './engine.ts';

const ISSUABLE: readonly Role[] = ['clerk', 'witness', 'panwas', 'chair'];

interface Shown extends IssuedCode {
  link: string;
  /** null: the only address known is this machine's (localhost): no QR that cannot work. */
  svg: string | null;
}

/**
 * The chair issues one-time enrolment codes for the panel clerks (scoped to their panel's desa),
 * witnesses and Panwascam (read-only), shown as text, as a link and as a QR code to scan.
 */
export function IssueCodes(props: { setup: Setup; enrolment: Enrolment }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const engine = useSyncEngine();
  const ids = { role: useId(), panel: useId() };
  const [role, setRole] = useState<Role>('clerk');
  const [panel, setPanel] = useState(props.setup.panels[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [issued, setIssued] = useState<Shown | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const transport = await engine.transport();
      if (!transport) return;
      const code = await transport.issueCode(role, role === 'clerk' ? panel : null, await requestSigner(engine.store));
      // The server's own idea of its address wins: this device may have enrolled at localhost.
      const link = enrolmentLink(code.serverUrl ?? props.enrolment.serverUrl, code.code);
      // An address the server was given (PUBLIC_URL) is trusted as set; only a guess of localhost gets no QR.
      const reachable = code.serverUrl ? true : !isLocalOnly(link);
      // The encoder is fetched on first use: only the chair issuing codes draws one.
      const qrSvg = reachable ? (await import('qrcode')).toString : null;
      setIssued({ ...code, link, svg: qrSvg ? await qrSvg(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null });
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      setProblem(t('sync.codes.failed', { reason: error.failure.message[lang] }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <h2>{t('sync.codes.title')}</h2>
      <p>{t('sync.codes.intro')}</p>
      <form onSubmit={(e) => void onSubmit(e)}>
        <div className="field">
          <label htmlFor={ids.role}>{t('sync.codes.role')}</label>
          <select id={ids.role} value={role} onChange={(e) => (setRole(e.target.value as Role), setIssued(null))}>
            {ISSUABLE.map((r) => (
              <option key={r} value={r}>
                {t(`sync.roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        {role === 'clerk' && (
          <div className="field">
            <label htmlFor={ids.panel}>{t('sync.codes.panel')}</label>
            <select id={ids.panel} value={panel} onChange={(e) => (setPanel(e.target.value), setIssued(null))}>
              {props.setup.panels.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('sync.codes.issue')}
        </button>
      </form>
      {problem && (
        <div className="banner error" role="alert">
          {problem}
        </div>
      )}
      {issued && (
        <div className="issued-code" data-testid="issued-code">
          <p>
            {t('sync.codes.for', { role: t(`sync.roles.${issued.role}`) })}{' '}
            <strong className="code" data-testid="code-text">
              {issued.code}
            </strong>
          </p>
          {issued.svg ? (
            <div className="qr" role="img" aria-label={t('sync.codes.qr', { role: t(`sync.roles.${issued.role}`) })} dangerouslySetInnerHTML={{ __html: issued.svg }} />
          ) : (
            <p className="banner warn" role="note" data-testid="code-local-only">
              {t('sync.codes.localOnly')}
            </p>
          )}
          <p>
            <a href={issued.link} data-testid="code-link">
              {issued.link}
            </a>
          </p>
          <p className="hint">{t('sync.codes.expires', { time: formatWib(issued.expiresAt, lang) })}</p>
        </div>
      )}
    </div>
  );
}
