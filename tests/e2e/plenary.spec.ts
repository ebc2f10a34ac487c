import { expect, test } from '@playwright/test';
import { tpsCode } from '../../src/domain/codes/codes.ts';
import { demoSetup, startDemo } from './fixtures.ts';
import { BAGON, desaTalliesFile } from './plenary-fixtures.ts';

/**
 * The chair's plenary for one desa, in the browser: Bagon's PPWP forms arrive as a rekap.tallies/v1
 * file from the laptop of the panel that entered them (16 verified, TPS 017 entered only; TPS 005's
 * paper form has V.A one above the votes). The chair verifies TPS 017 by read-back, sees the finding,
 * records the objection and its decision, finalises the desa, finds the forms locked, and reopens it
 * with a reason that the history keeps.
 */
test('a desa is entered, checked, objected to, finalised, locked, and reopened with a reason', async ({ page }) => {
  const setup = demoSetup();
  const tps = (n: number) => tpsCode(BAGON, n);
  const file = desaTalliesFile(setup, BAGON, { entered: [17], errorAt: 5 });
  await startDemo(page, { operator: 'Ketua PPK' });

  // Entered: import the panel laptop's file through the backup screen.
  await page.getByRole('link', { name: /^Cadangan/ }).click();
  await page.getByLabel('Impor berkas hasil TPS (.json)').setInputFiles({ name: 'bagon-ppwp.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByText('Diimpor: 17; sama: 0; tidak ditimpa karena sudah berisi: 0; tidak dikenal: 0.')).toBeVisible();

  // TPS 017 is verified here, by a second person reading the paper back.
  await page.goto(`/#/tps/${tps(17)}/PPWP`);
  await expect(page.getByTestId('tally-status')).toHaveAttribute('data-status', 'entered');
  await page.getByLabel('Nama pemeriksa').fill('Budi Santoso');
  await page.getByRole('button', { name: 'Konfirmasi: semua angka cocok' }).click();
  await expect(page.getByTestId('tally-status')).toHaveAttribute('data-status', 'verified');

  // Checked: the finding is listed for the kecamatan and links to its form.
  await page.getByRole('link', { name: 'Temuan' }).click();
  const table = page.getByTestId('discrepancy-table');
  const errorRow = table.locator('tr[data-code="E06"]');
  await expect(errorRow).toHaveAttribute('data-state', 'open');
  await expect(errorRow).toContainText('176');
  await errorRow.getByRole('link', { name: 'BAGON, TPS 005', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/tps/${tps(5)}/PPWP$`));
  await expect(page.getByTestId('entry-form')).toContainText('E06');

  // The finalisation is blocked by it.
  await page.goto(`/#/finalisasi/PPWP/${BAGON}`);
  const panel = page.getByTestId('finalisation-panel');
  await expect(panel.getByTestId('finalisation-blockers')).toContainText('TPS 005: E06, E08');
  await expect(panel.getByRole('button', { name: 'Finalkan BAGON' })).toBeDisabled();

  // An objection recorded from the finding, then the plenary's decision.
  await page.getByRole('link', { name: 'Temuan' }).click();
  await page.getByRole('link', { name: 'Catat keberatan/kejadian khusus tentang E06 di BAGON, TPS 005, Presiden' }).click();
  const form = page.getByRole('form', { name: 'Catat keberatan atau kejadian khusus' });
  await expect(form.getByLabel('TPS')).toHaveValue('5');
  await form.getByLabel('Saksi dari (nomor urut)').selectOption('pair:1');
  await form.getByLabel('Nama (boleh kosong)').fill('Joko');
  await form.getByLabel('Uraian').fill('V.A tertulis 176, jumlah suara paslon 175: minta dicatat.');
  await form.getByRole('button', { name: 'Simpan catatan' }).click();
  const card = page.getByTestId('objection');
  await expect(card.getByTestId('objection-decision')).toHaveText('Belum diputuskan');
  await card.getByLabel('Keputusan untuk catatan no. 1').selectOption('noted');
  await card.getByLabel('Catatan keputusan no. 1').fill('Plano dibuka: memang tertulis 176; dicatat dalam berita acara.');
  await card.getByRole('button', { name: 'Simpan keputusan no. 1' }).click();
  await expect(card.getByTestId('objection-decision')).toContainText('Dicatat — Plano dibuka');
  await page.getByRole('link', { name: 'Temuan' }).click();
  await expect(page.getByTestId('discrepancy-table').locator('tr[data-code="E06"]')).toHaveAttribute('data-state', 'covered');

  // Covered, TPS 005 can now be verified as its paper reads (the error stays on it, recorded).
  await page.goto(`/#/tps/${tps(5)}/PPWP`);
  await page.getByLabel('Nama pemeriksa').fill('Budi Santoso');
  await page.getByRole('button', { name: 'Konfirmasi: semua angka cocok' }).click();
  await expect(page.getByTestId('tally-status')).toHaveAttribute('data-status', 'verified');

  // Finalised.
  await page.getByRole('link', { name: 'Finalisasi' }).click();
  await page.getByRole('navigation', { name: 'Wilayah' }).getByRole('link', { name: 'BAGON' }).click();
  await expect(panel.getByText('Semua TPS terverifikasi dan tidak ada kesalahan terbuka: siap difinalkan.')).toBeVisible();
  await expect(panel).toContainText('TPS 005: E06, E08');
  await panel.getByRole('button', { name: 'Finalkan BAGON' }).click();
  await expect(panel.getByTestId('finalisation-state')).toContainText('Final (oleh Ketua PPK');

  // Edits are refused afterwards: the form says it is final and locked, typing changes nothing.
  await page.goto(`/#/tps/${tps(3)}/PPWP`);
  await expect(page.getByTestId('tally-status')).toHaveAttribute('data-status', 'final');
  await expect(page.getByTestId('locked-note')).toContainText('Final dan terkunci');
  const valid = page.getByLabel('V.A Jumlah suara sah', { exact: true });
  await valid.focus();
  await page.keyboard.type('9');
  await expect(valid).toHaveValue('175');
  await page.reload();
  await expect(page.getByLabel('V.A Jumlah suara sah', { exact: true })).toHaveValue('175');

  // Reopened, with a reason: kept in the finalisation history and in each form's history.
  await page.goto(`/#/finalisasi/PPWP/${BAGON}`);
  await panel.getByRole('button', { name: 'Buka kembali BAGON' }).click();
  await expect(panel.getByRole('alert')).toHaveText('Alasan membuka kembali wajib diisi.');
  await panel.getByLabel('Alasan membuka kembali').fill('Saksi paslon 2 minta hitung ulang TPS 003');
  await panel.getByRole('button', { name: 'Buka kembali BAGON' }).click();
  await expect(panel.getByTestId('finalisation-state')).toContainText('Dibuka kembali oleh Ketua PPK');
  await expect(panel.getByTestId('finalisation-history')).toContainText('Saksi paslon 2 minta hitung ulang TPS 003');
  await page.goto(`/#/tps/${tps(3)}/PPWP`);
  await expect(page.getByTestId('tally-status')).toHaveAttribute('data-status', 'verified');
  await expect(page.getByTestId('history')).toContainText('Saksi paslon 2 minta hitung ulang TPS 003');
  await expect(page.getByTestId('locked-note')).not.toContainText('Final dan terkunci');
});
