import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { consistentFigures, contestOf, demoSetup, expectFigures, firstTps, openForm, startDemo, typeFigures } from './fixtures.ts';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium started by the test itself (not by Playwright) in its own process group, so that it can
 * be killed with SIGKILL like a power cut or a crash: no unload handlers, no clean shutdown.
 */
async function launchChromium(userDataDir: string): Promise<{ proc: ChildProcess; browser: Browser }> {
  const proc = spawn(
    executablePath,
    [
      '--headless',
      '--remote-debugging-port=0',
      `--user-data-dir=${userDataDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000);
    proc.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    proc.on('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
  });
  const browser = await chromium.connectOverCDP(wsEndpoint);
  return { proc, browser };
}

function killHard(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const exited = proc.exitCode !== null || proc.signalCode !== null;
    if (!exited) proc.once('exit', () => resolve());
    try {
      // The whole group: the launcher script, the browser and its renderer/GPU/utility processes.
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    if (exited) resolve();
  });
}

test('(c) an abrupt kill right after typing loses nothing typed up to 1 second before', async ({ baseURL }) => {
  const setup = demoSetup();
  const dpr = contestOf(setup, 'DPR');
  const tps = firstTps(setup);
  const figures = consistentFigures(dpr);
  const profile = mkdtempSync(join(tmpdir(), 'rekap-crash-'));
  try {
    const first = await launchChromium(profile);
    try {
      const context = first.browser.contexts()[0]!;
      context.setDefaultNavigationTimeout(30_000);
      const page = await context.newPage();
      // A context over CDP has no baseURL: the fixtures get it explicitly.
      await startDemo(page, { base: baseURL! });
      await openForm(page, setup, tps, dpr, baseURL!);
      await typeFigures(page, dpr, figures, { check: false });
      // One second after the last keystroke, the power goes (whatever the save indicator says).
      await page.waitForTimeout(1_000);
    } finally {
      await killHard(first.proc);
    }

    const second = await launchChromium(profile);
    try {
      const page = await second.browser.contexts()[0]!.newPage();
      await page.goto(`${baseURL}/#/tps/${tps}/DPR`);
      await expect(page.getByTestId('entry-form')).toBeVisible();
      const empty = await page
        .locator('input[data-path]')
        .evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).value === '').map((e) => e.getAttribute('aria-label')));
      expect(empty, 'cells lost by the crash').toEqual([]);
      await expectFigures(page, dpr, figures);
      await expect(page.getByTestId('findings-summary')).toHaveAttribute('data-errors', '0');
    } finally {
      await second.browser.close().catch(() => undefined);
      await killHard(second.proc);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
