import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiErrorSchema } from '../../src/api/index.ts';
import { StreamSlots } from '../../src/server/events/streamSlots.ts';
import { MAX_EVENT_STREAMS_PER_DEVICE } from '../../src/server/routes/events.ts';
import { enrol, issueCodeAs, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

const TOO_MANY = {
  id: 'Perangkat ini sudah membuka 4 aliran pemberitahuan ke server. Tutup tab atau jendela Rekap yang lain, lalu coba lagi.',
  en: 'This device already has 4 notification streams open to the server. Close other Rekap tabs or windows, then try again.',
};

/** An open stream whose first event has arrived, and the way to close it from the client's side. */
async function openStream(server: TestServer, device: TestDevice): Promise<{ close(): Promise<void> }> {
  const res = await server.request('/api/events', { headers: device.auth });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  expect(new TextDecoder().decode((await reader.read()).value)).toContain('data: {"seq":');
  return { close: () => reader.cancel() };
}

describe('StreamSlots', () => {
  it('frees a slot once, however often its release is called', () => {
    const slots = new StreamSlots(2);
    const a = slots.take('d1')!;
    const b = slots.take('d1')!;
    expect(slots.take('d1')).toBeNull();
    expect(slots.take('d2')).not.toBeNull();
    a();
    a();
    expect(slots.held('d1')).toBe(1);
    expect(slots.take('d1')).not.toBeNull();
    expect(slots.take('d1')).toBeNull();
    b();
    expect(slots.held('d1')).toBe(1);
  });
});

describe.each(STORAGE_CASES)('event streams per device ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it(`lets a device hold ${MAX_EVENT_STREAMS_PER_DEVICE} streams, answers the next 429 in words, and frees a slot when the client closes one`, async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const streams = [];
    for (let i = 0; i < MAX_EVENT_STREAMS_PER_DEVICE; i += 1) streams.push(await openStream(server, chair));
    const refused = await server.request('/api/events', { headers: chair.auth });
    expect(refused.status).toBe(429);
    const body = ApiErrorSchema.parse(await refused.json());
    expect(body.error.code).toBe('too-many');
    expect(body.error.message).toEqual(TOO_MANY);

    // Another device of the kecamatan has slots of its own.
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    const theirs = await openStream(server, witness);

    await streams.shift()!.close();
    await vi.waitFor(async () => {
      const res = await server.request('/api/events', { headers: chair.auth });
      expect(res.status).toBe(200);
      streams.push({ close: () => res.body!.cancel() });
    });
    expect((await server.request('/api/events', { headers: chair.auth })).status).toBe(429);
    await Promise.all([...streams, theirs].map((s) => s.close()));
  });

  it('frees the slot of a stream the client aborts over a real socket (a tab closed, a reload)', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const { url, close } = await server.listen();
    const controllers: AbortController[] = [];
    const open = async () => {
      const controller = new AbortController();
      const res = await fetch(`${url}/api/events`, { headers: chair.auth, signal: controller.signal });
      if (res.status === 200) controllers.push(controller);
      else await res.body?.cancel();
      return res.status;
    };
    try {
      for (let i = 0; i < MAX_EVENT_STREAMS_PER_DEVICE; i += 1) expect(await open()).toBe(200);
      expect(await open()).toBe(429);
      controllers.shift()!.abort();
      await vi.waitFor(async () => expect(await open()).toBe(200));
      expect(await open()).toBe(429);
    } finally {
      for (const c of controllers) c.abort();
      await close();
    }
  });

  it('refuses a token in the URL (?access_token=): 401, and the token is not logged', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const res = await server.request(`/api/events?access_token=${chair.token}`);
    expect(res.status).toBe(401);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('unauthorized');
    expect(JSON.stringify(server.logs)).not.toContain(chair.token);
  });
});
