import { expect, test, type Page } from '@playwright/test';
import { readDHasilTable } from './chair-fixtures.ts';
import { contestOf, demoSetup, label } from './fixtures.ts';
import { enrolThrough as enrolVia, go, startRekapServer, type RekapServer } from './serverProcess.ts';

/**
 * Issue 5 end to end: a chair's browser and a clerk's browser (two contexts) enrolled to one real
 * server (`rekap server start --demo` serving the production build, temp DATA_DIR). The clerk
 * works offline, comes back, and the chair's D.Hasil changes; both edit the same TPS and the
 * clerk resolves the conflict on the conflicts screen.
 */
const PORT = Number(process.env.E2E_SYNC_PORT ?? 8795);
const TPS = '3509082004001'; // Panel 1 takes this desa on day 1 of the demo schedule
const ppwp = contestOf(demoSetup(), 'PPWP');

let rekap: RekapServer;
let BASE = '';
let chairCode = '';

test.beforeAll(async () => {
  rekap = await startRekapServer(PORT, 'rekap-e2e-sync-');
  BASE = rekap.base;
  chairCode = rekap.chairCode;
});

test.afterAll(async () => {
  await rekap.stop();
});

const enrolThrough = (browser: Parameters<typeof enrolVia>[0], link: string, operator: string) => enrolVia(browser, BASE, link, operator);

async function typeCell(page: Page, path: string, value: number): Promise<void> {
  const cell = page.getByLabel(label(ppwp, path), { exact: true });
  await cell.fill(String(value));
  await cell.press('Tab');
}

async function kecamatanFigure(page: Page, path: string): Promise<string | undefined> {
  return (await readDHasilTable(page)).rows[path]?.at(-1);
}

test('a clerk works offline, comes back, the chair sees the totals; a concurrent edit is resolved as a conflict', async ({ browser }) => {
  test.setTimeout(180_000);
  const chair = await enrolThrough(browser, `${BASE}/#/daftar/${chairCode}`, 'Ketua PPK');
  await expect(chair.page.getByTestId('enrolled')).toContainText('Ketua PPK');

  // The chair issues a clerk code for Panel 1 (shown with its QR code and link).
  await chair.page.getByLabel('Peran').selectOption('clerk');
  await chair.page.getByLabel('Panel').selectOption({ label: 'Panel 1' });
  await chair.page.getByRole('button', { name: 'Buat kode' }).click();
  await expect(chair.page.getByRole('img', { name: 'Kode QR pendaftaran untuk Petugas panel' })).toBeVisible();
  const link = (await chair.page.getByTestId('code-link').textContent())!;
  expect(link).toMatch(new RegExp(`^${BASE}/#/daftar/`));

  const clerk = await enrolThrough(browser, link, 'Ani');
  await expect(clerk.page.getByTestId('enrolled')).toContainText('Petugas panel');

  // Offline: the clerk types a form; it waits in the outbox.
  await clerk.context.setOffline(true);
  await go(clerk.page, `#/tps/${TPS}/PPWP`);
  await expect(clerk.page.getByTestId('entry-form')).toBeVisible();
  await typeCell(clerk.page, 'votes.1', 101);
  await typeCell(clerk.page, 'votes.2', 202);
  // One op, or two when a (failing) round froze the first between the two cells: both wait.
  await expect(clerk.page.getByTestId('sync-pending')).toHaveText(/^[12] menunggu dikirim$/);
  await expect(clerk.page.getByTestId('sync-status')).toContainText('Server tidak terjangkau', { timeout: 15_000 });

  // Back online: sent, and the chair's D.Hasil follows (the server tells the chair to pull).
  await go(chair.page, '#/dhasil/PPWP');
  await expect(chair.page.getByTestId('dhasil-table').first()).toBeVisible();
  expect(await kecamatanFigure(chair.page, 'votes.1')).not.toBe('101');
  await clerk.context.setOffline(false);
  await expect(clerk.page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(() => kecamatanFigure(chair.page, 'votes.1'), { timeout: 30_000 }).toBe('101');
  // Two ops (see above) land as two versions: the chair may have pulled the first one only so far.
  await expect.poll(() => kecamatanFigure(chair.page, 'votes.2'), { timeout: 30_000 }).toBe('202');

  // Both edit Paslon 02 of the same TPS: the clerk offline, the chair online.
  await clerk.context.setOffline(true);
  await typeCell(clerk.page, 'votes.2', 250);
  await go(chair.page, `#/tps/${TPS}/PPWP`);
  await expect(chair.page.getByLabel(label(ppwp, 'votes.2'), { exact: true })).toHaveValue('202');
  await typeCell(chair.page, 'votes.2', 260);
  // The chair's change must be stored (and so in the outbox) before "nothing pending" means "sent".
  await expect(chair.page.getByText('202 → 260')).toBeVisible();
  await expect(chair.page.getByTestId('sync-status')).toContainText('Tersinkron', { timeout: 20_000 });
  await expect(chair.page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 20_000 });

  await clerk.context.setOffline(false);
  const conflicts = clerk.page.getByTestId('sync-conflicts');
  await expect(conflicts).toHaveText('1 konflik', { timeout: 20_000 });
  await conflicts.click();
  const card = clerk.page.getByTestId(`conflict-${TPS}:PPWP`);
  await expect(card).toBeVisible();
  const row = card.getByRole('row', { name: /Paslon 02/ });
  // The value both started from, the clerk's, the chair's: neither side was overwritten meanwhile.
  await expect(row.locator('td.num')).toHaveText(['202', '250', '260']);
  await row.getByLabel('Nilai yang dipakai untuk Paslon 02').fill('255');
  await card.getByLabel('Alasan').fill('dicocokkan dengan C.Hasil');
  await card.getByRole('button', { name: 'Simpan penyelesaian' }).click();
  await expect(clerk.page.getByText('Tidak ada konflik.')).toBeVisible();
  await expect(clerk.page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 20_000 });

  // The resolution is a new version on top of the chair's: the chair's D.Hasil shows it.
  await go(chair.page, '#/dhasil/PPWP');
  await expect.poll(() => kecamatanFigure(chair.page, 'votes.2'), { timeout: 30_000 }).toBe('255');

  // The chair's history of that form holds the clerk's signed entries, from the server: typed
  // offline, then the resolution with its reason. (The clerk's chain follows its ops within the
  // round: the form is opened again until it has arrived.)
  const resolved = chair.page.getByTestId('history').getByRole('row').filter({ hasText: 'Konflik diselesaikan' }).filter({ hasText: 'Ani (Operator)' });
  await expect(async () => {
    await go(chair.page, '#/');
    await go(chair.page, `#/tps/${TPS}/PPWP`);
    // The history asks the server when the form opens: give that answer time to arrive.
    await expect(resolved).toHaveCount(1, { timeout: 5_000 });
  }).toPass({ timeout: 40_000 });
  await expect(resolved).toContainText('dicocokkan dengan C.Hasil');
  await expect(resolved).toContainText('Ditandatangani');

  await clerk.context.close();
  await chair.context.close();
});
