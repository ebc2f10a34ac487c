import { expect, test } from '@playwright/test';
import { desaOfTps, tpsCode, type DesaCode } from '../../src/domain/codes/codes.ts';
import { paperOrder } from '../../src/domain/tally/fields.ts';
import type { TotalsReport } from '../../src/domain/totals/index.ts';
import { cliTotals, desaTalliesFile, exportTalliesFile, figureAt, fmtId, importTalliesFile, readDHasilTable, readPdf } from './chair-fixtures.ts';
import { consistentFigures, contestOf, demoSetup, firstTps, openForm, startDemo, typeFigures } from './fixtures.ts';

const MLOKOREJO = '3509082001' as DesaCode;

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
