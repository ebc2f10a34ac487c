import { useId, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { importBackup, requestPersistence } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { readJsonFile } from '../common/files.ts';
import { useLanguage } from '../common/language.tsx';
import { IssueList, type PathIssue } from '../setup/IssueList.tsx';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string; issues?: PathIssue[] };

/**
 * Restores a backup file. Into a fresh profile it simply loads; a device that already holds other
 * data is only overwritten when the user ticks "replace" (the db refuses otherwise).
 */
export function RestoreBackup(props: { allowReplace: boolean }) {
  const db = useAppDb();
  const { t } = useTranslation();
  const lang = useLanguage();
  const fileId = useId();
  const replaceId = useId();
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const restore = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const read = await readJsonFile(file);
      if (!read.ok) {
        setOutcome({ kind: 'error', text: t('backup.restoreFailed', { reason: read.reason[lang] }) });
        return;
      }
      const result = await importBackup(db, read.value, { replace });
      if (result.ok) {
        // A restored profile is as precious as the original: ask the browser to keep it.
        void requestPersistence(db).catch(() => null);
        setOutcome({ kind: 'ok', text: t('backup.restored', { tallies: result.value.tallies, revisions: result.value.revisions }) });
      } else {
        const issues = result.error.kind === 'invalid-file' || result.error.kind === 'corrupt' ? result.error.issues : undefined;
        setOutcome({ kind: 'error', text: t('backup.restoreFailed', { reason: result.error.message[lang] }), ...(issues ? { issues } : {}) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <div className="field">
        <label htmlFor={fileId}>{t('backup.restoreFile')}</label>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(e) => {
            void restore(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <span className="hint">{t('backup.restoreHint')}</span>
      </div>
      {props.allowReplace && (
        <div className="field">
          <label htmlFor={replaceId}>
            <input id={replaceId} type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {t('backup.replace')}
          </label>
        </div>
      )}
      {busy && <p role="status">{t('backup.working')}</p>}
      {outcome?.kind === 'ok' && (
        <div className="banner ok" role="status">
          {outcome.text}
        </div>
      )}
      {outcome?.kind === 'error' &&
        (outcome.issues && outcome.issues.length > 0 ? (
          <IssueList title={outcome.text} issues={outcome.issues} />
        ) : (
          <div className="banner error" role="alert">
            {outcome.text}
          </div>
        ))}
    </div>
  );
}
