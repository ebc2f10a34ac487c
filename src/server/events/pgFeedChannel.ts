import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import type { Logger } from '../http/log.ts';
import type { FeedRelay } from './notifier.ts';

/** One channel for the whole database; the payload names the schema, so deployments sharing a database stay apart. */
export const FEED_CHANNEL = 'rekap_feed';

const PayloadSchema = z.object({
  schema: z.string(),
  kecamatan: z.string().max(32),
  seq: z.number().int().positive(),
  from: z.string(),
});

export interface PgFeedOptions {
  url: string;
  /** As the storage's (postgres.ts); else the connection's search_path. */
  schema?: string | undefined;
  /** A feed move announced by another process. */
  deliver: (kecamatan: string, seq: number) => void;
  log: Logger;
  /** First wait before reconnecting a broken connection; doubles up to maxReconnectMs. */
  reconnectMs?: number;
  maxReconnectMs?: number;
}

export interface PgFeedChannel extends FeedRelay {
  /** This process's origin id; its connection's application_name is `rekap-feed:<first 8 characters>`. */
  readonly id: string;
  /** Whether LISTEN is in effect now (false while reconnecting). */
  listening(): boolean;
  close(): Promise<void>;
}

/**
 * Change notifications across server processes on one PostgreSQL: each process keeps ONE
 * dedicated connection (outside the pool, whose connections come and go) that LISTENs on
 * FEED_CHANNEL and also sends this process's NOTIFYs after its write transactions commit. A
 * broken connection is replaced with backoff; what was announced meanwhile reaches the streams by
 * their periodic re-read of the last seq (src/server/routes/events.ts), so nothing depends on a
 * notification arriving — it only makes the event streams prompt.
 */
export async function openPgFeedChannel(options: PgFeedOptions): Promise<PgFeedChannel> {
  const id = randomUUID();
  const firstWait = options.reconnectMs ?? 500;
  const maxWait = options.maxReconnectMs ?? 30_000;
  let client: pg.Client | null = null;
  let schemaName = '';
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;

  const heard = (message: pg.Notification) => {
    if (message.channel !== FEED_CHANNEL || message.payload === undefined) return;
    let parsed;
    try {
      parsed = PayloadSchema.safeParse(JSON.parse(message.payload));
    } catch {
      return;
    }
    if (!parsed.success || parsed.data.schema !== schemaName || parsed.data.from === id) return;
    options.deliver(parsed.data.kecamatan, parsed.data.seq);
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: options.url,
      application_name: `rekap-feed:${id.slice(0, 8)}`,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    c.on('error', (error) => broken(c, error));
    c.on('end', () => broken(c, null));
    c.on('notification', heard);
    try {
      await c.connect();
      const row = await c.query<{ schema: string | null }>('select current_schema() as schema');
      schemaName = row.rows[0]?.schema ?? '';
      await c.query(`listen ${FEED_CHANNEL}`);
    } catch (error) {
      c.removeAllListeners();
      // A client that never connected may throw from end(); it is dropped either way.
      await c.end().catch(() => undefined);
      throw error;
    }
    client = c;
  };

  const reconnectLater = () => {
    if (closed || timer) return;
    const wait = Math.min(firstWait * 2 ** failures, maxWait);
    failures += 1;
    timer = setTimeout(() => {
      timer = null;
      connect().then(
        () => {
          options.log({ level: 'info', msg: 'feed channel reconnected', after: failures });
          failures = 0;
        },
        (error: unknown) => {
          options.log({ level: 'warn', msg: 'feed channel reconnect failed', error: error instanceof Error ? error.message : String(error) });
          reconnectLater();
        },
      );
    }, wait);
    timer.unref();
  };

  function broken(c: pg.Client, error: Error | null): void {
    if (c !== client) return;
    client = null;
    c.removeAllListeners('notification');
    void c.end().catch(() => undefined);
    if (closed) return;
    options.log({ level: 'warn', msg: 'feed channel lost; event streams fall back to re-reading the feed', error: error?.message ?? 'connection ended' });
    reconnectLater();
  }

  await connect();
  return {
    id,
    listening: () => client !== null,
    announce(kecamatan, seq) {
      const c = client;
      // Without a connection the other processes learn it from their periodic re-read.
      if (!c) return;
      const payload = JSON.stringify({ schema: schemaName, kecamatan, seq, from: id });
      c.query('select pg_notify($1, $2)', [FEED_CHANNEL, payload]).catch((error: unknown) => {
        options.log({ level: 'warn', msg: 'feed notify failed', kecamatan, seq, error: error instanceof Error ? error.message : String(error) });
      });
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('notification');
        await c.end().catch(() => undefined);
      }
    },
  };
}
