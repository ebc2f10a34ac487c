import { afterEach, describe, expect, it } from 'vitest';
import { PullResponseSchema } from '../../src/api/index.ts';
import { jsonRequest } from '../../src/sync/http.ts';
import { TransportError } from '../../src/sync/transport.ts';
import { enrol, tallyOf, tpsIn } from '../server/client.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';

/**
 * A pulled record is a boundary too (issue 14): the shared pull schema refuses a page whose record
 * holds a figure past 0–999,999, naming the place. The device's transport reads a page change by
 * change (src/sync/pulledPage.ts), so such a record is refused alone and the rest of the page lands
 * (tests/sync/pullProofs.test.ts).
 */
describe('a pulled figure past the bound', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('is refused as a protocol error in words, naming the figure', async () => {
    server = await startTestServer();
    const chair = await enrol(server, server.chairCode);
    expect((await chair.push([await chair.op(tallyOf(server.setup, tpsIn(server.setup, server.setup.desa[0]!.code), 'PPWP', [417, 20, 30]), 0)])).results[0]!.status).toBe('applied');
    const page = await (await server.request('/api/pull?since=0', { headers: chair.auth })).text();
    expect(page).toContain('"1":417');
    const edited = page.replace('"1":417', '"1":1e308');
    const request = jsonRequest({ serverUrl: 'http://127.0.0.1:8787', token: chair.token, fetch: () => Promise.resolve(new Response(edited, { status: 200 })), timeoutMs: 1_000 });
    const error = await request('GET', '/api/pull?since=0&limit=500', PullResponseSchema).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransportError);
    const failure = (error as TransportError).failure;
    expect(failure.kind).toBe('protocol');
    expect(failure.message.id).toMatch(/changes\[0\]\.record\.votes\.1: Angka formulir harus bilangan bulat 0–999\.999/);
    expect(failure.message.en).toMatch(/changes\[0\]\.record\.votes\.1: A form figure must be a whole number 0–999,999/);
  });
});
