import { expect, test } from '@playwright/test';
import { tpsCode } from '../../src/domain/codes/codes.ts';
import { consistentFigures, contestOf, demoSetup, expectFigures, firstTps, focusedLabel, label, startDemo } from './fixtures.ts';

const ROWS = 3;

test('a desa’s PPWP forms typed in the grid mode with the keyboard only are stored, checked and audited per cell', async ({ page }) => {
  const setup = demoSetup();
  const ppwp = contestOf(setup, 'PPWP');
  const desaCode = firstTps(setup).slice(0, 10);
  const desa = setup.desa.find((d) => d.code === desaCode)!;
  const figures = consistentFigures(ppwp);

  await startDemo(page);
  await page.goto(`/#/desa/${desa.code}`);
  await page.getByRole('link', { name: 'Mode tabel desa: Presiden' }).click();
  await expect(page.getByTestId('desa-grid')).toBeVisible();

  // The grid opens on TPS 001's first figure; Tab and Enter go along the row, then to the next TPS.
  for (let row = 0; row < ROWS; row += 1) {
    const number = String(desa.tps[row]).padStart(3, '0');
    for (const [i, [path, value]] of [...figures].entries()) {
      expect(await focusedLabel(page)).toBe(`TPS ${number}, ${label(ppwp, path)}`);
      await page.keyboard.type(String(value));
      await page.keyboard.press(i % 2 === 0 ? 'Tab' : 'Enter');
    }
  }
  // Past the last typed row, focus is on the next TPS's first figure.
  expect(await focusedLabel(page)).toBe(`TPS ${String(desa.tps[ROWS]).padStart(3, '0')}, ${label(ppwp, 'voters.dpt.male')}`);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  const rowOf = (n: number) => page.locator(`tr[data-tps="${tpsCode(desa.code, desa.tps[n]!)}"]`);
  for (let row = 0; row < ROWS; row += 1) {
    const checks = rowOf(row).getByTestId('row-checks');
    await expect(checks).toHaveAttribute('data-status', 'draft');
    await expect(checks).toHaveAttribute('data-errors', '0');
    await expect(checks).toHaveAttribute('data-warnings', '0');
  }
  await expect(rowOf(ROWS).getByTestId('row-checks')).toHaveAttribute('data-status', 'empty');
  const totals = page.getByTestId('grid-totals');
  await expect(totals.locator('[data-path="valid"]')).toHaveAttribute('data-sum', String(ROWS * figures.get('valid')!));
  await expect(totals.locator('[data-path="voters.dpt.total"]')).toHaveAttribute('data-sum', String(ROWS * figures.get('voters.dpt.total')!));

  // A broken figure shows in its row at once: V.A one more than the pairs' votes (E08).
  const valid = page.getByLabel(`TPS 002, ${label(ppwp, 'valid')}`, { exact: true });
  await valid.focus();
  await page.keyboard.type(String(figures.get('valid')! + 1));
  await page.keyboard.press('Enter');
  await expect(rowOf(1).getByTestId('row-checks')).toHaveAttribute('data-errors', /^[1-9]/);
  await expect(rowOf(1).getByTestId('row-checks')).toContainText('E08');
  await expect(valid).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type(String(figures.get('valid')!));
  await page.keyboard.press('Enter');
  await expect(rowOf(1).getByTestId('row-checks')).toHaveAttribute('data-errors', '0');

  // The single form of TPS 003 holds the figures, with one history entry per committed cell.
  await rowOf(2).getByRole('link', { name: /TPS \d{3}: buka formulir/ }).click();
  await expect(page.getByTestId('entry-form')).toBeVisible();
  await expectFigures(page, ppwp, figures);
  await expect(page.getByTestId('findings-summary')).toHaveAttribute('data-errors', '0');
  await expect(page.getByRole('heading', { name: `Riwayat perubahan (${figures.size})` })).toBeVisible();
});
