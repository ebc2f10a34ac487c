import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = process.env.E2E_DIST ?? join(ROOT, 'dist');

/** `rekap server start --demo` serving the production build with its real headers, on a temp DATA_DIR. */
export interface RekapServer {
  base: string;
  /** The chair's one-time enrolment code, from the banner. */
  chairCode: string;
  stop(): Promise<void>;
}

export async function startRekapServer(port: number, prefix: string): Promise<RekapServer> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const server: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'rekap.mjs'), 'server', 'start', '--demo', '--port', String(port), '--static', DIST, '--data-dir', dataDir], {
    cwd: ROOT,
    // The address the browsers use, so enrolment links point where they can reach.
    env: { ...process.env, DATABASE_URL: '', PUBLIC_URL: `http://localhost:${port}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  server.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((started, reject) => {
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"msg":"listening"')) started();
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
  // The banner (stderr) ends with the chair's one-time code.
  const codeOf = () => /Kode pendaftaran ketua PPK[^\n]*\n\s*\n\s+(\S+)/.exec(err)?.[1] ?? '';
  await expect.poll(codeOf).not.toBe('');
  return {
    base: `http://localhost:${port}`,
    chairCode: codeOf(),
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh browser profile enrolled through an enrolment link, as a person would. */
export async function enrolThrough(browser: Browser, base: string, link: string, operator: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Hubungkan ke server' })).toBeVisible();
  await expect(page.getByLabel('Alamat server')).toHaveValue(base);
  await page.getByLabel('Nama operator').fill(operator);
  await page.getByRole('button', { name: 'Hubungkan' }).click();
  await expect(page.getByTestId('enrolled')).toContainText('Terhubung sebagai');
  return { context, page };
}

/** The chair's sync screen issues a code for a role (and panel); its link. */
export async function issueCodeLink(chair: Page, role: 'clerk' | 'witness' | 'panwas', panel?: string): Promise<string> {
  await chair.evaluate(() => void (window.location.hash = '#/sinkron'));
  await chair.getByLabel('Peran').selectOption(role);
  if (panel) await chair.getByLabel('Panel').selectOption({ label: panel });
  await chair.getByRole('button', { name: 'Buat kode' }).click();
  const link = chair.getByTestId('code-link');
  await expect(link).toBeVisible();
  return (await link.textContent())!;
}

export const go = (page: Page, hash: string) => page.evaluate((h) => void (window.location.hash = h), hash);
