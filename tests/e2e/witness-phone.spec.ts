import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { tpsCode, type DesaCode } from '../../src/domain/codes/codes.ts';
import { createRng } from '../../src/domain/synthetic/random.ts';
import { generateTally } from '../../src/domain/synthetic/tally.ts';
import { TALLIES_FORMAT } from '../../src/domain/tally/tally.ts';
import { contestOf, demoSetup, label } from './fixtures.ts';
import { enrolThrough, go, issueCodeLink, ROOT, startRekapServer, type RekapServer } from './serverProcess.ts';

/**
 * Issue 16 end to end on a phone (390×844, touch): a witness enrols by the code link the chair
 * shows, watches BAGON's D.Hasil fill as a headless panel-1 clerk pushes its forms, watches a form
 * as the clerk's laptop corrects it (when and why), and files an objection that the chair decides.
 * On every screen the witness visits, the page fits the phone's width and no control that writes
 * figures, accepts warnings, finalises, reopens or exports backups is present.
 */
const PORT = Number(process.env.E2E_WITNESS_PORT ?? 8796);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;
const setup = demoSetup();
const ppwp = contestOf(setup, 'PPWP');
const BAGON = '3509082007' as DesaCode;
const bagon = setup.desa.find((d) => d.code === BAGON)!;
const TPS1 = tpsCode(BAGON, bagon.tps[0]!);
// Waits cover one fallback poll (30 s, src/sync/engine.ts) besides the live event.
const SYNCED = { timeout: 75_000 };

let rekap: RekapServer;
let work = '';

test.beforeAll(async () => {
  rekap = await startRekapServer(PORT, 'rekap-e2e-witness-');
  work = mkdtempSync(join(tmpdir(), 'rekap-e2e-witness-cli-'));
});

test.afterAll(async () => {
  await rekap.stop();
  rmSync(work, { recursive: true, force: true });
});

/** BAGON's PPWP forms, complete and check-clean, entered by Ani and verified by Dewi. */
function bagonFile(): string {
  const rng = createRng(16);
  const tallies = bagon.tps.map((n) => ({ ...generateTally(rng, tpsCode(BAGON, n), ppwp), status: 'verified' as const, enteredBy: 'Ani', verifiedBy: 'Dewi' }));
  const file = join(work, 'bagon.json');
  writeFileSync(file, JSON.stringify({ format: TALLIES_FORMAT, kecamatan: setup.kecamatan.code, tallies }));
  return file;
}

/** A phone enrolled through the link of the chair's code (what its QR code holds), as a person would. */
async function phoneEnrols(browser: Browser, link: string, operator: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByLabel('Alamat server')).toHaveValue(rekap.base);
  await page.getByLabel('Nama operator').fill(operator);
  await page.getByRole('button', { name: 'Hubungkan' }).tap();
  await expect(page.getByTestId('enrolled')).toContainText('Terhubung sebagai');
  return page;
}

/** The checks of every witness screen: it fits the phone's width, and nothing on it writes. */
async function fitsAndReadsOnly(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(widths.client);
  const writes = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLInputElement>('input.entry-cell, td.grid-td input')) if (!el.readOnly) found.push(`figure ${el.getAttribute('aria-label')}`);
    for (const b of document.querySelectorAll('button')) {
      const name = (b.textContent ?? '').trim();
      if (/Selesai dientri|Konfirmasi|entri kedua|Terima|Finalkan|Buka kembali|Simpan keputusan|Tautkan|Ekspor cadangan|Simpan pembetulan/i.test(name)) found.push(`button ${name}`);
    }
    if (document.querySelector('[data-testid="backup-reminder"]')) found.push('backup reminder');
    return found;
  });
  expect(writes, `${where}: write controls`).toEqual([]);
  // What the phone showed, for whoever reads the test's output.
  await page.screenshot({ path: test.info().outputPath(`${where.replace(/[^\w]+/g, '-')}.png`) });
}

/** Opens the folded menu and taps an item. */
async function tapMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Menu' }).tap();
  await page.getByRole('navigation', { name: 'Menu utama' }).getByRole('link', { name: item, exact: true }).tap();
}

