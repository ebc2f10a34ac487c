import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../domain/common/text.ts';
import { i18n, isLanguage } from '../i18n/i18n.ts';

/** An explicit language for a subtree (tests, previews); without it the app's i18n language is used. */
const LanguageOverride = createContext<Language | null>(null);

export function LanguageProvider(props: { language?: Language; children: ReactNode }) {
  return <LanguageOverride.Provider value={props.language ?? null}>{props.children}</LanguageOverride.Provider>;
}

/**
 * The current UI language, re-rendering on a switch. Components pick `LocalizedText.id` / `.en`
 * with it. Importing this module initialises i18n, so it works bare (tests): 'id' by default.
 */
export function useLanguage(): Language {
  const override = useContext(LanguageOverride);
  const { i18n: instance } = useTranslation(undefined, { i18n });
  if (override) return override;
  const lang = instance.resolvedLanguage ?? instance.language;
  return isLanguage(lang) ? lang : 'id';
}
