import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { Language } from '../../domain/common/text.ts';
import { unexpectedErrorText } from '../../domain/errors/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { summaryHashGroups } from '../../domain/summary/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { DexieSyncStore } from '../../sync/index.ts';
import { routeHash } from '../app/route.ts';
import { useAppDb } from '../common/db.ts';
import { formatWib } from '../common/format.ts';
import { useSettings } from '../common/hooks.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { DeviceFingerprint } from '../sync/DeviceFingerprint.tsx';
import { HashGroups } from '../verify/HashGroups.tsx';
import { downloadSummary, maySign, signSummaryOnDevice, type SignedExport } from './signOnDevice.ts';
import { useContestFinal, useSignedSummary } from './useSignedSummary.ts';
import '../dhasil/messages.ts';
import './summary.css';

type Scope = 'contest' | 'all';

/**
 * On the kecamatan D.Hasil: the chair signs rekap.summary/v1 of this contest (or of all) with this
 * device's key and downloads it, then sees the hash the printout will carry. Export is allowed at
 * any time, finalised or not: the screen, the file name and the printout say which it is.
 */
export function SignedSummaryPanel(props: {
  setup: Setup;
  contest: ContestId;
  /** Folded into one line (final or not, the last signed summary) that opens the card: on the D.Hasil, below the figures. */
  collapsed?: boolean;
}) {
  const { setup, contest } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const id = useId();
  const settings = useSettings();
  const store = useMemo(() => new DexieSyncStore(db), [db]);
  const meta = useLiveQuery(() => store.meta(), [store]);
  const final = useContestFinal(contest);
  const last = useSignedSummary(contest);
  const [scope, setScope] = useState<Scope>('contest');
  const [typedName, setTypedName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<SignedExport | null>(null);

  if (meta === undefined || settings === undefined) return null;
  const enrolment = meta.enrolment;
  const contestName = t(`contest.${contest}`);
  // Prefilled with the operator's name: on the chair's laptop, the chair.
  const signerName = typedName ?? settings.operatorName ?? '';

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!signerName.trim()) return setError(t('summary.signerRequired'));
    setBusy(true);
    setError(null);
    setDone(null);
    const contests = scope === 'all' ? setup.contests.map((c) => c.id) : [contest];
    let result: Awaited<ReturnType<typeof signSummaryOnDevice>>;
    try {
      result = await signSummaryOnDevice(db, { contests, signerName });
    } catch (e) {
      // An unexpected failure (storage, a damaged audit chain) must not leave the button busy.
      setBusy(false);
      return setError(t('common.error', { message: unexpectedErrorText(e)[lang] }));
    }
    setBusy(false);
    if (!result.ok) return setError(result.error[lang]);
    downloadSummary(result.value.fileName, result.value.json);
    setDone(result.value);
  };

  const body = (
    <>
      <p className="hint">{t('summary.intro')}</p>
      {final !== undefined && (
        <p data-testid="summary-final" data-final={final} className={final ? 'banner ok' : 'banner warn'}>
          {final ? t('summary.final', { contest: contestName }) : t('summary.notFinal', { contest: contestName })}
        </p>
      )}
      <LastSummary state={last} />
      {!maySign(enrolment) ? (
        <p role="note" data-testid="summary-chair-only">
          {t('summary.chairOnly', { role: t(`sync.roles.${enrolment!.role}`) })}
        </p>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} aria-label={t('summary.title')}>
          <fieldset className="summary-scope">
            <legend>{t('summary.scope')}</legend>
            <label>
              <input type="radio" name={`${id}-scope`} checked={scope === 'contest'} onChange={() => setScope('contest')} /> {t('summary.scopeContest', { contest: contestName })}
            </label>{' '}
            <label>
              <input type="radio" name={`${id}-scope`} checked={scope === 'all'} onChange={() => setScope('all')} /> {t('summary.scopeAll', { count: setup.contests.length })}
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-signer`}>{t('summary.signer')}</label>
            <input id={`${id}-signer`} type="text" value={signerName} maxLength={200} onChange={(e) => setTypedName(e.target.value)} aria-describedby={`${id}-signer-hint`} />
            <p className="hint" id={`${id}-signer-hint`}>
              {t('summary.signerHint')}
            </p>
          </div>
          <DeviceFingerprint />
          <p data-testid="summary-attestation">
            {t('summary.attestation')}: {enrolment ? t('summary.attested') : t('summary.notAttested')}
          </p>
          <button type="submit" className="primary" disabled={busy}>
            {t('summary.export')}
          </button>{' '}
          {busy && <span role="status">{t('summary.busy')}</span>}
        </form>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {done && (
        <div className="summary-done" data-testid="summary-done" data-hash={done.hash}>
          <p role="status" className="banner ok">
            {t('summary.exported', { file: done.fileName })}
          </p>
          <p data-testid="summary-done-final" className={done.allFinal ? '' : 'summary-not-final'}>
            {done.allFinal ? t('summary.exportedFinal') : t('summary.exportedNotFinal')}
          </p>
          <h3>{t('summary.hashTitle')}</h3>
          <HashGroups groups={summaryHashGroups(done.hash)} label={t('summary.hashTitle')} />
          <a className="button" href={routeHash({ name: 'print', contest })}>
            {t('summary.printLink')}
          </a>
        </div>
      )}
    </>
  );
  if (props.collapsed) {
    return (
      <details className="card signed-summary fold" data-testid="signed-summary">
        <summary>
          <h2>
            {t('summary.title')}: <span data-testid="summary-status">{statusLine(t, contestName, final, last, lang)}</span>
          </h2>
        </summary>
        {body}
      </details>
    );
  }
  return (
    <section className="card signed-summary" aria-labelledby={`${id}-title`} data-testid="signed-summary">
      <h2 id={`${id}-title`}>{t('summary.title')}</h2>
      {body}
    </section>
  );
}

/** The folded card's one line: whether the contest is final, and the last signed summary. */
function statusLine(t: ReturnType<typeof useTranslation>['t'], contestName: string, final: boolean | undefined, last: ReturnType<typeof useSignedSummary>, lang: Language): string {
  const parts: string[] = [];
  if (final !== undefined) parts.push(final ? t('dhasilPage.summaryFinal', { contest: contestName }) : t('dhasilPage.summaryNotFinal', { contest: contestName }));
  if (last?.kind === 'none') parts.push(t('dhasilPage.summaryNone'));
  else if (last?.kind === 'error') parts.push(t('dhasilPage.summaryUnreadable'));
  else if (last) parts.push(t(last.kind === 'current' ? 'dhasilPage.summaryCurrent' : 'dhasilPage.summaryStale', { when: formatWib(last.record.createdAt, lang) }));
  return parts.join(' · ');
}

function LastSummary(props: { state: ReturnType<typeof useSignedSummary> }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { state } = props;
  if (state === undefined) return <p className="hint">{t('summary.checking')}</p>;
  switch (state.kind) {
    case 'none':
      return null;
    case 'error':
      return (
        <p className="banner warn" data-testid="summary-last">
          {state.message[lang]}
        </p>
      );
    case 'current':
    case 'stale':
      return (
        <p data-testid="summary-last" data-state={state.kind}>
          {t('summary.last', { file: state.record.fileName, when: formatWib(state.record.createdAt, lang) })}{' '}
          {state.kind === 'current' ? t('summary.lastCurrent') : <strong>{t('summary.lastStale', { reason: t(`summary.staleReason.${state.reason}`) })}</strong>}
        </p>
      );
  }
}
