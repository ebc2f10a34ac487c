import { useId, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { unexpectedErrorText } from '../../domain/errors/index.ts';
import { importTallies } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { readJsonFile } from '../common/files.ts';
import { formatWib } from '../common/format.ts';
import { useSettings } from '../common/hooks.ts';
import { useLanguage } from '../common/language.tsx';
import { IssueList, type PathIssue } from '../setup/IssueList.tsx';
import { downloadBackup, downloadTallies } from './actions.ts';
import { RestoreBackup } from './RestoreBackup.tsx';

type Message = { kind: 'ok' | 'error'; text: string; issues?: PathIssue[] } | null;

export function BackupScreen(props: { setup: Setup; actor: string }) {
  const db = useAppDb();
  const { t } = useTranslation();
  const lang = useLanguage();
  const settings = useSettings();
  const importId = useId();
  const [busy, setBusy] = useState(false);
  const [backupMsg, setBackupMsg] = useState<Message>(null);
  const [talliesMsg, setTalliesMsg] = useState<Message>(null);

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    try {
      await task();
    } finally {
      setBusy(false);
    }
  };

  const exportAll = () =>
    run(async () => {
      try {
        const name = await downloadBackup(db, props.setup);
        setBackupMsg({ kind: 'ok', text: t('backup.exported', { file: name }) });
      } catch (e) {
        setBackupMsg({ kind: 'error', text: t('common.error', { message: unexpectedErrorText(e)[lang] }) });
      }
    });

  const exportTallyFile = () =>
    run(async () => {
      const r = await downloadTallies(db, props.setup);
      setTalliesMsg(r.ok ? { kind: 'ok', text: t('backup.talliesExported', { file: r.name }) } : { kind: 'error', text: r.error.message[lang] });
    });

  const importTallyFile = (file: File | undefined) =>
    file &&
    run(async () => {
      const read = await readJsonFile(file);
      if (!read.ok) {
        setTalliesMsg({ kind: 'error', text: t('backup.talliesImportFailed', { reason: read.reason[lang] }) });
        return;
      }
      const r = await importTallies(db, read.value, props.actor);
      if (r.ok) {
        const refused = r.value.outcomes.flatMap((o) => (o.outcome === 'refused' ? [o.message[lang]] : []));
        const text = t('backup.talliesImported', { imported: r.value.imported, unchanged: r.value.unchanged, conflicts: r.value.conflicts, unknown: r.value.unknown });
        setTalliesMsg(refused.length > 0 ? { kind: 'error', text: `${text} ${t('backup.talliesRefused', { count: refused.length })}`, issues: refused.map((message) => ({ path: '', message: { id: message, en: message } })) } : { kind: 'ok', text });
      } else {
        const issues = r.error.kind === 'invalid-file' ? r.error.issues : undefined;
        setTalliesMsg({ kind: 'error', text: t('backup.talliesImportFailed', { reason: r.error.message[lang] }), ...(issues ? { issues } : {}) });
      }
    });

  return (
    <section aria-labelledby="backup-title">
      <h1 id="backup-title">{t('backup.title')}</h1>
      <div className="card">
        <p>{t('backup.intro')}</p>
        <p className="hint">{settings?.lastExportAt ? t('backup.lastExport', { when: formatWib(settings.lastExportAt, lang) }) : t('backup.neverExported')}</p>
        <button type="button" className="primary" disabled={busy} onClick={() => void exportAll()}>
          {t('backup.export')}
        </button>
        <Feedback message={backupMsg} />
      </div>
      <div className="card">
        <h2>{t('backup.restoreTitle')}</h2>
        <RestoreBackup allowReplace />
      </div>
      <div className="card">
        <h2>{t('backup.talliesTitle')}</h2>
        <p>
          <button type="button" disabled={busy} onClick={() => void exportTallyFile()}>
            {t('backup.talliesExport')}
          </button>
        </p>
        <div className="field">
          <label htmlFor={importId}>{t('backup.talliesImportFile')}</label>
          <input
            id={importId}
            type="file"
            accept="application/json,.json"
            disabled={busy}
            onChange={(e) => {
              void importTallyFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </div>
        <Feedback message={talliesMsg} />
      </div>
    </section>
  );
}

function Feedback(props: { message: Message }) {
  const m = props.message;
  if (!m) return null;
  if (m.kind === 'error' && m.issues && m.issues.length > 0) return <IssueList title={m.text} issues={m.issues} />;
  return (
    <div className={`banner ${m.kind === 'ok' ? 'ok' : 'error'}`} role={m.kind === 'ok' ? 'status' : 'alert'}>
      {m.text}
    </div>
  );
}
