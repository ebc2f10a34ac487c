import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../src/api/index.ts';
import { enrol, tallyOf, tpsIn } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

async function fakeDist(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rekap-dist-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Rekap</title><script type="module" src="/assets/index-abc123.js"></script>');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("rekap")');
  await writeFile(join(dir, 'sw.js'), 'self.addEventListener("install", () => {})');
  await writeFile(join(dir, 'manifest.webmanifest'), '{"name":"Rekap"}');
  return dir;
}

describe('serving the PWA', () => {
  let server: TestServer;
  let dist: string;
  afterEach(async () => {
    await server?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it('serves index.html with a strict CSP and no-cache, and hashed assets as immutable', async () => {
    dist = await fakeDist();
    server = await startTestServer({ staticDir: dist });
    const page = await server.request('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Rekap</title>');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-cache');

    const asset = await server.request('/assets/index-abc123.js');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await server.request('/sw.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await server.request('/manifest.webmanifest')).headers.get('content-type')).toMatch(/manifest\+json/);
  });

  it('serves the page to another machine over plain HTTP too, so the app can explain why offline mode is off', async () => {
    dist = await fakeDist();
    server = await startTestServer({ staticDir: dist });
    const res = await server.request('http://192.168.1.20:8787/', { headers: { host: '192.168.1.20:8787' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBeNull();
  });

  it('explains how to build the app when there is no build, and keeps the API working', async () => {
    server = await startTestServer({ staticDir: join(tmpdir(), 'rekap-no-such-dist') });
    const page = await server.request('/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build');
    expect((await server.request('/api/server-key')).status).toBe(200);
  });

  it('refuses path traversal and unknown files', async () => {
    dist = await fakeDist();
    server = await startTestServer({ staticDir: dist });
    expect((await server.request('/../package.json')).status).toBe(404);
    expect((await server.request('/%2e%2e/package.json')).status).toBe(404);
    expect((await server.request('/nope.js')).status).toBe(404);
  });

  it('does not serve the build’s source maps (issue 14), though they lie beside the scripts', async () => {
    dist = await fakeDist();
    await writeFile(join(dist, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["src/ui/main.tsx"]}');
    server = await startTestServer({ staticDir: dist });
    expect((await server.request('/assets/index-abc123.js')).status).toBe(200);
    const map = await server.request('/assets/index-abc123.js.map');
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('sources');
  });
});

describe.each(STORAGE_CASES)('API errors ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('answers bad JSON, a wrong content type, an unknown path and an oversized body with a 4xx ApiError', async () => {
    server = await startTestServer({ storage: storageCase, pushBodyLimit: 4096 });
    const chair = await enrol(server, server.chairCode);
    const post = (path: string, body: string, type = 'application/json') =>
      server.request(path, { method: 'POST', headers: { ...chair.auth, 'content-type': type }, body });

    const notJson = await post('/api/push', '{"ops": [');
    expect(notJson.status).toBe(400);
    expect(ApiErrorSchema.parse(await notJson.json()).error.message.en).toMatch(/not valid JSON/);

    const wrongType = await post('/api/push', '{}', 'text/plain');
    expect(wrongType.status).toBe(400);

    const wrongShape = await post('/api/push', JSON.stringify({ ops: 'all of them' }));
    expect(wrongShape.status).toBe(400);
    expect(ApiErrorSchema.parse(await wrongShape.json()).error.issues?.[0]?.path).toBe('ops');

    const empty = await post('/api/push', JSON.stringify({ ops: [] }));
    expect(empty.status).toBe(400);

    const unknown = await server.request('/api/nothing-here', { headers: chair.auth });
    expect(unknown.status).toBe(404);
    expect(ApiErrorSchema.parse(await unknown.json()).error.code).toBe('not-found');

    const big = await post('/api/push', JSON.stringify({ ops: [], padding: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    expect(ApiErrorSchema.parse(await big.json()).error.code).toBe('too-large');

    const bigEnrol = await server.request('/api/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'x'.repeat(70_000) }) });
    expect(bigEnrol.status).toBe(413);
  });

  it('never answers 5xx to junk, whatever the body (fuzzed)', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const valid = await chair.op(tallyOf(server.setup, tpsIn(server.setup, server.setup.desa[0]!.code)), 0);
    const paths = ['/api/push', '/api/enrol', '/api/codes', `/api/devices/${chair.enrolment.deviceId}x/revoke`];
    const mutatedOp = fc.record({
      field: fc.constantFrom(...Object.keys(valid)),
      value: fc.oneof(fc.jsonValue(), fc.string(), fc.integer()),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string(),
          mutatedOp.map(({ field, value }) => JSON.stringify({ ops: [{ ...valid, [field]: value }] })),
        ),
        async (path, body) => {
          const res = await server.request(path, { method: 'POST', headers: { ...chair.auth, 'content-type': 'application/json' }, body });
          expect(res.status, `${path} ${body.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) ApiErrorSchema.parse(await res.json());
          else await res.arrayBuffer();
        },
      ),
      { numRuns: 150 },
    );
    expect(server.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('writes one structured log line per request, without tokens', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const before = server.logs.filter((l) => l.msg === 'request').length;
    await chair.push([await chair.op(tallyOf(server.setup, tpsIn(server.setup, server.setup.desa[0]!.code)), 0)]);
    await chair.pull();
    const lines = server.logs.filter((l) => l.msg === 'request').slice(before);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', method: 'POST', path: '/api/push', status: 200, device: chair.enrolment.deviceId, role: 'chair', kecamatan: '350908', summary: 'applied=1' });
    expect(lines[1]).toMatchObject({ method: 'GET', path: '/api/pull', status: 200 });
    expect(JSON.stringify(server.logs)).not.toContain(chair.token);

    await server.request('/api/pull', { headers: { authorization: 'Bearer not-a-real-token-at-all' } });
    expect(server.logs.at(-1)).toMatchObject({ level: 'warn', msg: 'request', path: '/api/pull', status: 401 });
    expect(JSON.stringify(server.logs.at(-1))).not.toContain('not-a-real-token');
  });
});
