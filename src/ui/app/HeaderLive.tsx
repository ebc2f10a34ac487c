import { useTranslation } from '../i18n/index.ts';
import { useUnexportedChanges } from '../backup/useUnexportedChanges.ts';
import { useSyncStatus } from '../sync/useSyncStatus.ts';
import { routeHash, type Route } from './route.ts';

/*
 * The header's parts that read the backup count and the sync state. They are loaded after the first
 * paint (Header.tsx): what they read is live and arrives a moment later anyway, and their readers
 * bring the backup writer and the sync client, which the first screen needs neither of.
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

/** The links only a device connected to a server has: *Riwayat*, and the chair's kabupaten view. */
export function EnrolledLinks(props: { hasSetup: boolean; current: (names: Route['name'][]) => 'page' | undefined }) {
  const { t } = useTranslation();
  const enrolment = useSyncStatus().enrolment;
  // The kabupaten view is where a chair sends the kecamatan's final summary (and sees the sums).
  const isChair = enrolment?.role === 'chair';
  return (
    <>
      {/* Every device's changes come from the server: shown once this device is connected. */}
      {enrolment && props.hasSetup && (
        <a href={routeHash({ name: 'auditLog' })} aria-current={props.current(['auditLog'])}>
          {t('header.auditLog')}
        </a>
      )}
      {isChair && (
        <a href={routeHash({ name: 'kabupaten' })} aria-current={props.current(['kabupaten'])}>
          {t('header.kabupaten')}
        </a>
      )}
    </>
  );
}
