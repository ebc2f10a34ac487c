import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { authenticate, currentDevice } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';

export interface EventTiming {
  pollMs: number;
  heartbeatMs: number;
}

/**
 * GET /api/events: a server-sent-events stream; each event `data: {"seq": n}` says the change
 * feed reached n, so the device pulls. The first event carries the current seq. The stream ends
 * when the device is revoked; EventSource reconnects by itself after `retry`.
 */
export function eventRoutes(api: Hono<AppEnv>, deps: Deps, timing: EventTiming): void {
  api.get('/events', authenticate(deps.storage, { allowQueryToken: true }), (c) => {
    const device = currentDevice(c);
    const kecamatan = device.kecamatan;
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
      }
    });
  });
}
