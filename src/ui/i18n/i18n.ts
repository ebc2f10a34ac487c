import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../domain/common/text.ts';
import { en } from './en.ts';
import { id } from './id.ts';
import { followLanguageInZod } from './zodLocale.ts';

export const DEFAULT_LANGUAGE: Language = 'id';

/**
 * One shared i18next instance, initialised synchronously with bundled resources so that the first
 * render (and every component test) already has its strings: there is nothing to load over the network.
 */
export const i18n: I18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: ['id', 'en'],
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false,
  returnNull: false,
});
followLanguageInZod(i18n);

export function isLanguage(value: unknown): value is Language {
  return value === 'id' || value === 'en';
}
