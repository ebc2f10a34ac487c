import { useTranslation as useI18next } from 'react-i18next';
import { i18n } from './i18n.ts';

export { i18n };

/**
 * react-i18next's hook bound to the app's own instance: importing it initialises the strings, so any
 * component renders translated text on its own (tests included), with or without a provider.
 */
export function useTranslation() {
  return useI18next(undefined, { i18n });
}
