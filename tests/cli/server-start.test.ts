import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, CodeResponseSchema, EnrolResponseSchema, ServerKeyResponseSchema } from '../../src/api/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import { signRequestHeaders } from '../../src/sync/signRequest.ts';
import { tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'rekap.mjs');

interface Started {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `rekap server start` as a real process on a free port (port 0); resolves once it is listening and has printed its banner. */
async function startProcess(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'server', 'start', '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      // The banner (stderr) ends with the stop hint; the log line (stdout) carries the address.
      if (!err.includes('Ctrl+C')) return;
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'listening' && entry.url) return resolve(entry.url);
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then((code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return { child, url, stdout: () => out, stderr: () => err, exited };
}

async function stop(s: Started): Promise<number | null> {
  s.child.kill('SIGTERM');
  return s.exited;
}

async function fakeDist(dir: string): Promise<string> {
  await mkdir(join(dir, 'assets'), { recursive: true });
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Rekap</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(dir, 'assets', 'app.js'), '');
  return dir;
}

async function enrolWith(url: string, code: string, keys?: CryptoKeyPair): Promise<Response> {
  keys ??= await generateKeyPair();
  return fetch(`${url}/api/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: 'Laptop ketua', publicKey: await exportPublicJwk(keys.publicKey) }),
  });
}

const chairCodeIn = (banner: string) => /\n {2}([0-9A-Z]{5}-[0-9A-Z]{5})\n/.exec(banner)?.[1];

describe('rekap server start', { timeout: 60_000 }, () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let running: Started | undefined;
  afterEach(async () => {
    if (running && running.child.exitCode === null) await stop(running);
    running = undefined;
    await tmp?.cleanup();
  });

  it('serves index.html with CSP headers and /api, keeps its data across restarts, and stops on SIGTERM', async () => {
    tmp = await tempDir();
    const dist = await fakeDist(tmp.path('dist'));
    const data = tmp.path('data');
    running = await startProcess(['--demo', '--static', dist, '--data-dir', data]);
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Rekap</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Plain HTTP (a hall without certificates) sends no HSTS: it would lock browsers out of this host.
    expect(page.headers.get('strict-transport-security')).toBeNull();

    const key = ServerKeyResponseSchema.parse(await (await fetch(`${running.url}/api/server-key`)).json());
    const unknown = await fetch(`${running.url}/api/pull`);
    expect(unknown.status).toBe(401);
    ApiErrorSchema.parse(await unknown.json());

    const code = chairCodeIn(running.stderr());
    expect(code, running.stderr()).toBeDefined();
    expect(running.stderr()).toContain('(350908) dibuat');
    const enrolled = await enrolWith(running.url, code!);
    expect(enrolled.status).toBe(200);
    const chair = EnrolResponseSchema.parse(await enrolled.json());
    expect(chair.serverKey).toEqual(key.publicKey);

    const requestLines = running.stdout().split('\n').filter((l) => l.includes('"msg":"request"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    expect(running.stdout()).not.toContain(chair.token);
    expect(await stop(running)).toBe(0);

    // Second start: the demo is kept (not re-initialised), a fresh chair code is printed, the key is the same.
    running = await startProcess(['--demo', '--static', dist], { DATA_DIR: data });
    expect(running.stderr()).toContain('sudah ada; datanya tetap');
    const second = chairCodeIn(running.stderr());
    expect(second).toBeDefined();
    expect(second).not.toBe(code);
    const me = await fetch(`${running.url}/api/me`, { headers: { authorization: `Bearer ${chair.token}` } });
    expect(me.status).toBe(200);
    expect(ServerKeyResponseSchema.parse(await (await fetch(`${running.url}/api/server-key`)).json())).toEqual(key);
  });

  it('gives codes the address other laptops use: PUBLIC_URL when set, never localhost', async () => {
    tmp = await tempDir();
    const issueFrom = async (env: Record<string, string>) => {
      running = await startProcess(['--demo', '--static', await fakeDist(tmp.path('dist')), '--data-dir', tmp.path(`data-${Object.keys(env).length}`)], env);
      const keys = await generateKeyPair();
      const chair = EnrolResponseSchema.parse(await (await enrolWith(running.url, chairCodeIn(running.stderr())!, keys)).json());
      // Minting a code is signed by the chair's device key (src/sync/signRequest.ts).
      const signer = { privateKey: keys.privateKey, keyHash: await keyHash(await exportPublicJwk(keys.publicKey)), kecamatan: chair.kecamatan };
      const request = { role: 'witness', panel: null };
      const signed = await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body: request }, new Date());
      const res = await fetch(`${running.url}/api/codes`, { method: 'POST', headers: { authorization: `Bearer ${chair.token}`, 'content-type': 'application/json', ...signed }, body: JSON.stringify(request) });
      const body = CodeResponseSchema.parse(await res.json());
      await stop(running);
      return body.serverUrl;
    };
    expect(await issueFrom({ PUBLIC_URL: 'https://ppk-puger.example:8787/' })).toBe('https://ppk-puger.example:8787');
    // Listening on 127.0.0.1 only, with no PUBLIC_URL: no address another laptop could use.
    expect(await issueFrom({})).toBeNull();
  });

  it('serves HTTPS when TLS_CERT and TLS_KEY are set', async () => {
    tmp = await tempDir();
    const cert = tmp.path('cert.pem');
    const key = tmp.path('key.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    running = await startProcess(['--data-dir', tmp.path('data'), '--static', tmp.path('none')], { TLS_CERT: cert, TLS_KEY: key });
    expect(running.url).toMatch(/^https:\/\/localhost:\d+$/);
    const port = new URL(running.url).port;
    const { readFile } = await import('node:fs/promises');
    const ca = await readFile(cert);
    let hsts: string | string[] | undefined;
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port, path: '/api/server-key', ca, servername: 'localhost' }, (res) => {
        hsts = res.headers['strict-transport-security'];
        let data = '';
        res.on('data', (d: Buffer) => (data += d.toString()));
        res.on('end', () => resolve(data));
      });
      req.on('error', reject);
      req.end();
    });
    ServerKeyResponseSchema.parse(JSON.parse(body));
    // Over TLS the browser is told to stay on HTTPS for this host (issue 14).
    expect(hsts).toBe('max-age=31536000');
  });

  it('refuses half a TLS configuration and a bad port before opening anything', async () => {
    tmp = await tempDir();
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [BIN, 'server', 'start', '--data-dir', tmp.path('data'), '--lang', 'en', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8' });
    const half = run(['--port', '0'], { TLS_CERT: tmp.path('cert.pem') });
    expect(half.status).toBe(2);
    expect(half.stderr).toMatch(/both TLS_CERT and TLS_KEY/);
    const port = run(['--port', 'eighty']);
    expect(port.status).toBe(2);
    expect(port.stderr).toMatch(/Invalid port/);
  });
});
