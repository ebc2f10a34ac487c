import { expect, test } from '@playwright/test';
import { consistentFigures, contestOf, demoSetup, expectFigures, firstTps, openForm, startDemo, typeFigures, waitForServiceWorker } from './fixtures.ts';

test('(b) offline after one visit: reload starts the app and every figure is still there', async ({ page, context }) => {
  const setup = demoSetup();
  const ppwp = contestOf(setup, 'PPWP');
  const dpr = contestOf(setup, 'DPR');
  const tps = firstTps(setup);
  const ppwpFigures = consistentFigures(ppwp);
  // Half a DPR form too: drafts count as much as finished forms.
  const dprFigures = new Map([...consistentFigures(dpr)].slice(0, 40));

  await startDemo(page);
  await waitForServiceWorker(page);
  await openForm(page, setup, tps, ppwp);
  await typeFigures(page, ppwp, ppwpFigures, { check: false });
  await openForm(page, setup, tps, dpr);
  await typeFigures(page, dpr, dprFigures, { check: false });
  await expect(page.getByTestId('entry-form')).toContainText('Tersimpan');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('network-status')).toHaveText('Luring (tanpa internet)');
  await expect(page.getByTestId('entry-form')).toBeVisible();
  await expectFigures(page, dpr, dprFigures);

  // The rest of the app works offline as well: lists, chips, the other form.
  await page.goto(`/#/desa/${tps.slice(0, 10)}`);
  await expect(page.getByRole('link', { name: `TPS ${tps.slice(10)}, DPR: draf` })).toBeVisible();
  await openForm(page, setup, tps, ppwp);
  await expectFigures(page, ppwp, ppwpFigures);
  await expect(page.getByTestId('findings-summary')).toHaveAttribute('data-errors', '0');
});
