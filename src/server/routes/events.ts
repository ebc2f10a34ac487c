import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { text } from '../../domain/common/text.ts';
import { authenticate, currentDevice } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';
import { StreamSlots } from '../events/streamSlots.ts';
import { ApiProblem } from '../http/problem.ts';

/**
 * A device needs one stream per open app tab; a few cover a chair with the list and a form open
 * side by side, and a reconnection after the network came back while the server has not yet
 * noticed the old stream is gone.
 */
export const MAX_EVENT_STREAMS_PER_DEVICE = 4;

const tooManyStreams = (max: number) =>
  new ApiProblem(
    'too-many',
    text(
      `Perangkat ini sudah membuka ${max} aliran pemberitahuan ke server. Tutup tab atau jendela Rekap yang lain, lalu coba lagi.`,
      `This device already has ${max} notification streams open to the server. Close other Rekap tabs or windows, then try again.`,
    ),
  );

export interface EventTiming {
  pollMs: number;
  heartbeatMs: number;
}

/**
 * GET /api/events: a server-sent-events stream; each event `data: {"seq": n}` says the change
 * feed reached n, so the device pulls. The first event carries the current seq. The stream ends
 * when the device is revoked. The token comes in the Authorization header only (a token in the URL
 * would end up in proxy logs); each device holds at most MAX_EVENT_STREAMS_PER_DEVICE streams at
 * once in this process, the next is answered 429 until one closes.
 */
export function eventRoutes(api: Hono<AppEnv>, deps: Deps, timing: EventTiming): void {
  const slots = new StreamSlots(MAX_EVENT_STREAMS_PER_DEVICE);
  api.get('/events', authenticate(deps.storage), (c) => {
    const device = currentDevice(c);
    const kecamatan = device.kecamatan;
    const release = slots.take(device.id);
    if (release === null) throw tooManyStreams(slots.max);
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let latest = 0;
      let sent = -1;
      let wake: (() => void) | null = null;
      const unsubscribe = deps.notifier.subscribe(kecamatan, (seq) => {
        latest = Math.max(latest, seq);
        wake?.();
      });
      stream.onAbort(() => wake?.());
      const tick = Math.min(timing.pollMs, timing.heartbeatMs);
      try {
        latest = Math.max(latest, await deps.storage.lastSeq(kecamatan));
        let polledAt = Date.now();
        let wroteAt = 0;
        while (!stream.aborted && !stream.closed) {
          if (latest > sent) {
            sent = latest;
            await stream.writeSSE({ data: JSON.stringify({ seq: sent }), id: String(sent), ...(wroteAt === 0 ? { retry: 3000 } : {}) });
            wroteAt = Date.now();
          } else if (Date.now() - wroteAt >= timing.heartbeatMs) {
            await stream.write(': ping\n\n');
            wroteAt = Date.now();
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, tick);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
          if (stream.aborted) break;
          if (Date.now() - polledAt >= timing.pollMs) {
            polledAt = Date.now();
            const [seq, fresh] = await Promise.all([deps.storage.lastSeq(kecamatan), deps.storage.device(device.id)]);
            if (!fresh || fresh.revokedAt !== null) break;
            latest = Math.max(latest, seq);
          }
        }
      } finally {
        unsubscribe();
        release();
      }
    });
  });
}
