import { expect, test, type Locator, type Page } from '@playwright/test';
import { desaOfTps, tpsCode, type DesaCode } from '../../src/domain/codes/codes.ts';
import { paperOrder } from '../../src/domain/tally/fields.ts';
import type { TotalsReport } from '../../src/domain/totals/index.ts';
import { cliTotals, desaTalliesFile, exportTalliesFile, figureAt, fmtId, importTalliesFile, readDHasilTable, readPdf } from './chair-fixtures.ts';
import { consistentFigures, contestOf, demoSetup, firstTps, openForm, startDemo, typeFigures } from './fixtures.ts';

const MLOKOREJO = '3509082001' as DesaCode;

/** The element's box lies inside the viewport and nothing (a banner, a toast) covers its centre. */
async function expectOnScreen(page: Page, element: Locator, what: string): Promise<void> {
  const box = await element.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height, `${what}: bottom`).toBeLessThanOrEqual(viewport.height);
  const hit = await element.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
  });
  expect(hit, `${what}: not covered`).toBe(true);
}

test('figures first: at 1366×768 the first figures and the Jumlah column show without scrolling, and Jumlah stays beside the labels while the columns scroll', async ({ page }) => {
  test.setTimeout(120_000);
  const setup = demoSetup();
  const ppwp = contestOf(setup, 'PPWP');
  await page.setViewportSize({ width: 1366, height: 768 });
  await startDemo(page, { operator: 'Ketua PPK' });
  // MLOKOREJO's 31 TPS come in a file: real figures, and the backup reminder above the screen.
  await importTalliesFile(page, desaTalliesFile(setup, MLOKOREJO, [ppwp]));

  for (const [route, totalName, firstColumn] of [
    ['/#/dhasil/PPWP', 'Jumlah Kecamatan PUGER', MLOKOREJO],
    [`/#/dhasil/PPWP/${MLOKOREJO}`, 'Jumlah Desa MLOKOREJO', tpsCode(MLOKOREJO, setup.desa.find((d) => d.code === MLOKOREJO)!.tps[0]!)],
  ] as const) {
    await page.goto(route);
    const table = page.getByTestId('dhasil-table');
    await expect(table).toBeVisible();
    await expect(page.getByTestId('backup-reminder')).toBeVisible();
    // The finalisation checklist and the signing come after the table, folded.
    await expect(page.getByTestId('finalisation-panel')).toHaveJSProperty('open', false);
    expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);

    const totalHeader = table.locator('thead th[data-kind="total"]');
    await expect(totalHeader).toContainText(totalName);
    const firstRow = table.locator('tbody tr[data-path]').first();
    await expect(firstRow).toHaveAttribute('data-path', 'voters.dpt.male');
    const label = firstRow.locator('th');
    const cells = firstRow.locator('td');
    // On screen the total is the first figure of each row, right after the label.
    const total = cells.first();
    await expect(total).toHaveClass(/dhasil-total-cell/);
    await expect(total).toHaveText(/^\d{1,3}(\.\d{3})+$/);
    const firstArea = cells.nth(1);
    await expect(firstArea).toHaveText(/^\d{1,3}(\.\d{3})*$/);
    await expect(table.locator('thead th[data-col]').nth(1)).toHaveAttribute('data-col', firstColumn);
    for (const [element, what] of [
      [totalHeader, 'Jumlah header'],
      [label, 'first row label'],
      [total, 'first row Jumlah'],
      [firstArea, 'first row, first desa/TPS'],
    ] as const) {
      await expectOnScreen(page, element, `${route}: ${what}`);
    }
  }

  // On a narrower window the kecamatan's desa columns scroll sideways (and the rows down) under a
  // header row, label column and Jumlah column that stay put.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/#/dhasil/PPWP');
  const table = page.getByTestId('dhasil-table');
  const row = table.locator('tbody tr[data-path="valid"]');
  await expect(row.locator('td').first()).toHaveText(/^\d{1,3}(\.\d{3})+$/);
  const firstDesaHeader = table.locator(`thead th[data-col="${MLOKOREJO}"]`);
  const before = (await firstDesaHeader.boundingBox())!;
  await page.evaluate(() => window.scrollTo(document.documentElement.scrollWidth, 0));
  await row.evaluate((el) => window.scrollTo(window.scrollX, window.scrollY + el.getBoundingClientRect().top - 400));
  const scrolled = await page.evaluate(() => [window.scrollX, window.scrollY]);
  expect(scrolled[0], 'scrolled sideways').toBeGreaterThan(100);
  expect(scrolled[1], 'scrolled down').toBeGreaterThan(300);
  expect((await firstDesaHeader.boundingBox())!.x).toBeLessThan(before.x - 100);
  const labelBox = (await row.locator('th').boundingBox())!;
  const totalBox = (await row.locator('td').first().boundingBox())!;
  expect(labelBox.x).toBeCloseTo(0, 0);
  expect(totalBox.x).toBeCloseTo(labelBox.x + labelBox.width, 0);
  await expectOnScreen(page, row.locator('td').first(), 'scrolled: valid votes, Jumlah');
  await expectOnScreen(page, row.locator('th'), 'scrolled: valid votes, label');
  const headerBox = (await table.locator('thead th[data-kind="total"]').boundingBox())!;
  expect(headerBox.y, 'the header row sticks to the top').toBeCloseTo(0, 0);
  expect(headerBox.x).toBeCloseTo(totalBox.x, 0);
});

