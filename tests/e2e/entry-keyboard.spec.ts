import { expect, test } from '@playwright/test';
import { consistentFigures, contestOf, demoSetup, firstTps, label, openForm, partiesOf, startDemo, typeFigures } from './fixtures.ts';

test('(a) a whole DPR TPS entered with the keyboard only: sums right, no findings; a broken figure shows its code', async ({ page }) => {
  const setup = demoSetup();
  const dpr = contestOf(setup, 'DPR');
  const tps = firstTps(setup);
  const figures = consistentFigures(dpr);
  expect(figures.size).toBeGreaterThan(150);

  await startDemo(page);
  await openForm(page, setup, tps, dpr);
  await typeFigures(page, dpr, figures);

  const summary = page.getByTestId('findings-summary');
  await expect(summary).toHaveAttribute('data-errors', '0');
  await expect(summary).toHaveAttribute('data-warnings', '0');
  await expect(summary).toContainText('Tidak ada temuan.');
  // Running sums beside the entered totals all agree, none differs.
  const sums = page.locator('.entry-sum');
  expect(await sums.count()).toBeGreaterThan(18);
  await expect(page.locator('.entry-sum--differ')).toHaveCount(0);
  await expect(page.locator('.entry-sum--open')).toHaveCount(0);
  // The running sums show the sums of what was typed, beside the entered totals.
  const voted = figures.get('voters.usedTotal.total')!;
  await expect(page.getByTestId('sum-voters-usedTotal-total')).toHaveAttribute('data-sum', String(voted));
  await expect(page.getByTestId('sum-valid')).toHaveAttribute('data-sum', String(figures.get('valid')));
  await expect(page.getByTestId('sum-total')).toHaveAttribute('data-sum', String(voted));
  for (const party of partiesOf(dpr)) {
    await expect(page.getByTestId(`sum-party-${party.number}`)).toHaveAttribute('data-sum', String(figures.get(`votes.${party.number}.total`)));
  }
  await expect(page.getByTestId('missing-count')).toHaveCount(0);
  await expect(page.getByText('Tersimpan', { exact: false }).first()).toBeVisible();

  // Break one figure: PKB's total no longer equals A.1 + its candidates (E09), and the valid votes
  // no longer equal the sum of party totals (E08).
  const pkb = partiesOf(dpr)[0]!;
  const cell = page.getByLabel(label(dpr, `votes.${pkb.number}.total`), { exact: true });
  await cell.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(String(figures.get(`votes.${pkb.number}.total`)! + 1));
  await page.keyboard.press('Tab');
  await expect(summary).toHaveAttribute('data-errors', /^[1-9]/);
  await expect(summary.locator('[data-code="E09"]')).toBeVisible();
  await expect(summary.locator('[data-code="E08"]')).toBeVisible();
  await expect(page.getByTestId(`sum-party-${pkb.number}`)).toHaveAttribute('data-sum', String(figures.get(`votes.${pkb.number}.total`)));
  await expect(page.locator(`input[data-path="votes.${pkb.number}.total"]`)).toHaveAttribute('data-severity', 'error');

  // The navigation chip says so too.
  await page.goto(`/#/desa/${tps.slice(0, 10)}`);
  await expect(page.getByRole('link', { name: `TPS ${tps.slice(10)}, DPR: draf, ada galat` })).toBeVisible();
});
