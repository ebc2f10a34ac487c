import { z } from 'zod';
import { text, type LocalizedText } from '../common/text.ts';
import { unreachableText } from './networkText.ts';
import { zodErrorText } from './pathIssues.ts';

const isNamed = (e: unknown, name: string): boolean => typeof e === 'object' && e !== null && (e as { name?: unknown }).name === name;

/** fetch's TypeError when nothing came back, in the words of Chromium, Firefox and Safari. */
const FETCH_FAILED = /failed to fetch|networkerror|load failed|network request failed|fetch failed/i;

/**
 * A caught exception as a sentence for the screen, in both languages — never the library's English
 * text on an Indonesian screen. What the app knows (bad JSON, a schema refusal, a full disk, no
 * network) is worded; anything else is a bug, named by its kind, with the English detail kept in
 * the English text (and the console) for whoever fixes it.
 */
export function unexpectedErrorText(error: unknown): LocalizedText {
  if (error instanceof z.core.$ZodError) return zodErrorText(error, { subject: text('Data', 'The data') });
  if (error instanceof SyntaxError) return text('Data tidak bisa dibaca: bukan JSON yang benar.', 'The data cannot be read: it is not valid JSON.');
  if (isNamed(error, 'QuotaExceededError')) {
    return text('Penyimpanan browser penuh. Kosongkan ruang disk atau ekspor cadangan lalu hapus data lama.', "The browser's storage is full. Free disk space, or export a backup and remove old data.");
  }
  if (error instanceof TypeError && FETCH_FAILED.test(error.message)) return unreachableText('no-answer');
  if (isNamed(error, 'TimeoutError') || isNamed(error, 'AbortError')) return unreachableText('timeout');
  if (isNamed(error, 'NotAllowedError') || isNamed(error, 'SecurityError')) {
    return text('Browser menolak langkah ini (izin atau koneksi tidak aman).', 'The browser refused this step (permission or an insecure connection).');
  }
  // A thrown non-Error (a string, undefined) is still named as an error: never "(undefined)" on screen.
  const name = error instanceof Error && /^\w+$/.test(error.name) ? error.name : 'Error';
  const detail = error instanceof Error ? error.message : String(error);
  return text(
    `Terjadi galat tak terduga di aplikasi (${name}). Coba lagi; bila berulang, catat langkahnya dan laporkan ke pengelola.`,
    `An unexpected error occurred in the app (${name}: ${detail}). Try again; if it happens again, note the steps and report it.`,
  );
}
