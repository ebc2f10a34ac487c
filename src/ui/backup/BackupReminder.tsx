import { useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { useAppDb } from '../common/db.ts';
import { downloadBackup } from './actions.ts';
import { dismissRestoreSummary, restoreSummary } from './restoreSummary.ts';
import { useUnexportedChanges } from './useUnexportedChanges.ts';

/** Reminds, on every screen, that changes exist only on this device until exported (or synced). */
export function BackupReminder(props: { setup: Setup }) {
  const db = useAppDb();
  const { t } = useTranslation();
  const count = useUnexportedChanges();
  const [busy, setBusy] = useState(false);
  // A restore from the first-run screen leaves its summary for here (src/ui/backup/restoreSummary.ts).
  const [restored, setRestored] = useState<string | null>(restoreSummary);
  const summary = restored && (
    <div className="banner ok" role="status" data-testid="restore-summary">
      <span>{restored}</span>
      <button
        type="button"
        onClick={() => {
          dismissRestoreSummary();
          setRestored(null);
        }}
      >
        {t('backup.restoredClose')}
      </button>
    </div>
  );
  if (!count) return summary || null;
  return (
    <>
      {summary}
      <div className="banner warn" role="status" data-testid="backup-reminder">
        <span>{t('backup.reminder', { count })}</span>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void downloadBackup(db, props.setup).finally(() => setBusy(false));
          }}
        >
          {t('backup.reminderAction')}
        </button>
      </div>
    </>
  );
}
