import type { Language, LocalizedText } from '../common/text.ts';

/** A catalogue's labels in one language, keyed as in the catalogue (for string tables such as i18n's). */
export function inLanguage<K extends string>(labels: Record<K, LocalizedText>, language: Language): Record<K, string> {
  return Object.fromEntries(Object.entries<LocalizedText>(labels).map(([key, label]) => [key, label[language]])) as Record<K, string>;
}
