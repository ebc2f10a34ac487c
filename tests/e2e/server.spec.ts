import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startDemo, waitForServiceWorker } from './fixtures.ts';

/**
 * The production build served by `rekap server start` itself (not vite preview): its CSP must let
 * the app, its service worker and its manifest work, and a page opened over plain HTTP from another
 * machine must say why offline mode is off. "rekap-hall.test" is mapped to 127.0.0.1 so Chromium
 * treats it as a remote, insecure origin.
 */
const PORT = Number(process.env.E2E_SERVER_PORT ?? 8790);
const HALL_HOST = 'rekap-hall.test';
const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = process.env.E2E_DIST ?? join(ROOT, 'dist');

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', `--host-resolver-rules=MAP ${HALL_HOST} 127.0.0.1`],
  },
});

let server: ChildProcess | undefined;
let dataDir = '';

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rekap-e2e-server-'));
  server = spawn(process.execPath, [join(ROOT, 'bin', 'rekap.mjs'), 'server', 'start', '--demo', '--port', String(PORT), '--static', DIST, '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((resolveStarted, reject) => {
    server!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"msg":"listening"')) resolveStarted();
    });
    server!.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test('the app runs under the server CSP: no violation, the service worker installs', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI}`));
  });
  const res = await page.goto(`http://localhost:${PORT}/`);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await startDemo(page, { base: `http://localhost:${PORT}` });
  await waitForServiceWorker(page);
  await expect(page.getByTestId('insecure-context')).toHaveCount(0);
  // zod 4 probes for eval support with a caught `new Function("")` (it then parses without JIT);
  // CSP reports the probe. Setting z.config({ jitless: true }) before the app starts removes it.
  expect(refused.filter((m) => !/script-src eval/.test(m))).toEqual([]);
});

test('over plain HTTP from another machine the page explains why it cannot work offline', async ({ page }) => {
  const res = await page.goto(`http://${HALL_HOST}:${PORT}/`);
  expect(res?.status()).toBe(200);
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
  const banner = page.getByTestId('insecure-context');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Sambungan tidak aman');
  await expect(banner).toContainText('https://');
});
