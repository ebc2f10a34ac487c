import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { setSetting } from '../../db/index.ts';
import { parseEnrolmentCode, type Enrolment } from '../../sync/index.ts';
import { useAppDb } from '../common/db.ts';
import { useLanguage } from '../common/language.tsx';
import { typedName } from '../setup/typedName.ts';
import { useSyncEngine } from './engine.ts';

/** The page's own origin: a PWA served by the hall's server is enrolled with that same server. */
function defaultServerUrl(): string {
  if (typeof window === 'undefined') return '';
  const { origin, pathname } = window.location;
  return origin === 'null' ? '' : `${origin}${pathname.replace(/\/index\.html$/, '').replace(/\/+$/, '')}`;
}

/**
 * "Hubungkan ke server": server address + one-time enrolment code (typed, or the link of a
 * scanned QR code, which fills both). On first run it also asks the operator's name.
 */
export function ConnectForm(props: { code?: string; askOperator: boolean; operator: string | null; onEnrolled?: (e: Enrolment) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const engine = useSyncEngine();
  const ids = { server: useId(), code: useId(), operator: useId(), device: useId(), problem: useId() };
  const [server, setServer] = useState(defaultServerUrl);
  const [code, setCode] = useState(props.code ?? '');
  // On first run, the name already typed on the welcome screen.
  const [operator, setOperator] = useState(() => props.operator ?? typedName());
  const [device, setDevice] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<Enrolment | null>(null);

  if (typeof window !== 'undefined' && window.isSecureContext === false) {
    return (
      <div className="banner error" role="alert">
        {t('sync.connect.insecure')}
      </div>
    );
  }

  const onCodeChange = (value: string) => {
    // A pasted QR link names the server as well.
    const parsed = parseEnrolmentCode(value);
    if (parsed.serverUrl) setServer(parsed.serverUrl);
    setCode(parsed.serverUrl ? parsed.code : value);
    setProblem(null);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const name = operator.trim();
    if (!server.trim() || !code.trim() || (props.askOperator && !name)) {
      setProblem(t('sync.connect.required'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const actor = name || props.operator || '';
      const result = await engine.enrol({ serverUrl: server, code, deviceName: device.trim() || actor || navigator.userAgent.slice(0, 60), actor });
      if (!result.ok) {
        setProblem(result.error[lang]);
        return;
      }
      if (props.askOperator && name) await setSetting(db, 'operatorName', name);
      setDone(result.value);
      props.onEnrolled?.(result.value);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <div className="banner ok" role="status" data-testid="enrolled">
        {t('sync.connect.done', { role: t(`sync.roles.${done.role}`), kecamatan: done.kecamatan })}
      </div>
    );
  }

  return (
    <form className="card" onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby={problem ? ids.problem : undefined}>
      <h2>{t('sync.connect.title')}</h2>
      <p>{t('sync.connect.intro')}</p>
      {props.askOperator && (
        <div className="field">
          <label htmlFor={ids.operator}>{t('sync.connect.operator')}</label>
          <input id={ids.operator} type="text" autoComplete="name" value={operator} required onChange={(e) => setOperator(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={ids.server}>{t('sync.connect.serverUrl')}</label>
        <input id={ids.server} type="url" inputMode="url" autoComplete="url" value={server} required onChange={(e) => setServer(e.target.value)} />
        <span className="hint">{t('sync.connect.serverHint')}</span>
      </div>
      <div className="field">
        <label htmlFor={ids.code}>{t('sync.connect.code')}</label>
        <input id={ids.code} type="text" autoComplete="one-time-code" autoCapitalize="characters" spellCheck={false} value={code} required onChange={(e) => onCodeChange(e.target.value)} />
        <span className="hint">{t('sync.connect.codeHint')}</span>
      </div>
      <div className="field">
        <label htmlFor={ids.device}>{t('sync.connect.deviceName')}</label>
        <input id={ids.device} type="text" value={device} onChange={(e) => setDevice(e.target.value)} />
        <span className="hint">{t('sync.connect.deviceHint')}</span>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('sync.connect.connecting') : t('sync.connect.submit')}
      </button>
      {problem && (
        <div className="banner error" role="alert" id={ids.problem}>
          {problem}
        </div>
      )}
    </form>
  );
}
