/**
 * `npx tsx scripts/screenshots.ts`: takes the README's screenshots from the production build in
 * Debian's Chromium (CHROMIUM_PATH overrides; BENCH_DIST=<folder> reuses a build).
 * docs/img/clerk-entry.png: the Puger demo's first PPWP form, typed in with one finding (E08).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { consistentFigures, contestOf, demoSetup, firstTps } from '../tests/e2e/fixtures.ts';
import { fillCells, startDemo, withApp } from '../bench/browser.ts';

const OUT = resolve(process.cwd(), 'docs/img');

await withApp(async (base, browser) => {
  const setup = demoSetup();
  const ppwp = contestOf(setup, 'PPWP');
  const tps = firstTps(setup);
  const figures = consistentFigures(ppwp);
  // One misread figure: pair 1 gets one vote too many, so the valid votes no longer equal the sum (E08).
  figures.set('votes.1', figures.get('votes.1')! + 1);

  // Tall enough for the whole form without scrolling (the findings summary sticks to the top when scrolled).
  const page = await browser.newPage({ viewport: { width: 1200, height: 1500 }, deviceScaleFactor: 1 });
  await startDemo(page, base);
  await page.goto(`${base}/#/tps/${tps}/PPWP`);
  await page.getByTestId('entry-form').waitFor();
  await fillCells(page, figures);
  await page.locator('[data-testid="findings-summary"] [data-code="E08"]').waitFor();
  await page.getByText('Tersimpan', { exact: false }).first().waitFor();
  // The one-off "ready offline" notice would cover part of the form.
  const notice = page.getByRole('button', { name: 'Tutup' });
  if (await notice.isVisible()) await notice.click();
  // The clerk is on the cell the finding points at (caret after the digits, nothing selected).
  await page.locator('input[data-path="votes.1"]').focus();
  await page.keyboard.press('End');
  await page.evaluate('window.scrollTo(0, 0)');
  // Header to the "Selesai dientri" panel; the change history below goes on for pages.
  const panel = await page.locator('.entry-mark').boundingBox();
  if (!panel) throw new Error('no "Selesai dientri" panel');
  mkdirSync(OUT, { recursive: true });
  const path = resolve(OUT, 'clerk-entry.png');
  await page.screenshot({ path, clip: { x: 0, y: 0, width: 1200, height: Math.ceil(panel.y + panel.height + 12) } });
  console.log(`wrote ${path}`);
});
