/**
 * `npx tsx scripts/chair-screenshot.ts`: the README's pictures of the chair's view, taken in
 * Debian's Chromium against the production build (BENCH_DIST=<folder> reuses a build): the Puger
 * demo with 8 of its 12 desa in (one of them still being checked), then the kecamatan D.Hasil
 * (docs/img/dhasil.png, at 1366×768: the figures come first) and the progress screen (docs/img/chair-progress.png).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tpsCode } from '../src/domain/codes/codes.ts';
import { validateSetup } from '../src/domain/setup/index.ts';
import { createRng, generateTally, generateTpsProfile } from '../src/domain/synthetic/generate.ts';
import { TALLIES_FORMAT, type Tally } from '../src/domain/tally/tally.ts';
import { startDemo, withApp } from '../bench/browser.ts';

const OUT = resolve(process.cwd(), 'docs/img');

function talliesFile(): string {
  const parsed = validateSetup(JSON.parse(readFileSync(resolve(process.cwd(), 'public/demo/puger-setup.json'), 'utf8')));
  if (!parsed.ok) throw new Error('demo setup invalid');
  const setup = parsed.value;
  const rng = createRng(2024);
  const tallies: Tally[] = [];
  // Days 1 and 2 of the schedule are done; on day 3 the first desa is half entered.
  const order = setup.schedule.days.flatMap((d) => d.assignments.flatMap((a) => a.desa));
  order.slice(0, 9).forEach((code, k) => {
    const desa = setup.desa.find((d) => d.code === code)!;
    const tps = k === 8 ? desa.tps.slice(0, Math.ceil(desa.tps.length / 2)) : desa.tps;
    for (const n of tps) {
      const profile = generateTpsProfile(rng);
      for (const contest of setup.contests) {
        const tally = generateTally(rng, tpsCode(desa.code, n), contest, profile);
        tallies.push(k === 8 && n % 3 === 0 ? { ...tally, status: 'entered' } : tally);
      }
    }
  });
  return JSON.stringify({ format: TALLIES_FORMAT, kecamatan: setup.kecamatan.code, tallies });
}

await withApp(async (base, browser) => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 1000 }, deviceScaleFactor: 1 });
  await startDemo(page, base, 'Ketua PPK Puger');
  await page.goto(`${base}/#/cadangan`);
  await page.getByLabel('Impor berkas hasil TPS (.json)').setInputFiles({ name: 'puger.json', mimeType: 'application/json', buffer: Buffer.from(talliesFile()) });
  await page.getByText(/^Diimpor: \d+;/).waitFor({ timeout: 300_000 });
  // A chair backs up after an import (and the reminder banner goes); the offline-ready note is closed.
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor cadangan' }).click()]);
  const close = page.getByRole('button', { name: 'Tutup' });
  if (await close.isVisible()) await close.click();
  mkdirSync(OUT, { recursive: true });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${base}/#/dhasil/PPWP`);
  await page.locator('table[data-testid="dhasil-table"] tr[data-path="valid"] td.dhasil-total-cell').waitFor();
  await page.screenshot({ path: resolve(OUT, 'dhasil.png') });
  await page.setViewportSize({ width: 1366, height: 1000 });

  await page.goto(`${base}/#/progres`);
  await page.getByTestId('progress-matrix').waitFor();
  await page.screenshot({ path: resolve(OUT, 'chair-progress.png') });
  console.log(`Wrote ${resolve(OUT, 'dhasil.png')} and chair-progress.png`);
});
