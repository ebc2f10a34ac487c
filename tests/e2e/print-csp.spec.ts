import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { readPdf } from './chair-fixtures.ts';
import { startDemo } from './fixtures.ts';
import { startRekapServer, type RekapServer } from './serverProcess.ts';

/**
 * Issue 12, item 1: printing from the app as `rekap server start` serves it, with its real CSP
 * (`style-src 'self'`). The @page rule (paper size, the sheet header, "Halaman x dari y") must
 * reach the printout of the kecamatan and of a desa; under `vite preview`, which sends no CSP, a
 * blocked inline style never shows.
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

/** The D.Hasil printouts checked: the kecamatan, and a desa's lampiran per TPS (31 TPS: three tables, three sheets or more). */
const PRINTOUTS = [
  { name: 'kecamatan', route: '#/cetak/PPWP', header: 'D.Hasil Kecamatan PUGER, JEMBER, JAWA TIMUR' },
  { name: 'desa', route: '#/cetak/PPWP/3509082001', header: 'D.Hasil Desa MLOKOREJO, Kecamatan PUGER, JEMBER' },
] as const;
const PAPER_POINTS = [
  ['A4', [841.89, 595.28]],
  ['F4', [935.43, 609.45]],
] as const;
const squash = (s: string) => s.replace(/\s+/g, '');

test('the printed D.Hasil of the kecamatan and of a desa keeps its paper size, sheet header and page numbers under the server’s CSP', async ({ page }, testInfo) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto(`${rekap.base}/`);
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  await startDemo(page, { base: rekap.base, operator: 'Ketua PPK' });

  for (const printout of PRINTOUTS) {
    for (const [paper, size] of PAPER_POINTS) {
      await page.goto(`${rekap.base}/${printout.route}`);
      await expect(page.getByTestId('print-doc')).toBeVisible();
      await expect(page.getByTestId('print-doc')).toHaveAttribute('data-level', printout.name);
      await page.getByLabel('Ukuran kertas').selectOption(paper);
      const path = testInfo.outputPath(`dhasil-${printout.name}-${paper}.pdf`);
      await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
      const sizes = pageSizes(readFileSync(path));
      expect(sizes.length).toBeGreaterThan(0);
      for (const [w, h] of sizes) {
        expect(w, `${printout.name} ${paper} width`).toBeCloseTo(size[0], 0);
        expect(h, `${printout.name} ${paper} height`).toBeCloseTo(size[1], 0);
      }
      const pages = readPdf(path).map((runs) => squash(runs.join('')));
      // A desa's 31 TPS print as three tables, each on a sheet of its own.
      if (printout.name === 'desa') expect(pages.length).toBeGreaterThanOrEqual(3);
      pages.forEach((text, i) => {
        // The running header (the title on the first sheet has a dash, not these commas).
        expect(text, `${printout.name} ${paper} sheet ${i + 1}`).toContain(squash(printout.header));
        expect(text).toContain('PemiluPresidendanWakilPresiden');
        expect(text).toContain(`Halaman${i + 1}dari${pages.length}`);
      });
    }
  }
  expect(violations).toEqual([]);
});
