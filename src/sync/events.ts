import { EventSchema } from '../api/index.ts';
import { normaliseServerUrl } from './http.ts';

export interface EventsOptions {
  serverUrl: string;
  token: string;
  /** Called for each `data: {"seq": n}` the server sends: there is something to pull. */
  onEvent: (seq: number) => void;
  /** Called when the stream is open (true) or lost (false). */
  onConnection?: (open: boolean) => void;
  signal: AbortSignal;
  fetch?: typeof globalThis.fetch;
  /** Wait before reconnecting after the stream is lost. */
  retryDelay?: (attempt: number) => number;
}

/** Parses server-sent-event text as it streams in; returns the unfinished rest. */
export function parseEventChunk(buffer: string, onData: (data: string) => void): string {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data) onData(data);
  }
  return rest;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Listens to GET /api/events until `signal` aborts, reconnecting after losses. Read with fetch
 * rather than EventSource, because EventSource cannot send the Authorization header. A server
 * without the route (404) ends the watch: the engine's periodic pull still runs.
 */
export async function watchEvents(options: EventsOptions): Promise<void> {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const retryDelay = options.retryDelay ?? ((n: number) => Math.min(60_000, 2_000 * 2 ** n));
  let attempt = 0;
  while (!options.signal.aborted) {
    try {
      const response = await doFetch(`${normaliseServerUrl(options.serverUrl)}/api/events`, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${options.token}` },
        signal: options.signal,
      });
      if (response.status === 404 || response.status === 401 || response.status === 403) return;
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      options.onConnection?.(true);
      attempt = 0;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = parseEventChunk(buffer + value, (data) => {
          try {
            const event = EventSchema.safeParse(JSON.parse(data));
            if (event.success) options.onEvent(event.data.seq);
          } catch {
            // Not JSON (a comment or keep-alive): nothing to do.
          }
        });
      }
    } catch {
      // Lost or refused: try again after a pause.
    }
    options.onConnection?.(false);
    if (options.signal.aborted) return;
    await sleep(retryDelay(attempt++), options.signal);
  }
}
