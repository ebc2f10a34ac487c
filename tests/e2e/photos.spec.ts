import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { consistentFigures, contestOf, demoSetup, typeFigures } from './fixtures.ts';
import { enrolThrough, go, issueCodeLink, ROOT, startRekapServer, type RekapServer } from './serverProcess.ts';

/**
 * Issue 17 end to end: a clerk attaches a photo of the C.Hasil page to a form; the verifier reading
 * the form back sees the photo beside it; it syncs (record by push/pull, bytes as a blob) to the
 * chair's browser with the same SHA-256. The real server (`rekap server start`) serves the build
 * with its CSP, so the blob: images must be allowed by img-src.
 */
const PORT = Number(process.env.E2E_PHOTOS_PORT ?? 8794);
const TPS = '3509082004001'; // Panel 1's desa on day 1 of the demo schedule
const PHOTO = join(ROOT, 'tests', 'fixtures', 'chasil-page.png');
const ppwp = contestOf(demoSetup(), 'PPWP');

let rekap: RekapServer;

test.beforeAll(async () => {
  rekap = await startRekapServer(PORT, 'rekap-e2e-photos-');
});

test.afterAll(async () => {
  await rekap.stop();
});

/** The image shown really decoded (a CSP refusing blob: leaves it at 0 × 0). */
async function loadedWidth(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).first().evaluate((img) => (img as HTMLImageElement).naturalWidth);
}

test('a clerk attaches a C.Hasil photo, the verifier sees it beside the form, it syncs to the chair and survives a backup restored on a fresh profile', async ({ browser }) => {
  test.setTimeout(240_000);
  const chair = await enrolThrough(browser, rekap.base, `${rekap.base}/#/daftar/${rekap.chairCode}`, 'Ketua PPK');
  const clerk = await enrolThrough(browser, rekap.base, await issueCodeLink(chair.page, 'clerk', 'Panel 1'), 'Ani');

  await go(clerk.page, `#/tps/${TPS}/PPWP`);
  await expect(clerk.page.getByTestId('entry-form')).toBeVisible();
  await typeFigures(clerk.page, ppwp, consistentFigures(ppwp), { check: false });
  await clerk.page.getByRole('button', { name: 'Selesai dientri' }).click();
  await expect(clerk.page.getByTestId('tally-status')).toHaveAttribute('data-status', 'entered');

  // The picker takes the camera on a phone; here, the test image file.
  const picker = clerk.page.getByLabel('Pilih atau ambil foto');
  await expect(picker).toHaveAttribute('capture', 'environment');
  await picker.setInputFiles(PHOTO);
  await expect(clerk.page.getByTestId('photo-notice')).toHaveText('Foto halaman 1 tersimpan.');
  const thumb = clerk.page.getByTestId('photo-thumb');
  await expect(thumb).toHaveCount(1);
  const sha256 = (await thumb.getAttribute('data-sha256'))!;
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);

  // Read-back: the second person sees the paper's photo beside the figures, and can zoom.
  const beside = clerk.page.getByTestId('photos-beside');
  await expect(beside.getByTestId('photo-viewer')).toBeVisible();
  await expect(beside.getByLabel('Nama pemeriksa')).toBeVisible();
  await expect(beside.getByTestId('photo-viewer-img')).toHaveAttribute('data-sha256', sha256);
  await expect.poll(() => loadedWidth(clerk.page, 'photo-viewer-img')).toBeGreaterThan(0);
  // Scaled in the browser, not enlarged: the 480 × 640 image keeps its size.
  expect(await loadedWidth(clerk.page, 'photo-viewer-img')).toBe(480);
  await beside.getByRole('button', { name: 'Perbesar' }).click();
  await expect(beside.getByTestId('photo-viewer-zoom')).toHaveText('Pembesaran 125%');

  // The chair's browser: the record arrives by pull, the bytes as a blob, hash for hash.
  await expect(clerk.page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 30_000 });
  await go(chair.page, `#/tps/${TPS}/PPWP`);
  await expect(chair.page.getByTestId('entry-form')).toBeVisible();
  await expect(chair.page.getByTestId('photo-viewer-img')).toHaveAttribute('data-sha256', sha256, { timeout: 30_000 });
  await expect.poll(() => loadedWidth(chair.page, 'photo-viewer-img'), { timeout: 30_000 }).toBe(480);
  await clerk.context.close();

  // The chair's backup: one archive, the signed file beside the photo it names.
  await go(chair.page, '#/cadangan');
  const [download] = await Promise.all([chair.page.waitForEvent('download'), chair.page.getByRole('button', { name: 'Ekspor cadangan' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^rekap-backup-puger-\d{8}-\d{6}\.zip$/);
  const archive = readFileSync(await download.path());
  const files = unzipSync(new Uint8Array(archive));
  expect(Object.keys(files).sort()).toEqual(['backup.json', `photos/${sha256}`]);
  await chair.context.close();

  const fresh = await browser.newContext();
  const page = await fresh.newPage();
  await page.goto(`${rekap.base}/`);
  const picker2 = page.getByLabel('Berkas cadangan (.json atau .zip dengan foto)');
  // The photo's bytes changed inside the archive: refused naming the photo, nothing stored.
  const changed = files[`photos/${sha256}`]!.slice();
  changed[changed.length - 10] = changed[changed.length - 10]! ^ 0xff;
  const tampered = zipSync({ 'backup.json': files['backup.json']!, [`photos/${sha256}`]: changed });
  await picker2.setInputFiles({ name: 'rekap-backup-ubah.zip', mimeType: 'application/zip', buffer: Buffer.from(tampered) });
  await expect(page.getByRole('alert')).toContainText(`Cadangan ditolak, tidak ada data yang disimpan: foto photos/${sha256} di arsip tidak cocok dengan hash-nya`);
  await expect(page.getByRole('button', { name: 'Pulihkan sekarang' })).toHaveCount(0);

  await picker2.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/zip', buffer: archive });
  await expect(page.getByTestId('backup-photos')).toContainText('Foto C.Hasil: 1; 1 dibawa berkas ini');
  await page.getByLabel('Saya sudah membaca peringatan ini dan tetap ingin memulihkan').check();
  await page.getByRole('button', { name: 'Pulihkan sekarang' }).click();
  await expect(page.getByTestId('restore-summary')).toContainText('Dipulihkan dari cadangan terverifikasi');
  await go(page, `#/tps/${TPS}/PPWP`);
  const restored = page.getByTestId('photo-thumb');
  await expect(restored).toHaveAttribute('data-sha256', sha256);
  await expect.poll(() => restored.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(480);
  await fresh.close();
});
