import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readPdf } from './chair-fixtures.ts';
import { startDemo } from './fixtures.ts';
import { startRekapServer, type RekapServer } from './serverProcess.ts';

/**
 * Issue 12, item 1: printing from the app as `rekap server start` serves it, with its real CSP
 * (`style-src 'self'`). The @page rule (paper size, the sheet header, "Halaman x dari y") must
 * reach the printout; under `vite preview`, which sends no CSP, a blocked inline style never shows.
 */
const PORT = Number(process.env.E2E_PRINT_PORT ?? 8798);
let rekap: RekapServer;

test.beforeAll(async () => {
  rekap = await startRekapServer(PORT, 'rekap-e2e-print-');
});
test.afterAll(async () => {
  await rekap.stop();
});

/** The page sizes of a PDF in points (/MediaBox [0 0 w h]), one per page. */
function pageSizes(pdf: Buffer): [number, number][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

test('the printed D.Hasil keeps its paper size, sheet header and page numbers under the server’s CSP', async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto(`${rekap.base}/`);
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  await startDemo(page, { base: rekap.base, operator: 'Ketua PPK' });

  for (const [paper, size] of [
    ['A4', [841.89, 595.28]],
    ['F4', [935.43, 609.45]],
  ] as const) {
    await page.goto(`${rekap.base}/#/cetak/PPWP`);
    await expect(page.getByTestId('print-doc')).toBeVisible();
    await page.getByLabel('Ukuran kertas').selectOption(paper);
    const path = testInfo.outputPath(`dhasil-${paper}.pdf`);
    await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
    const sizes = pageSizes(readFileSync(path));
    expect(sizes.length).toBeGreaterThan(0);
    for (const [w, h] of sizes) {
      expect(w, `${paper} width`).toBeCloseTo(size[0], 0);
      expect(h, `${paper} height`).toBeCloseTo(size[1], 0);
    }
    const pages = readPdf(path).map((runs) => runs.join('').replace(/\s+/g, ''));
    pages.forEach((text, i) => {
      expect(text).toContain('D.HasilKecamatanPUGER');
      expect(text).toContain(`Halaman${i + 1}dari${pages.length}`);
    });
  }
  expect(violations).toEqual([]);
});
