import { useTranslation } from '../i18n/index.ts';
import type { BackupPreview } from '../../db/index.ts';
import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';

/**
 * What a backup file will restore, shown before anything is written: forms by status, objections,
 * finalisations, history, from which device and when, and whether the file was verified
 * (docs/integrity.md, "Signed backups").
 */
export function BackupPreviewCard(props: { preview: BackupPreview; localOperator: string | null }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const p = props.preview;
  const signed = p.signed;
  return (
    <div data-testid="backup-preview" data-verified={signed ? 'yes' : 'no'}>
      <h3>{t('backup.previewTitle')}</h3>
      <p className="hint">{t('backup.previewIntro')}</p>
      {signed ? (
        <div className="banner ok" data-testid="backup-verified">
          {t('backup.previewVerified', { entries: signed.entries })}
        </div>
      ) : (
        <div className="banner warn" data-testid="backup-unverified">
          {t('backup.previewUnverified')}
        </div>
      )}
      <ul>
        <li>{t('backup.previewExportedAt', { when: formatWib(p.exportedAt, lang) })}</li>
        {signed && (
          <li>{signed.deviceName ? t('backup.previewDeviceNamed', { name: signed.deviceName, fingerprint: signed.fingerprint }) : t('backup.previewDevice', { fingerprint: signed.fingerprint })}</li>
        )}
        {signed && <li className="hint">{t('backup.previewHash', { hash: signed.hash.slice(0, 16) })}</li>}
        {signed && signed.earlierDevices.length > 0 && (
          <li data-testid="backup-earlier-devices">{t('backup.previewEarlierDevices', { count: signed.earlierDevices.length, fingerprints: signed.earlierDevices.join(', ') })}</li>
        )}
        <li>
          {t('backup.previewForms', { count: p.forms })}
          {p.forms > 0 && (
            <ul>
              {Object.entries(p.formsByStatus).map(([status, count]) => (
                <li key={status}>{t('backup.previewStatus', { status: t(`status.${status}`), count })}</li>
              ))}
            </ul>
          )}
        </li>
        <li>{t('backup.previewObjections', { count: p.objections })}</li>
        <li>{t('backup.previewFinalisations', { count: p.finalisations })}</li>
        <li>{t('backup.previewRevisions', { count: p.revisions })}</li>
        {p.photos > 0 && <li data-testid="backup-photos">{t('backup.previewPhotos', { count: p.photos, carried: p.photosCarried })}</li>}
        {props.localOperator && p.operator && props.localOperator !== p.operator && (
          <li>{t('backup.previewOperatorKept', { name: props.localOperator, fileName: p.operator })}</li>
        )}
        {!props.localOperator && p.operator && <li>{t('backup.previewOperatorTaken', { name: p.operator })}</li>}
      </ul>
      {signed && signed.trust === 'attested' && <p className="hint">{t('backup.previewAttested')}</p>}
      {signed?.warning && (
        <div className="banner warn" role="alert" data-testid="backup-trust-warning">
          {signed.warning[lang]}
        </div>
      )}
    </div>
  );
}
