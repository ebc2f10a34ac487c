/** A user-facing sentence in both UI languages; Bahasa Indonesia is the default. */
export interface LocalizedText {
  readonly id: string;
  readonly en: string;
}

export type Language = keyof LocalizedText;
export const LANGUAGES = ['id', 'en'] as const satisfies readonly Language[];

const formatters: Record<Language, Intl.NumberFormat> = {
  id: new Intl.NumberFormat('id-ID'),
  en: new Intl.NumberFormat('en-US'),
};

/** Numbers in messages follow the language: 1.234 (id-ID) or 1,234 (en). */
export function formatNumber(value: number, language: Language = 'id'): string {
  return formatters[language].format(value);
}

export function text(id: string, en: string): LocalizedText {
  return { id, en };
}
