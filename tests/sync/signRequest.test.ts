import { afterEach, describe, expect, it } from 'vitest';
import { SIGNED_REQUEST_HEADERS } from '../../src/api/index.ts';
import { generateKeyPair } from '../../src/domain/crypto/keys.ts';
import { checkSignedRequest } from '../../src/server/auth/signedRequest.ts';
import { httpTransport, requestSigner, TransportError } from '../../src/sync/index.ts';
import { signRequestHeaders } from '../../src/sync/signRequest.ts';
import { startTestServer, testClock, type TestServer } from '../server/harness.ts';
import { sqliteCase } from '../server/storages.ts';
import { enrolledWith, SERVER_URL } from './realServer.ts';

/** A fetch into the app that records each request's path and status. */
function countingFetch(server: TestServer, seen: { path: string; status: number }[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const res = await server.fetch(request);
    seen.push({ path: new URL(request.url).pathname, status: res.status });
    return res;
  }) as typeof fetch;
}

describe('the client signs privileged requests with its device key', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('signs what the server checks: method, path, body, key hash, kecamatan, time, a fresh nonce', async () => {
    server = await startTestServer({ storage: sqliteCase, clock: testClock(new Date()) });
    const chair = await enrolledWith(server, 'Ketua', server.chairCode);
    const signer = await requestSigner(chair.store);
    const device = (await server.storage.listDevices(server.kecamatan))[0]!;
    const body = { role: 'witness', panel: null };
    const a = await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body }, new Date());
    const b = await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body }, new Date());
    expect(a[SIGNED_REQUEST_HEADERS.nonce]).not.toBe(b[SIGNED_REQUEST_HEADERS.nonce]);
    const check = (headers: Record<string, string>, over: { body?: unknown; path?: string } = {}) =>
      checkSignedRequest({
        device,
        method: 'POST',
        path: over.path ?? '/api/codes',
        body: 'body' in over ? over.body : body,
        headers: { at: headers[SIGNED_REQUEST_HEADERS.at], nonce: headers[SIGNED_REQUEST_HEADERS.nonce], signature: headers[SIGNED_REQUEST_HEADERS.signature] },
        now: new Date(),
        remember: async () => true,
      });
    expect((await check(a)).ok).toBe(true);
    expect(await check(a, { body: { role: 'chair', panel: null } })).toEqual({ ok: false, error: { kind: 'bad-signature' } });
    expect(await check(a, { path: '/api/devices/x/revoke', body: undefined })).toEqual({ ok: false, error: { kind: 'bad-signature' } });
  });

  it("the chair's code request works from a laptop whose clock is hours off: it signs again once with the server's time", async () => {
    // The test server's clock is 18 February 2024; this machine's is today.
    server = await startTestServer({ storage: sqliteCase });
    const chair = await enrolledWith(server, 'Ketua', server.chairCode);
    const enrolment = (await chair.store.transaction((tx) => tx.getMeta('enrolment')))!;
    const seen: { path: string; status: number }[] = [];
    const transport = httpTransport({ serverUrl: SERVER_URL, token: enrolment.token, fetch: countingFetch(server, seen) });
    const issued = await transport.issueCode('clerk', 'panel-1', await requestSigner(chair.store));
    expect(issued).toMatchObject({ role: 'clerk', panel: 'panel-1' });
    expect(seen).toEqual([
      { path: '/api/codes', status: 401 },
      { path: '/api/codes', status: 200 },
    ]);
  });

  it('any other refusal comes back as it is, without a second try', async () => {
    server = await startTestServer({ storage: sqliteCase, clock: testClock(new Date()) });
    const chair = await enrolledWith(server, 'Ketua', server.chairCode);
    const enrolment = (await chair.store.transaction((tx) => tx.getMeta('enrolment')))!;
    const seen: { path: string; status: number }[] = [];
    const transport = httpTransport({ serverUrl: SERVER_URL, token: enrolment.token, fetch: countingFetch(server, seen) });
    const wrongKey = { ...(await requestSigner(chair.store)), privateKey: (await generateKeyPair()).privateKey };
    const failure = await transport.issueCode('witness', null, wrongKey).then(
      () => null,
      (error: unknown) => (error instanceof TransportError ? error.failure : error),
    );
    expect(failure).toMatchObject({ kind: 'refused', status: 403, code: 'forbidden', message: { en: expect.stringMatching(/not made with this device's key/) } });
    expect(seen).toHaveLength(1);
    // The right key, same clock: one request.
    await transport.issueCode('witness', null, await requestSigner(chair.store));
    expect(seen.map((s) => s.status)).toEqual([403, 200]);
  });
});
