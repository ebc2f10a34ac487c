import { useTranslation } from '../i18n/index.ts';
import { useUnexportedChanges } from '../backup/useUnexportedChanges.ts';

/*
 * The header's part that reads the backup count. It is loaded after the first paint (Header.tsx):
 * what it reads is live and arrives a moment later anyway, and its reader brings the backup writer,
 * which the first screen does not need.
 */

/** The number beside *Cadangan*: changes not exported yet. */
export function UnexportedBadge() {
  const { t } = useTranslation();
  const unexported = useUnexportedChanges();
  if (unexported === 0) return null;
  return (
    <span className="badge" data-testid="unexported-badge" aria-label={t('backup.reminder', { count: unexported })}>
      {unexported}
    </span>
  );
}
