import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import { setSetting, type Settings } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { formatNumber, formatScheduleDate } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { DeviceFingerprint } from '../sync/DeviceFingerprint.tsx';
import { StorageInfo } from './StorageInfo.tsx';

const ALL = '';

/** Operator and panel of this device, storage, and what this device is set up for. */
export function SettingsScreen(props: { setup: Setup | null; settings: Settings }) {
  const { setup, settings } = props;
  const db = useAppDb();
  const { t } = useTranslation();
  const lang = useLanguage();
  const ids = { name: useId(), panel: useId() };
  const [name, setName] = useState(settings.operatorName ?? '');
  const [panel, setPanel] = useState(settings.panel ?? ALL);
  const [saved, setSaved] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) await setSetting(db, 'operatorName', name.trim());
    await setSetting(db, 'panel', panel === ALL ? null : panel);
    setSaved(true);
  };

  const tpsCount = setup ? setup.desa.reduce((n, d) => n + d.tps.length, 0) : 0;
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      {setup && (
        <form className="card" onSubmit={(e) => void onSubmit(e)}>
          <div className="field">
            <label htmlFor={ids.name}>{t('settings.operator')}</label>
            <input id={ids.name} type="text" value={name} required onChange={(e) => (setName(e.target.value), setSaved(false))} />
          </div>
          <div className="field">
            <label htmlFor={ids.panel}>{t('settings.panel')}</label>
            <select id={ids.panel} value={panel} onChange={(e) => (setPanel(e.target.value), setSaved(false))}>
              {setup.panels.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
              <option value={ALL}>{t('panelChoice.all')}</option>
            </select>
          </div>
          <button type="submit" className="primary">
            {t('settings.save')}
          </button>{' '}
          {saved && <span role="status">{t('settings.saved')}</span>}
        </form>
      )}
      <div className="card">
        <DeviceFingerprint hint />
      </div>
      <div className="card">
        <h2>{t('settings.storageTitle')}</h2>
        <StorageInfo />
      </div>
      {setup && (
        <div className="card">
          <h2>{t('settings.aboutTitle')}</h2>
          <dl className="facts">
            <dt>{t('settings.election')}</dt>
            <dd>
              {setup.election.name} ({formatScheduleDate(setup.election.votingDate, lang)})
            </dd>
            <dt>{t('settings.kecamatan')}</dt>
            <dd>
              {setup.kecamatan.name} ({setup.kecamatan.code}), {setup.kabupaten.name}, {setup.provinsi.name}
            </dd>
            <dt>{t('settings.desaTps')}</dt>
            <dd>
              {formatNumber(setup.desa.length, lang)} / {formatNumber(tpsCount, lang)}
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