test('the D.Hasil in the page equals `rekap totals` on the exported tallies, and prints with totals, names and signatures', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const setup = demoSetup();
  const ppwp = contestOf(setup, 'PPWP');
  const dpr = contestOf(setup, 'DPR');
  const first = firstTps(setup);
  // The next TPS of the same desa (DPR there: the same figures at one TPS would differ in DPT, W04).
  const second = tpsCode(desaOfTps(first), setup.desa.find((d) => d.code === desaOfTps(first))!.tps[1]!);

  // A clerk types PPWP at PUGERKULON 001 and DPR at 002; MLOKOREJO's 31 TPS come in a file.
  await startDemo(page);
  for (const [tps, contest] of [[first, ppwp], [second, dpr]] as const) {
    await openForm(page, setup, tps, contest);
    await typeFigures(page, contest, consistentFigures(contest), { check: false });
    await page.getByRole('button', { name: 'Selesai dientri' }).click();
    await expect(page.getByTestId('tally-status')).toHaveAttribute('data-status', 'entered');
  }
  await importTalliesFile(page, desaTalliesFile(setup, MLOKOREJO, [ppwp, dpr]));

  const exported = await exportTalliesFile(page);
  const reports = new Map(cliTotals(exported).map((r) => [r.contest, r]));
  expect([...reports.keys()]).toEqual(['PPWP', 'DPR']);

  for (const contest of [ppwp, dpr]) {
    const report = reports.get(contest.id)!;
    await page.goto(`/#/dhasil/${contest.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`D.Hasil Kecamatan PUGER — ${contest.name}`);
    const table = await readDHasilTable(page);
    const areas = [...report.desa, report.kecamatan];
    expect(table.columns).toEqual(areas.map((a) => a.code));
    areas.forEach((area, i) => expect(table.headers[i]).toContain(`${area.tpsIncluded}/`));
    expect(Object.keys(table.rows)).toEqual(paperOrder(contest));
    for (const path of paperOrder(contest)) {
      expect(table.rows[path], path).toEqual(areas.map((a) => fmtId(figureAt(a.figures, path))));
    }
    await expect(page.getByTestId('coverage')).toContainText(`Jumlah kecamatan mencakup ${report.kecamatan.tpsIncluded} dari 364 TPS.`);
    await expect(page.getByTestId('coverage-unverified')).toHaveText(`Belum diverifikasi (1 TPS): PUGERKULON: TPS ${(contest.id === 'PPWP' ? first : second).slice(10)}`);
  }

  // The desa page: its total column equals the command-line desa total.
  const mlok = reports.get('PPWP')!.desa.find((d) => d.code === MLOKOREJO)!;
  await page.goto(`/#/dhasil/PPWP/${MLOKOREJO}`);
  await expect(page.getByTestId('coverage')).toContainText('Jumlah desa mencakup 31 dari 31 TPS.');
  await expect(page.getByTestId('coverage')).toContainText('Semua TPS sudah masuk dan terverifikasi.');
  const desaTable = await readDHasilTable(page);
  expect(desaTable.columns).toHaveLength(11);
  for (const path of paperOrder(ppwp)) expect(desaTable.rows[path]!.at(-1), path).toBe(fmtId(figureAt(mlok.figures, path)));

  // Print the kecamatan D.Hasil (PPWP) to PDF and read its text.
  await page.goto('/#/cetak/PPWP');
  await expect(page.getByTestId('print-doc')).toBeVisible();
  const pdfPath = testInfo.outputPath('dhasil-puger-ppwp.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  const pages = readPdf(pdfPath);
  const runs = pages.flat();
  // Skia splits text into runs at kerning and spacing adjustments ("K etua PPK"): compare words
  // without whitespace, and figures (each in its own table cell) as whole runs.
  const squash = (s: string) => s.replace(/\s+/g, '');
  const text = squash(runs.join(''));
  const has = (words: string) => expect(text, words).toContain(squash(words));
  const kec: TotalsReport['kecamatan'] = reports.get('PPWP')!.kecamatan;

  // Page header with wilayah and contest, and page numbers on every page.
  pages.forEach((p, i) => {
    const pageText = squash(p.join(''));
    expect(pageText).toContain(squash('D.Hasil Kecamatan PUGER, JEMBER, JAWA TIMUR'));
    expect(pageText).toContain(squash(ppwp.name));
    expect(pageText).toContain(squash(`Halaman ${i + 1} dari ${pages.length}`));
  });
  has('MODEL D.HASIL KECAMATAN');
  // Every desa by name, and the kecamatan totals (valid votes, each pair, voters who voted).
  for (const d of setup.desa) has(d.name);
  expect(kec.figures.valid).toBeGreaterThan(999);
  expect(runs).toContain(fmtId(kec.figures.valid));
  for (const c of 'candidates' in ppwp ? ppwp.candidates : []) expect(runs).toContain(fmtId(figureAt(kec.figures, `votes.${c.number}`)));
  expect(runs).toContain(fmtId(kec.figures.voters.usedTotal.total));
  has('Jumlah Kecamatan PUGER');
  // Signature blocks: the PPK chair and members, the witnesses of each pair.
  for (const words of ['Tanda tangan', 'Panitia Pemilihan Kecamatan (PPK) PUGER', 'Ketua PPK', 'Anggota PPK 1', 'Anggota PPK 4', 'Saksi peserta pemilu yang hadir']) has(words);
  for (const c of 'candidates' in ppwp ? ppwp.candidates : []) has(`Pasangan calon 0${c.number} (${c.name})`);
});
