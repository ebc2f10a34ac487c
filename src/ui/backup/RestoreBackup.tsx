import { useId, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { readBackup, requestPersistence, restoreBackup, type CheckedBackup } from '../../db/index.ts';
import { unexpectedErrorText } from '../../domain/errors/index.ts';
import { useAppDb } from '../common/db.ts';
import { readBackupFile } from '../common/files.ts';
import { formatWib } from '../common/format.ts';
import { useSettings } from '../common/hooks.ts';
import { useLanguage } from '../common/language.tsx';
import { IssueList, type PathIssue } from '../setup/IssueList.tsx';
import { BackupPreviewCard } from './BackupPreviewCard.tsx';
import { keepRestoreSummary } from './restoreSummary.ts';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string; issues?: PathIssue[] };

/**
 * Restores a backup file in two steps: the file is read and checked (a signed file's signature and
 * audit chain, src/domain/backup) and what it holds is shown; only when the person confirms is it
 * written (a key no trusted server vouches for needs the warning ticked first). Into a fresh
 * profile it simply loads; a device that already holds other data is only overwritten when the
 * user ticks "replace" (the db refuses otherwise).
 */
export function RestoreBackup(props: { allowReplace: boolean }) {
  const db = useAppDb();
  const { t } = useTranslation();
  const lang = useLanguage();
  const settings = useSettings();
  const fileId = useId();
  const replaceId = useId();
  const acceptId = useId();
  const [replace, setReplace] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<CheckedBackup | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const failed = (reason: string, issues?: PathIssue[]) => setOutcome({ kind: 'error', text: t('backup.restoreFailed', { reason }), ...(issues ? { issues } : {}) });

  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    setChecked(null);
    setAccepted(false);
    try {
      const read = await readBackupFile(file);
      if (!read.ok) return failed(read.reason[lang]);
      const result = await readBackup(db, read.value, read.photos);
      if (result.ok) setChecked(result.value);
      else failed(result.error.message[lang], result.error.kind === 'invalid-file' || result.error.kind === 'corrupt' ? result.error.issues : undefined);
    } catch (e) {
      failed(unexpectedErrorText(e)[lang]);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!checked) return;
    setBusy(true);
    try {
      const result = await restoreBackup(db, checked, { replace, acceptUnattested: accepted });
      if (result.ok) {
        // A restored profile is as precious as the original: ask the browser to keep it.
        void requestPersistence(db).catch(() => null);
        const { preview } = checked;
        const counts = { tallies: result.value.tallies, revisions: result.value.revisions, when: formatWib(preview.exportedAt, lang) };
        const text = preview.signed ? t('backup.restoredVerified', { ...counts, fingerprint: preview.signed.fingerprint }) : t('backup.restoredUnverified', counts);
        setChecked(null);
        setOutcome({ kind: 'ok', text });
        // On the first-run screen the next screen takes over at once: it shows the summary.
        if (!props.allowReplace) keepRestoreSummary(text);
      } else {
        failed(result.error.message[lang], result.error.kind === 'invalid-file' || result.error.kind === 'corrupt' ? result.error.issues : undefined);
      }
    } catch (e) {
      failed(unexpectedErrorText(e)[lang]);
    } finally {
      setBusy(false);
    }
  };

  const warning = checked?.preview.signed?.warning ?? null;
  return (
    <div>
      <div className="field">
        <label htmlFor={fileId}>{t('backup.restoreFile')}</label>
        <input
          id={fileId}
          type="file"
          accept="application/json,.json,application/zip,.zip"
          disabled={busy}
          onChange={(e) => {
            void check(e.target.files?.[0]);
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
      {checked && (
        <div className="card">
          <BackupPreviewCard preview={checked.preview} localOperator={settings?.operatorName ?? null} />
          {warning && (
            <div className="field">
              <label htmlFor={acceptId}>
                <input id={acceptId} type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} /> {t('backup.acceptWarning')}
              </label>
            </div>
          )}
          <p>
            <button type="button" className="primary" disabled={busy || (warning !== null && !accepted)} onClick={() => void confirm()}>
              {t('backup.confirm')}
            </button>{' '}
            <button type="button" disabled={busy} onClick={() => setChecked(null)}>
              {t('backup.cancel')}
            </button>
          </p>
        </div>
      )}
      {busy && <p role="status">{t('backup.working')}</p>}
      {outcome?.kind === 'ok' && (
        <div className="banner ok" role="status" data-testid="restore-summary">
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
