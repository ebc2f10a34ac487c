import type { i18n as I18n } from 'i18next';
import { z } from 'zod';
import { zodErrorMap } from '../../domain/errors/index.ts';

/**
 * zod's messages follow the UI language: whatever `issue.message` still reaches a screen (a
 * library's own report, a detail in a status line) reads Indonesian or English like the rest.
 */
export function followLanguageInZod(instance: I18n): void {
  // Indonesian unless English is chosen (the app's default and fallback language).
  const apply = (language: string | undefined) => z.config({ localeError: zodErrorMap(language === 'en' ? 'en' : 'id') });
  apply(instance.resolvedLanguage ?? instance.language);
  instance.on('languageChanged', apply);
}