test('a witness watches the D.Hasil change on a phone and files an objection the chair decides', async ({ browser }) => {
  test.setTimeout(420_000);
  const { base } = rekap;
  const chair = await enrolThrough(browser, base, `${base}/#/daftar/${rekap.chairCode}`, 'Ketua PPK');
  const clerk = await enrolThrough(browser, base, await issueCodeLink(chair.page, 'clerk', 'Panel 1'), 'Ani');
  const witness = await phoneEnrols(browser, await issueCodeLink(chair.page, 'witness'), 'Saksi 02');

  // Home of a witness: the kecamatan D.Hasil, its total on the first screen, the menu folded.
  await go(witness, '#/');
  const totalCard = witness.locator('.dhasil-card--total');
  await expect(totalCard).toBeVisible();
  const firstFigure = (await totalCard.locator('.dhasil-card-row').first().boundingBox())!;
  expect(firstFigure.y + firstFigure.height).toBeLessThanOrEqual(PHONE.viewport.height);
  await expect(witness.getByRole('navigation', { name: 'Menu utama' })).toBeHidden();
  await expect(witness.getByTestId('header-role')).toHaveText('Saksi');
  await fitsAndReadsOnly(witness, 'D.Hasil kecamatan');

  // Two taps to a desa's D.Hasil: its card, then it is open.
  await witness.locator('.dhasil-card[data-col="3509082007"] .dhasil-card-title a').tap();
  await expect(witness.getByRole('heading', { level: 1, name: /BAGON/ })).toBeVisible();
  const tps1Card = witness.locator(`.dhasil-card[data-col="${TPS1}"]`);
  await expect(tps1Card.locator('.dhasil-card-note')).toHaveAttribute('data-state', 'missing');
  await fitsAndReadsOnly(witness, 'D.Hasil BAGON (empty)');

  // A panel-1 clerk's forms sync (headless, `rekap sync … push`): the phone's desa D.Hasil fills by itself.
  const headless = (await issueCodeLink(chair.page, 'clerk', 'Panel 1')).split('/').pop()!;
  const pushed = spawnSync(process.execPath, [join(ROOT, 'bin', 'rekap.mjs'), 'sync', '--server', base, '--state', join(work, 'state'), '--code', headless, 'push', bagonFile(), '--lang', 'en'], { cwd: ROOT, encoding: 'utf8' });
  expect(pushed.stdout).toContain(`${bagon.tps.length} acknowledged`);
  await expect(tps1Card.locator('.dhasil-card-note')).toHaveAttribute('data-state', 'verified', SYNCED);
  await expect(witness.locator('.dhasil-card--total .dhasil-card-note')).toContainText(`${bagon.tps.length}/${bagon.tps.length} TPS`, SYNCED);
  await expect(witness.getByTestId('dhasil-updated')).toContainText(/Terakhir diperbarui .*WIB/);
  const votes1 = () => tps1Card.locator('.dhasil-card-row[data-path="votes.1"] dd');
  const before = Number((await votes1().textContent())!.replace(/\D/g, ''));
  await fitsAndReadsOnly(witness, 'D.Hasil BAGON (filled)');

  // The witness watches TPS 001's form (read-only) while the clerk's laptop corrects it with a reason.
  await tps1Card.getByRole('link', { name: 'Buka C.Hasil' }).tap();
  await expect(witness.getByTestId('readonly-note')).toBeVisible();
  await fitsAndReadsOnly(witness, 'C.Hasil BAGON TPS 001');

  await go(clerk.page, `#/tps/${TPS1}/PPWP`);
  const cell = clerk.page.getByLabel(label(ppwp, 'votes.1'), { exact: true });
  await expect(cell).toHaveValue(String(before), SYNCED);
  await cell.fill(String(before + 5));
  await cell.press('Tab');
  await clerk.page.getByLabel('Alasan pembetulan').fill('Salah baca: salinan plano menulis angka lain');
  await clerk.page.getByRole('button', { name: 'Simpan pembetulan' }).click();
  await expect(clerk.page.getByTestId('tally-status')).toHaveAttribute('data-status', 'entered');

  // The phone's form shows figures as text (no input), the corrected one as soon as it syncs.
  const watched = witness.locator('.entry-form [data-path="votes.1"]');
  await expect(watched).toHaveText(new RegExp(`: ${before + 5}$`), SYNCED);
  await expect(witness.locator('.entry-form input')).toHaveCount(0);
  await expect(witness.getByTestId('last-change-reason')).toHaveText('Salah baca: salinan plano menulis angka lain', SYNCED);
  await expect(witness.getByTestId('last-change')).toContainText(/WIB/);
  await fitsAndReadsOnly(witness, 'C.Hasil BAGON TPS 001 (corrected)');

  // Back on the desa's D.Hasil, the card shows the corrected figure; an objection is two taps away.
  await witness.goBack();
  await expect(votes1()).toHaveText(new Intl.NumberFormat('id-ID').format(before + 5));
  await tps1Card.getByRole('link', { name: 'Ajukan keberatan' }).tap();
  const form = witness.getByRole('form', { name: 'Catat keberatan atau kejadian khusus' });
  await expect(form.getByLabel('Nama (boleh kosong)')).toHaveValue('Saksi 02');
  await form.getByLabel('Saksi dari (nomor urut)').selectOption('pair:2');
  await form.getByLabel('Uraian').fill('Suara paslon 01 diubah setelah verifikasi; mohon dibacakan ulang');
  await fitsAndReadsOnly(witness, 'Keberatan (form)');
  await form.getByRole('button', { name: 'Simpan catatan' }).tap();
  await expect(witness.getByTestId('objection')).toHaveCount(1);

  // The chair decides it on the laptop; the decision reaches the phone.
  await go(chair.page, '#/keberatan');
  const card = chair.page.getByTestId('objection');
  await expect(card).toHaveCount(1, SYNCED);
  await card.getByLabel('Keputusan untuk catatan no. 1').selectOption('recounted');
  await card.getByLabel('Catatan keputusan no. 1').fill('Dihitung ulang di pleno');
  await card.getByRole('button', { name: 'Simpan keputusan no. 1' }).click();
  await expect(witness.getByTestId('objection')).toHaveAttribute('data-decision', 'recounted', SYNCED);
  await fitsAndReadsOnly(witness, 'Keberatan (decided)');

  // Every other screen of the witness's menu fits and writes nothing.
  for (const [item, heading] of [
    ['Kemajuan', /Kemajuan/],
    ['Temuan', /Temuan/],
    ['Riwayat', /Riwayat/],
    ['Verifikasi', /Verifikasi/],
    ['D.Hasil', /D\.Hasil Kecamatan/],
  ] as const) {
    await tapMenu(witness, item);
    await expect(witness.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await fitsAndReadsOnly(witness, item);
  }
  await expect(witness.getByRole('navigation', { name: 'Menu utama' })).toBeHidden();
  const shot = test.info().outputPath('witness-phone.png');
  await witness.screenshot({ path: shot });
  // `E2E_DOCS_IMG=1` refreshes the README's picture (docs/img/witness-phone.png).
  if (process.env.E2E_DOCS_IMG === '1') copyFileSync(shot, join(ROOT, 'docs', 'img', 'witness-phone.png'));

  await witness.context().close();
  await clerk.context.close();
  await chair.context.close();
});
