import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiErrorSchema, EventSchema } from '../../src/api/index.ts';
import { enrol, tallyOf, tpsIn, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

/** Reads server-sent events from a response body, one `data:` payload at a time. */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<unknown> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6));
          if (data.length > 0) return JSON.parse(data.join('\n'));
          continue; // a comment (heartbeat)
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('event stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe.each(STORAGE_CASES)('change feed and events ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  async function pushSeveral(chair: TestDevice, n: number) {
    const desa = server.setup.desa[0]!;
    for (let i = 0; i < n; i++) {
      const { results } = await chair.push([await chair.op(tallyOf(server.setup, tpsIn(server.setup, desa.code, i)), 0)]);
      expect(results[0]!.status).toBe('applied');
    }
  }

  it('pages the feed by seq: each page continues where the last stopped, nothing skipped or repeated', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    await pushSeveral(chair, 5);
    const p1 = await chair.pull(0, 2);
    expect(p1.changes.map((c) => c.seq)).toEqual([1, 2]);
    expect(p1).toMatchObject({ lastSeq: 2, more: true });
    const p2 = await chair.pull(p1.lastSeq, 2);
    expect(p2.changes.map((c) => c.seq)).toEqual([3, 4]);
    const p3 = await chair.pull(p2.lastSeq, 2);
    expect(p3.changes.map((c) => c.seq)).toEqual([5]);
    expect(p3).toMatchObject({ lastSeq: 5, more: false });
    const p4 = await chair.pull(5, 2);
    expect(p4).toEqual({ changes: [], lastSeq: 5, more: false, proofs: { batches: {}, devices: {} } });
    const all = [...p1.changes, ...p2.changes, ...p3.changes];
    expect(new Set(all.map((c) => c.key)).size).toBe(5);
    expect(all[0]).toMatchObject({ version: 1, deviceId: chair.enrolment.deviceId, actor: 'Siti Aminah' });
  });

  it('refuses bad paging parameters with a 400 that names them', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const res = await server.request('/api/pull?since=-1&limit=5000', { headers: chair.auth });
    expect(res.status).toBe(400);
    const body = ApiErrorSchema.parse(await res.json());
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual(['limit', 'since']);
  });

  it('tells an open event stream the current seq, then each new one', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    await pushSeveral(chair, 1);
    const witness = await enrol(server, await (await import('./client.ts')).issueCodeAs(server, chair, 'witness'), 'Saksi');
    const res = await server.request('/api/events', { headers: witness.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = sseReader(res);
    expect(EventSchema.parse(await events.next())).toEqual({ seq: 1 });
    const desa = server.setup.desa[1]!;
    await chair.push([await chair.op(tallyOf(server.setup, tpsIn(server.setup, desa.code)), 0)]);
    expect(EventSchema.parse(await events.next())).toEqual({ seq: 2 });
    expect(server.notifier.count(server.kecamatan)).toBe(1);
    await events.cancel();
    // A closed stream stops listening (no leak per disconnected device).
    await vi.waitFor(() => expect(server.notifier.count(server.kecamatan)).toBe(0));
  });

  it('takes the token from the Authorization header only: ?access_token= is refused (401, tests/server/eventStreams.test.ts) and never logged', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const res = await server.request(`/api/events?access_token=${chair.token}`);
    expect(res.status).toBe(401);
    const logged = JSON.stringify(server.logs);
    expect(logged).toContain('/api/events');
    expect(logged).not.toContain(chair.token);
    expect(logged).not.toContain(server.chairCode);
  });

  it('streams events over a real socket too (as browsers and the headless client receive them)', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const { url } = await server.listen();
    const controller = new AbortController();
    const res = await fetch(`${url}/api/events`, { headers: chair.auth, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = sseReader(res);
    expect(await events.next()).toEqual({ seq: 0 });
    await chair.push([await chair.op(tallyOf(server.setup, tpsIn(server.setup, server.setup.desa[0]!.code)), 0)]);
    expect(await events.next()).toEqual({ seq: 1 });
    controller.abort();
  });

  it('closes the stream of a device when it is revoked', async () => {
    server = await startTestServer({ storage: storageCase, eventsPollMs: 50 });
    const chair = await enrol(server, server.chairCode);
    const witness = await enrol(server, await (await import('./client.ts')).issueCodeAs(server, chair, 'witness'), 'Saksi');
    const events = sseReader(await server.request('/api/events', { headers: witness.auth }));
    expect(await events.next()).toEqual({ seq: 0 });
    await (await import('./client.ts')).revokeAs(server, chair, witness.enrolment.deviceId);
    await expect(events.next()).rejects.toThrow(/ended/);
  });
});
