import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiErrorSchema } from '../../src/api/index.ts';
import { enrol } from './client.ts';
import { chunkedPost } from './rawHttp.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

/** A body that never ends, counting what the server pulled from it. */
function endlessBody(chunk = new Uint8Array(16 * 1024).fill(0x20)) {
  const seen = { pulls: 0, bytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulls += 1;
        seen.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    // Nothing is pulled ahead of a read: every pull is the server asking.
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const post = (server: TestServer, path: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  server.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);

describe.each(STORAGE_CASES)('nothing read before authentication ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('answers an unauthenticated push, audit segment and summary import 401 without pulling a byte of their endless bodies', async () => {
    server = await startTestServer({ storage: storageCase });
    for (const [path, headers] of [
      ['/api/push', {}],
      ['/api/push', { authorization: 'Bearer not-a-token-of-anyone-here' }],
      ['/api/audit', {}],
      ['/api/kabupaten/summaries', {}],
      ['/api/codes', { authorization: 'Bearer' }],
    ] as const) {
      const { stream, seen } = endlessBody();
      const res = await post(server, path, stream, headers);
      expect(res.status, path).toBe(401);
      expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('unauthorized');
      expect(seen.pulls, path).toBe(0);
    }
  });

  it("reads an authenticated body only up to its route's limit (413), and a public route's up to the small one", async () => {
    server = await startTestServer({ storage: storageCase, pushBodyLimit: 64 * 1024 });
    const chair = await enrol(server, server.chairCode);
    const push = endlessBody();
    const big = await post(server, '/api/push', push.stream, chair.auth);
    expect(big.status).toBe(413);
    expect(ApiErrorSchema.parse(await big.json()).error.message.en).toBe('The request is too large (limit 64 KiB).');
    // The limit and one chunk past it, then the read stopped.
    expect(push.seen.bytes).toBeLessThanOrEqual(64 * 1024 + 16 * 1024);
    expect(push.seen.cancelled).toBe(true);

    const enrolment = endlessBody();
    const bigEnrol = await post(server, '/api/enrol', enrolment.stream);
    expect(bigEnrol.status).toBe(413);
    expect(enrolment.seen.bytes).toBeLessThanOrEqual(64 * 1024 + 16 * 1024);
  });

  it('refuses a declared Content-Length above the limit before reading anything', async () => {
    server = await startTestServer({ storage: storageCase, pushBodyLimit: 64 * 1024 });
    const chair = await enrol(server, server.chairCode);
    const { stream, seen } = endlessBody();
    const res = await post(server, '/api/push', stream, { ...chair.auth, 'content-length': String(64 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(seen.pulls).toBe(0);
  });

  it('over a real socket, answers 401 to an endless unauthenticated body and 413 to an oversized authenticated one (the client reads the answer), and survives a client that goes away mid-body', async () => {
    server = await startTestServer({ storage: storageCase, pushBodyLimit: 64 * 1024 });
    const chair = await enrol(server, server.chairCode);
    const { url, close } = await server.listen();
    try {
      expect((await chunkedPost(url, '/api/push', 64 * 1024 * 1024)).status).toBe(401);
      expect((await chunkedPost(url, '/api/push', 64 * 1024 * 1024, chair.auth)).status).toBe(413);
      // A client that goes away halfway through its body gets nothing, and the server logs a 400.
      expect((await chunkedPost(url, '/api/push', 32 * 1024, chair.auth, true)).status).toBeNull();
      await vi.waitFor(() => expect(server.logs.at(-1)).toMatchObject({ path: '/api/push', status: 400 }));
      // The server goes on serving.
      expect((await fetch(`${url}/api/me`, { headers: chair.auth })).status).toBe(200);
    } finally {
      await close();
    }
  });
});
