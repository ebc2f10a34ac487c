import { useEffect, useState } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { useLiveQuery } from 'dexie-react-hooks';
import { photoStorage, requestPersistence, storageEstimate, type StorageEstimate } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { formatBytes } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';

/** How much this device stores and whether the browser promised to keep it (persistent storage). */
export function StorageInfo() {
  const db = useAppDb();
  const { t } = useTranslation();
  const lang = useLanguage();
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const [tick, setTick] = useState(0);
  const photos = useLiveQuery(() => photoStorage(db), [db]);
  useEffect(() => {
    let live = true;
    void storageEstimate()
      .then((e) => live && setEstimate(e))
      .catch(() => live && setEstimate({ usage: null, quota: null, persisted: null }));
    return () => {
      live = false;
    };
    // Photos added or removed change the browser's figure too: estimate again.
  }, [tick, photos?.count]);
  return (
    <div data-testid="storage-info">
      <p>
        {estimate && estimate.usage !== null && estimate.quota !== null
          ? t('settings.usage', { usage: formatBytes(estimate.usage, lang), quota: formatBytes(estimate.quota, lang) })
          : t('settings.unknownUsage')}
      </p>
      {photos ? (
        <p data-testid="storage-photos">
          {t('settings.photos', { count: photos.count, size: formatBytes(photos.bytes, lang) })}
          {photos.missing > 0 ? ` ${t('settings.photosMissing', { count: photos.missing })}` : ''}
        </p>
      ) : null}
      <p>{estimate?.persisted ? t('settings.persisted') : t('settings.notPersisted')}</p>
      {!estimate?.persisted && (
        <button type="button" onClick={() => void requestPersistence(db).finally(() => setTick((n) => n + 1))}>
          {t('settings.requestPersist')}
        </button>
      )}
    </div>
  );
}
