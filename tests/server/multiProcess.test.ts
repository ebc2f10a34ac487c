import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTps } from '../../src/domain/setup/lookup.ts';
import type { Setup } from '../../src/domain/setup/schema.ts';
import { run } from '../cli/helpers.ts';
import { tallyOf } from './client.ts';
import { pugerSetup, PUGER_SETUP_FILE } from './harness.ts';
import { enrolOver, freshSchema, openEvents, startServerProcess, type HttpDevice, type PgSchema, type ServerProcess } from './processes.ts';

const DATABASE_URL = process.env.DATABASE_URL;
/** The event streams' fallback re-read of the feed (app.ts default, which `rekap server start` keeps). */
const FALLBACK_POLL_MS = 5000;

/**
 * Two `rekap server start` processes (A and B, each on its own port, as behind a load balancer)
 * on one PostgreSQL schema: what one process shows is what the other shows.
 */
describe.skipIf(!DATABASE_URL)(`two server processes on one PostgreSQL${DATABASE_URL ? '' : ' (skipped: DATABASE_URL unset)'}`, () => {
  let schema: PgSchema;
  let a: ServerProcess;
  let b: ServerProcess;
  let setup: Setup;
  let devices: HttpDevice[];

  beforeAll(async () => {
    setup = await pugerSetup();
    schema = await freshSchema(DATABASE_URL!);
    const init = await run('server', 'init', '--setup', PUGER_SETUP_FILE, '--json', '--database-url', schema.url);
    expect(init.code, init.err).toBe(0);
    const { chairCode } = JSON.parse(init.out) as { chairCode: string };
    [a, b] = await Promise.all([startServerProcess(['--database-url', schema.url]), startServerProcess(['--database-url', schema.url])]);
    const chair = await enrolOver(a.url, chairCode, 'Ketua');
    // Chairs may write every desa, so the shares below need no schedule; enrolled on either process.
    devices = [chair];
    for (const [i, server] of [b.url, a.url, b.url].entries()) devices.push(await enrolOver(server, await chair.issueCode(a.url, 'chair'), `Perangkat ${i + 2}`));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await schema?.drop();
  });

  it('devices pushing to different processes converge to one gap-free feed, the same on both', async () => {
    const tps = allTps(setup).slice(0, 160);
    // Each device its own 40 forms, pushed 10 at a time, batches alternating between A and B, all devices at once.
    await Promise.all(
      devices.map(async (device, d) => {
        const share = tps.slice(d * 40, (d + 1) * 40);
        for (let batch = 0; batch < 4; batch++) {
          const ops = await Promise.all(share.slice(batch * 10, (batch + 1) * 10).map((t) => device.op(tallyOf(setup, t.code, 'PPWP', [d, batch, 7]), 0)));
          const results = await device.push((d + batch) % 2 === 0 ? a.url : b.url, ops);
          expect(results.map((r) => r.status)).toEqual(Array(10).fill('applied'));
        }
      }),
    );
    const [fromA, fromB] = await Promise.all([devices[0]!.feed(a.url), devices[3]!.feed(b.url)]);
    expect(fromA.map((c) => c.seq)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    expect(fromB).toEqual(fromA);
    expect(new Set(fromA.map((c) => c.key))).toEqual(new Set(tps.map((t) => `${t.code}:PPWP`)));
    expect(fromA.every((c) => c.version === 1)).toBe(true);
  });

  it('the same record pushed to both processes at once is applied exactly once; the other push is a conflict', async () => {
    const before = (await devices[0]!.feed(a.url)).length;
    const tps = allTps(setup).slice(200, 220);
    const [first, second] = [devices[1]!, devices[2]!];
    const outcomes = await Promise.all(
      tps.map(async (t) => {
        const [opA, opB] = await Promise.all([first.op(tallyOf(setup, t.code, 'PPWP', [1, 2, 3]), 0), second.op(tallyOf(setup, t.code, 'PPWP', [4, 5, 6]), 0)]);
        const [[ra], [rb]] = await Promise.all([first.push(a.url, [opA]), second.push(b.url, [opB])]);
        return [ra!.status, rb!.status].sort();
      }),
    );
    for (const statuses of outcomes) expect(statuses).toEqual(['applied', 'conflict']);
    const after = await devices[0]!.feed(b.url, before);
    expect(after.map((c) => c.seq)).toEqual(Array.from({ length: tps.length }, (_, i) => before + i + 1));
    expect(after.map((c) => c.version)).toEqual(Array(tps.length).fill(1));
  });

  it.each([
    { streamOn: 'A', writeOn: 'B' },
    { streamOn: 'B', writeOn: 'A' },
  ])(`an event stream open on process $streamOn hears a write made on process $writeOn within 2 s, not at the fallback re-read (${FALLBACK_POLL_MS / 1000} s)`, async ({ streamOn }) => {
    const [listening, writing] = streamOn === 'A' ? [a, b] : [b, a];
    const device = devices[0]!;
    const events = await openEvents(listening.url, device.token);
    try {
      const { seq: current } = await events.until(() => true, 5000);
      const t = allTps(setup)[300 + (streamOn === 'A' ? 0 : 1)]!;
      const pushedAt = performance.now();
      const [result] = await device.push(writing.url, [await device.op(tallyOf(setup, t.code), 0)]);
      expect(result?.status).toBe('applied');
      const seq = result?.status === 'applied' ? result.seq : -1;
      expect(seq).toBeGreaterThan(current);
      const heard = await events.until((s) => s >= seq, FALLBACK_POLL_MS * 2);
      // Typically well under 100 ms; the margin is for a loaded machine, still far from the re-read.
      expect(heard.at - pushedAt).toBeLessThan(2000);
    } finally {
      events.close();
    }
  });
});
