import { formatNumber, type Language } from '../../domain/common/text.ts';

export { formatNumber };

/** A figure for display: "—" for not entered (never 0), otherwise id-ID digits (1.234). */
export function formatFigure(value: number | null | undefined, lang: Language = 'id'): string {
  return value === null || value === undefined ? '—' : formatNumber(value, lang);
}

const JAKARTA = 'Asia/Jakarta';
const dateTimeFormats: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { timeZone: JAKARTA, dateStyle: 'medium', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: JAKARTA, dateStyle: 'medium', timeStyle: 'short' }),
};
const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  id: new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
};

/** An instant in Western Indonesian Time, whatever the laptop's zone: "18 Feb 2024, 08.00 WIB". */
export function formatWib(instant: Date | string | number, lang: Language = 'id'): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) return '—';
  return `${dateTimeFormats[lang].format(date)} WIB`;
}

/** A calendar date of the schedule (YYYY-MM-DD, no zone): "Minggu, 18 Februari 2024". */
export function formatScheduleDate(isoDate: string, lang: Language = 'id'): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormats[lang].format(date);
}

/** Today's date in Jakarta as YYYY-MM-DD (to open the schedule at the current day). */
export function todayInJakarta(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: JAKARTA, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Storage sizes: "12,3 MB". */
export function formatBytes(bytes: number, lang: Language = 'id'): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A timestamp safe in file names, in WIB: 20240218-0930. */
export function fileTimestamp(now: Date = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: JAKARTA, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}`;
}
