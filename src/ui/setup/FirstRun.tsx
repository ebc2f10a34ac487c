import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { validateSetup, type Setup } from '../../domain/setup/index.ts';
import { scheduleStartingToday } from '../../domain/setup/reschedule.ts';
import { requestPersistence, saveSetup, setSetting } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { readJsonFile } from '../common/files.ts';
import { useLanguage } from '../common/language.tsx';
import { RestoreBackup } from '../backup/RestoreBackup.tsx';
import { IssueList, type PathIssue } from './IssueList.tsx';
import { PanelChoice } from './PanelChoice.tsx';
import { rememberTypedName, typedName } from './typedName.ts';
import { httpStatusText, unexpectedErrorText } from '../../domain/errors/index.ts';

export const DEMO_SETUP_URL = `${import.meta.env.BASE_URL}demo/puger-setup.json`;

type Problem = { kind: 'message'; text: string } | { kind: 'issues'; issues: PathIssue[] };

/**
 * First run: who is operating, and which election this device serves (the Puger demo or a setup
 * file). A setup is validated completely before anything is stored; a bad file lists its problems
 * with their paths and leaves the device untouched.
 */
export function FirstRun() {
  const db = useAppDb();
  const { t } = useTranslation();
  const lang = useLanguage();
  const ids = { name: useId(), nameHint: useId(), file: useId(), problems: useId() };
  const [name, setName] = useState(typedName);
  const [nameMissing, setNameMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [candidate, setCandidate] = useState<Setup | null>(null);

  const operator = name.trim();
  const requireName = (): boolean => {
    if (operator) return true;
    setNameMissing(true);
    document.getElementById(ids.name)?.focus();
    return false;
  };

  const accept = (input: unknown, adapt: (setup: Setup) => Setup = (setup) => setup) => {
    const result = validateSetup(input);
    if (!result.ok) {
      setProblem({ kind: 'issues', issues: result.error });
      return;
    }
    setProblem(null);
    setCandidate(adapt(result.value));
  };

  const startDemo = async () => {
    if (!requireName()) return;
    setBusy(true);
    setProblem(null);
    try {
      const response = await fetch(DEMO_SETUP_URL);
      if (!response.ok) {
        setProblem({ kind: 'message', text: t('firstRun.fetchFailed', { reason: httpStatusText(response.status)[lang] }) });
        return;
      }
      // The demo's plan starts today (WIB): its shipped February 2024 days would all show late.
      accept(await response.json(), (setup) => scheduleStartingToday(setup, new Date()));
    } catch (e) {
      // "Failed to fetch" or a SyntaxError, worded (src/domain/errors).
      setProblem({ kind: 'message', text: t('firstRun.fetchFailed', { reason: unexpectedErrorText(e)[lang] }) });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    const read = await readJsonFile(file);
    if (!read.ok) {
      setProblem({ kind: 'message', text: t('firstRun.notJson', { reason: read.reason[lang] }) });
      return;
    }
    accept(read.value);
  };

  const finish = async (panel: string | null) => {
    if (!candidate || !requireName()) return;
    setBusy(true);
    // Ask once, on first run, that the browser keep this data (quota eviction would lose figures).
    await requestPersistence(db).catch(() => null);
    const saved = await saveSetup(db, candidate);
    if (!saved.ok) {
      setBusy(false);
      setProblem({ kind: 'message', text: t('firstRun.saveFailed', { reason: saved.error.message[lang] }) });
      return;
    }
    await setSetting(db, 'operatorName', operator);
    await setSetting(db, 'panel', panel);
    // The app switches to the work screen as soon as the stored setup is seen (live query).
  };

  if (candidate) {
    return <PanelChoice setup={candidate} busy={busy} onChoose={(panel) => void finish(panel)} problem={problem?.kind === 'message' ? problem.text : null} />;
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void startDemo();
  };

  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h1 id="first-run-title">{t('firstRun.title')}</h1>
      <p>{t('firstRun.intro')}</p>
      <form className="card" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor={ids.name}>{t('firstRun.operatorName')}</label>
          <input
            id={ids.name}
            type="text"
            autoComplete="name"
            value={name}
            aria-describedby={ids.nameHint}
            aria-invalid={nameMissing && !operator}
            required
            onChange={(e) => {
              setName(e.target.value);
              setNameMissing(false);
              rememberTypedName(e.target.value);
            }}
          />
          <span id={ids.nameHint} className="hint">
            {nameMissing && !operator ? <strong role="alert">{t('firstRun.operatorNameRequired')}</strong> : t('firstRun.operatorNameHint')}
          </span>
        </div>
        <h2>{t('firstRun.chooseSource')}</h2>
        <div className="choices">
          <div className="choice">
            <button type="submit" className="primary" disabled={busy}>
              {t('firstRun.demo')}
            </button>
            <span className="hint">{t('firstRun.demoHint')}</span>
          </div>
          <div className="choice file-button">
            <label htmlFor={ids.file}>{t('firstRun.importSetup')}</label>
            <input
              id={ids.file}
              type="file"
              accept="application/json,.json"
              disabled={busy}
              onChange={(e) => {
                if (!requireName()) {
                  e.target.value = '';
                  return;
                }
                void importFile(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
            <span className="hint">{t('firstRun.importHint')}</span>
          </div>
          <div className="choice">
            <a className="button" href="#/daftar" aria-describedby="server-hint">
              {t('firstRun.server')}
            </a>
            <span className="hint" id="server-hint">
              {t('firstRun.serverHint')}
            </span>
          </div>
        </div>
      </form>
      {busy && <p role="status">{t('firstRun.loading')}</p>}
      {problem?.kind === 'message' && (
        <div className="banner error" role="alert">
          {problem.text}
        </div>
      )}
      {problem?.kind === 'issues' && <IssueList id={ids.problems} title={t('firstRun.refused', { count: problem.issues.length })} issues={problem.issues} />}
      <div className="card">
        <h2>{t('backup.restoreTitle')}</h2>
        {/* A fresh browser profile (new laptop, wiped browser) comes back from the last backup. */}
        <RestoreBackup allowReplace={false} />
      </div>
    </section>
  );
}
