import { afterEach, describe, expect, it } from 'vitest';
import { openPgFeedChannel, type PgFeedChannel } from '../../src/server/events/pgFeedChannel.ts';
import { memoryLogger } from '../../src/server/http/log.ts';
import { freshSchema, sqlOnce, type PgSchema } from './processes.ts';

const DATABASE_URL = process.env.DATABASE_URL;

interface Heard {
  channel: PgFeedChannel;
  heard: { kecamatan: string; seq: number }[];
  log: ReturnType<typeof memoryLogger>;
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!DATABASE_URL)(`the cross-process feed channel (LISTEN/NOTIFY)${DATABASE_URL ? '' : ' (skipped: DATABASE_URL unset)'}`, () => {
  const schemas: PgSchema[] = [];
  const channels: PgFeedChannel[] = [];
  afterEach(async () => {
    await Promise.all(channels.splice(0).map((c) => c.close()));
    await Promise.all(schemas.splice(0).map((s) => s.drop()));
  });

  async function open(schema: PgSchema): Promise<Heard> {
    const heard: Heard['heard'] = [];
    const log = memoryLogger();
    const channel = await openPgFeedChannel({ url: DATABASE_URL!, schema: schema.name, deliver: (kecamatan, seq) => heard.push({ kecamatan, seq }), log, reconnectMs: 50 });
    channels.push(channel);
    return { channel, heard, log };
  }

  it("delivers one process's announcement to the others of its schema, not to itself or another schema", async () => {
    const [mine, other] = [await freshSchema(DATABASE_URL!), await freshSchema(DATABASE_URL!)];
    schemas.push(mine, other);
    const [a, b, stranger] = [await open(mine), await open(mine), await open(other)];
    a.channel.announce('350908', 7);
    await until(() => b.heard.length > 0);
    expect(b.heard).toEqual([{ kecamatan: '350908', seq: 7 }]);
    // Give any stray delivery the time the wanted one took, and some.
    await new Promise((r) => setTimeout(r, 200));
    expect(a.heard).toEqual([]);
    expect(stranger.heard).toEqual([]);
  });

  it('reconnects after its connection is killed and hears announcements again', async () => {
    const schema = await freshSchema(DATABASE_URL!);
    schemas.push(schema);
    const [a, b] = [await open(schema), await open(schema)];
    const killed = await sqlOnce<{ ok: boolean }>(DATABASE_URL!, 'select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = $1', [`rekap-feed:${a.channel.id.slice(0, 8)}`]);
    expect(killed).toEqual([{ ok: true }]);
    await until(() => a.log.entries.some((e) => e.msg === 'feed channel reconnected'));
    expect(a.log.entries.some((e) => e.msg.startsWith('feed channel lost'))).toBe(true);
    expect(a.channel.listening()).toBe(true);
    b.channel.announce('350908', 12);
    await until(() => a.heard.length > 0);
    expect(a.heard).toEqual([{ kecamatan: '350908', seq: 12 }]);
  });
});
