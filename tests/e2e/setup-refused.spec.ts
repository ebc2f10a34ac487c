import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_PATH } from './fixtures.ts';

test('(e) a setup file with errors is refused with the listed problems, nothing stored', async ({ page }) => {
  const bad = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as {
    format: string;
    kecamatan: { code: string };
    desa: { code: string; tps: number[] }[];
  };
  bad.kecamatan.code = '3509.08';
  bad.desa[1]!.tps[0] = 1000;
  bad.desa[3]!.code = '123';

  await page.goto('/');
  await page.getByLabel('Nama operator').fill('Budi');
  await page.getByLabel('Impor berkas setup').setInputFiles({
    name: 'puger-rusak.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/Berkas setup ditolak \(\d+ masalah\)\. Tidak ada yang disimpan\./);
  await expect(alert.locator('code', { hasText: /^kecamatan\.code$/ })).toBeVisible();
  await expect(alert.locator('code', { hasText: /^desa\[1\]\.tps\[0\]$/ })).toBeVisible();
  await expect(alert.locator('code', { hasText: /^desa\[3\]\.code$/ })).toBeVisible();

  // Nothing stored: after a reload it is still the first run.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Selamat datang di Rekap' })).toBeVisible();

  // A file that is not a setup at all is refused too.
  await page.getByLabel('Nama operator').fill('Budi');
  await page.getByLabel('Impor berkas setup').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"rekap.tallies/v1"}') });
  await expect(page.getByRole('alert')).toContainText('format');
});
