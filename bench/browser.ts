/**
 * Shared helpers for the benchmarks (and scripts) that drive the production build in a real
 * Chromium: build the app into a temporary folder, serve it on a free port, launch Debian's
 * Chromium with the same flags as the end-to-end tests, and walk the first-run screens.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Build {
  dir: string;
  /** Removes the folder, unless it was given by BENCH_DIST. */
  dispose: () => void;
}

/**
 * The production build (service worker included) in a temporary folder, so that it never collides
 * with dist/ or another build. BENCH_DIST=<folder> reuses an existing build instead.
 */
export async function buildApp(): Promise<Build> {
  const given = process.env.BENCH_DIST;
  if (given) {
    if (!existsSync(join(given, 'index.html'))) throw new Error(`BENCH_DIST=${given} holds no index.html`);
    return { dir: resolve(given), dispose: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rekap-bench-dist-'));
  await new Promise<void>((ok, fail) => {
    const child = spawn('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`vite build exited with ${code}`))));
  });
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Served {
  url: string;
  close: () => Promise<void>;
}

/**
 * A tiny static server for the build on a free port of 127.0.0.1 (a secure context, so the service
 * worker registers as on localhost). Unknown paths get index.html, as `vite preview` does.
 */
export async function serveStatic(dir: string, port = 0): Promise<Served> {
  const root = resolve(dir);
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Build, serve and launch; `run` gets the base URL and the browser; everything is torn down after. */
export async function withApp<T>(run: (base: string, browser: Browser) => Promise<T>): Promise<T> {
  const build = await buildApp();
  try {
    const served = await serveStatic(build.dir);
    try {
      const browser = await launchChromium();
      try {
        return await run(served.url, browser);
      } finally {
        await browser.close();
      }
    } finally {
      await served.close();
    }
  } finally {
    build.dispose();
  }
}

/** First run through the UI, as a clerk does it: operator name, the Puger demo, Panel 1. */
export async function startDemo(page: Page, base: string, operator = 'Siti Aminah'): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('Nama operator').fill(operator);
  await page.getByRole('button', { name: 'Mulai demo Puger' }).click();
  await page.getByRole('radio', { name: 'Panel 1' }).check();
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByRole('heading', { name: 'Pekerjaan rekapitulasi' }).waitFor();
}

/** Fills cells of the open form (by data-path) the way the input sees typing: one input event each. */
export async function fillCells(page: Page, figures: ReadonlyMap<string, number>): Promise<void> {
  for (const [path, value] of figures) await page.locator(`input[data-path="${path}"]`).fill(String(value));
}
