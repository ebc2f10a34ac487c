import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Never download a browser: use Debian's Chromium (CHROMIUM_PATH overrides the path).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const port = Number(process.env.E2E_PORT ?? 4173);
// A build elsewhere than dist/ (E2E_DIST) lets several builds be tested side by side.
const dist = process.env.E2E_DIST ?? 'dist';
// A fresh data folder per run: the server's embedded database starts empty. Workers read this
// config too but start no server, so only the runner makes one.
const dataDir = process.env.TEST_WORKER_INDEX === undefined ? mkdtempSync(join(tmpdir(), 'rekap-e2e-')) : '';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
    trace: 'off',
  },
  webServer: {
    // The end-to-end tests load the production build (service worker included) as users get it:
    // served by `rekap server start`, with its real security headers (CSP), not `vite preview`.
    command: `node bin/rekap.mjs server start --demo --host 127.0.0.1 --port ${port} --static ${dist} --data-dir ${dataDir}`,
    env: { DATABASE_URL: '', PUBLIC_URL: `http://localhost:${port}` },
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
