import { text, type LocalizedText } from '../common/text.ts';

/**
 * Why a request got nothing back. Browsers say only "Failed to fetch" (Chromium), "NetworkError when
 * attempting to fetch resource" (Firefox) or "Load failed" (Safari) — for a wrong address, a server
 * that is off, a Wi-Fi that dropped or a refused certificate alike — so the cause is what the
 * caller knows: it gave up waiting, the answer broke off, or the device says it is offline.
 */
export type NetworkCause = 'no-answer' | 'timeout' | 'incomplete' | 'offline';

export const NETWORK_CAUSES = ['no-answer', 'timeout', 'incomplete', 'offline'] as const satisfies readonly NetworkCause[];

/**
 * The cause of a failed fetch: `aborted` when the caller's own timer stopped it, `online` as the
 * browser reports it (navigator.onLine; undefined outside a browser).
 */
export function networkCauseOf(error: unknown, context: { aborted?: boolean; online?: boolean } = {}): NetworkCause {
  if (context.aborted) return 'timeout';
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  if (context.online === false) return 'offline';
  return 'no-answer';
}

const CAUSES: Record<NetworkCause, LocalizedText> = {
  'no-answer': text(
    'tidak ada jawaban — periksa Wi-Fi/kabel jaringan, alamat server, dan apakah laptop server menyala',
    'no answer — check the Wi-Fi/network cable, the server address, and that the server laptop is on',
  ),
  timeout: text('server tidak menjawab dalam batas waktu', 'the server did not answer in time'),
  incomplete: text('jawaban server terputus di tengah jalan', 'the answer broke off half-way'),
  offline: text('perangkat ini sedang tidak terhubung ke jaringan', 'this device is not connected to a network'),
};

/** The cause as a clause: "tidak ada jawaban — periksa …". */
export function networkCauseText(cause: NetworkCause): LocalizedText {
  return CAUSES[cause];
}

/** "Server tidak terjangkau: <cause>." — the Indonesian counterpart of "Failed to fetch". */
export function unreachableText(cause: NetworkCause): LocalizedText {
  const c = CAUSES[cause];
  return text(`Server tidak terjangkau: ${c.id}.`, `Server unreachable: ${c.en}.`);
}

/** A server that answered, but with an error status: "server menjawab dengan kode HTTP 404". */
export function httpStatusText(status: number): LocalizedText {
  return text(`server menjawab dengan kode HTTP ${status}`, `the server answered with HTTP status ${status}`);
}
