import { useId } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { setSetting } from '../../db/index.ts';
import { isLanguage } from '../i18n/i18n.ts';
import { useAppDb } from '../common/db.ts';
import { useLanguage } from '../common/language.tsx';

/** Bahasa Indonesia / English; the choice is kept in the device settings. */
export function LanguageSwitch() {
  const db = useAppDb();
  const { t, i18n } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  return (
    <span className="lang-switch">
      <label htmlFor={id}>{t('header.language')}</label>
      <select
        id={id}
        value={lang}
        onChange={(e) => {
          const next = e.target.value;
          if (!isLanguage(next)) return;
          void i18n.changeLanguage(next);
          void setSetting(db, 'language', next);
        }}
      >
        <option value="id" lang="id">
          Bahasa Indonesia
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </span>
  );
}
