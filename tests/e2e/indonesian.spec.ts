import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { consistentFigures, contestOf, DEMO_PATH, demoSetup, firstTps, label, openForm, startDemo, typeFigures } from './fixtures.ts';
import { BAGON, desaTalliesFile } from './plenary-fixtures.ts';
import { enrolThrough, go, issueCodeLink, startRekapServer } from './serverProcess.ts';

/**
 * Issue 12, "Indonesian everywhere": on the Indonesian screens of the Puger demo — the work lists,
 * the entry form, D.Hasil, progress, the plenary screens, sync and conflicts, and files refused on
 * import — no English library message (zod's "Invalid input: expected number, received string",
 * JSON.parse's "Unexpected end of JSON input", fetch's "Failed to fetch") and no raw record key
 * (`3509082004002:PPWP`) reaches what a person reads.
 */
const RAW_KEYS = [/\b\d{13}:[A-Z_]+\b/, /\b\d{10}:[A-Z_]+\b/];
const ENGLISH = [
  /Invalid input/i,
  /Unexpected end/i,
  /Unexpected token/i,
  /Failed to fetch/i,
  /\bexpected\b/i,
  /\breceived\b/i,
  /\bundefined\b/,
  /\bnull\b/,
  /\bNaN\b/,
  /\[object Object\]/,
];

/** What the page shows now (document.body.innerText) that must not be there, one line per hit. */
async function leaks(page: Page, screen: string): Promise<string[]> {
  const shown = await page.evaluate(() => document.body.innerText);
  return [...RAW_KEYS, ...ENGLISH].flatMap((pattern) => {
    const hit = pattern.exec(shown);
    if (!hit) return [];
    const around = shown.slice(Math.max(0, hit.index - 60), hit.index + hit[0].length + 60).replace(/\s+/g, ' ');
    return [`${screen}: "${hit[0]}" in «${around}»`];
  });
}

const file = (name: string, content: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(content) });

test('the check itself finds a raw record key and a library’s English', async ({ page }) => {
  await page.setContent('<p>Konflik 3509082004002:PPWP</p><p>Invalid input: expected number, received string</p><p hidden>3509082004:DPR</p>');
  expect((await leaks(page, 'probe')).map((l) => l.split('"')[1])).toEqual(['3509082004002:PPWP', 'Invalid input', 'expected', 'received']);
});

test('the Puger demo’s screens speak Indonesian, refused files included', async ({ page }) => {
  test.setTimeout(240_000);
  const setup = demoSetup();
  const ppwp = contestOf(setup, 'PPWP');
  const tps = firstTps(setup);
  const found: string[] = [];

  await startDemo(page);
  found.push(...(await leaks(page, 'home')));

  // Bagon's forms arrive from another panel's laptop: verified, one only entered, one with an error.
  await page.goto('/#/cadangan');
  await page.getByLabel('Impor berkas hasil TPS (.json)').setInputFiles(file('bagon.json', JSON.stringify(desaTalliesFile(setup, BAGON, { entered: [2], errorAt: 3 }))));
  await expect(page.getByText(/^Diimpor: \d+;/)).toBeVisible();
  found.push(...(await leaks(page, 'backup, forms imported')));

  // A backup cut off in the middle, and one whose content has the wrong types: refused, in words.
  const restore = page.getByLabel('Berkas cadangan (.json atau .zip dengan foto)');
  await restore.setInputFiles(file('cadangan-terpotong.json', '{"format":"rekap.backup/v1","exportedAt":"2024-02-20T03:00:00Z","tallies":[{"key":'));
  await expect(page.getByRole('alert').filter({ hasText: 'terpotong' })).toContainText('Berkas cadangan-terpotong.json terpotong');
  found.push(...(await leaks(page, 'backup, truncated file')));
  await restore.setInputFiles(file('cadangan-salah.json', JSON.stringify({ format: 'rekap.backup/v1', exportedAt: '2024-02-20T03:00:00Z', setup: null, tallies: 'semua', revisions: [{ id: '1' }], settings: [], outbox: [] })));
  await expect(page.getByRole('alert').filter({ hasText: 'tallies' })).toContainText('diharapkan daftar');
  found.push(...(await leaks(page, 'backup, wrong types')));
  await page.getByLabel('Impor berkas hasil TPS (.json)').setInputFiles(file('hasil.json', '{"format":"rekap.tallies/v1","tallies":[{"tps":3509082007001}]}'));
  await expect(page.getByRole('alert').filter({ hasText: 'Berkas hasil TPS ditolak' })).toBeVisible();
  found.push(...(await leaks(page, 'backup, forms file refused')));

  // The entry form with figures and an error finding.
  await openForm(page, setup, tps, ppwp);
  const figures = consistentFigures(ppwp);
  figures.set('valid', figures.get('valid')! + 1);
  await typeFigures(page, ppwp, figures, { check: false });
  await expect(page.getByTestId('findings-summary')).not.toHaveAttribute('data-errors', '0');
  await expect(page.getByLabel(label(ppwp, 'valid'), { exact: true })).toHaveValue(String(figures.get('valid')));
  found.push(...(await leaks(page, 'entry form')));

  await page.goto(`/#/desa/${tps.slice(0, 10)}`);
  await expect(page.getByRole('link', { name: /^TPS 001, Presiden: / })).toBeVisible();
  found.push(...(await leaks(page, 'desa')));
  await page.goto(`/#/desa/${BAGON}`);
  await expect(page.getByRole('link', { name: /^TPS 001, Presiden: / })).toBeVisible();
  found.push(...(await leaks(page, 'desa, Bagon')));

  await page.goto('/#/dhasil/PPWP');
  await expect(page.getByTestId('dhasil-table')).toBeVisible();
  found.push(...(await leaks(page, 'D.Hasil')));
  await page.goto(`/#/dhasil/PPWP/${BAGON}`);
  await expect(page.getByTestId('dhasil-table')).toHaveAttribute('data-level', 'desa');
  found.push(...(await leaks(page, 'D.Hasil, Bagon')));

  await page.goto('/#/progres');
  await expect(page.getByTestId('progress-matrix')).toBeVisible();
  found.push(...(await leaks(page, 'progress')));

  for (const [hash, heading] of [
    ['#/temuan', /^Temuan pemeriksaan/],
    ['#/keberatan', /^Keberatan/],
    ['#/finalisasi/PPWP', /^Finalisasi/],
    ['#/riwayat', /^Riwayat perubahan/],
    ['#/sinkron', /^Sinkronisasi|^Hubungkan ke server/],
    ['#/konflik', /^Konflik data/],
    ['#/pengaturan', /^Pengaturan/],
  ] as const) {
    await page.goto(`/${hash}`);
    await expect(page.getByRole('heading', { name: heading, level: 1 }).first()).toBeVisible();
    found.push(...(await leaks(page, hash)));
  }

  // Verify: a summary file cut off while downloading is unreadable, said in words.
  await page.goto('/#/verifikasi');
  await page.getByLabel('Berkas ringkasan (.json)').setInputFiles(file('ringkasan.json', '{"format":"rekap.summary/v1","contests":[{"contest":"PPWP"'));
  await expect(page.getByTestId('verify-unreadable')).toContainText('terpotong');
  found.push(...(await leaks(page, 'verify, truncated summary')));

  expect(found).toEqual([]);
});

test.describe('first run', () => {
  // The demo setup is fetched by the page, not from the service worker's cache, so it can be cut off.
  test.use({ serviceWorkers: 'block' });

  test('a refused setup file lists every problem in one pass, in Indonesian; a failed demo download says why', async ({ page }) => {
    const found: string[] = [];
    await page.goto('/');
    await page.getByLabel('Nama operator').fill('Budi');
    const importSetup = page.getByLabel('Impor berkas setup');

    await importSetup.setInputFiles(file('setup-terpotong.json', readFileSync(DEMO_PATH, 'utf8').slice(0, 500)));
    await expect(page.getByRole('alert')).toContainText('Berkas setup-terpotong.json terpotong');
    found.push(...(await leaks(page, 'first run, truncated setup')));

    // A text where a number belongs and a desa code used twice: both reported at once.
    const bad = JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as { desa: { code: string; name: string; tps: unknown[] }[] };
    bad.desa[1]!.tps[0] = '1';
    bad.desa.push({ ...bad.desa[2]!, name: 'KOPI' });
    await importSetup.setInputFiles(file('setup-salah.json', JSON.stringify(bad)));
    const alert = page.getByRole('alert');
    await expect(alert.locator('code', { hasText: /^desa\[1\]\.tps\[0\]$/ })).toBeVisible();
    await expect(alert.locator('code', { hasText: new RegExp(`^desa\\[${bad.desa.length - 1}\\]\\.code$`) })).toBeVisible();
    await expect(alert).toContainText('diharapkan angka, tertulis teks "1"');
    found.push(...(await leaks(page, 'first run, setup with errors')));

    await page.route('**/demo/puger-setup.json', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Mulai demo Puger' }).click();
    await expect(page.getByRole('alert')).toContainText('Setup demo tidak bisa dimuat: Server tidak terjangkau');
    found.push(...(await leaks(page, 'first run, demo download failed')));

    expect(found).toEqual([]);
  });
});

test('enrolled devices: offline, a conflict, the history and the sync screens speak Indonesian', async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startRekapServer(Number(process.env.E2E_INDONESIAN_PORT ?? 8797), 'rekap-e2e-indonesian-');
  const ppwp = contestOf(demoSetup(), 'PPWP');
  const TPS = '3509082004001'; // Panel 1 takes this desa on day 1 of the demo schedule
  const found: string[] = [];
  const typeCell = async (page: Page, value: number) => {
    const cell = page.getByLabel(label(ppwp, 'votes.1'), { exact: true });
    await cell.fill(String(value));
    await cell.press('Tab');
  };
  try {
    const chair = await enrolThrough(browser, server.base, `${server.base}/#/daftar/${server.chairCode}`, 'Ketua PPK');
    const clerk = await enrolThrough(browser, server.base, await issueCodeLink(chair.page, 'clerk', 'Panel 1'), 'Ani');

    // The clerk's first figure reaches the server; then, offline, the next one waits.
    await go(clerk.page, `#/tps/${TPS}/PPWP`);
    await typeCell(clerk.page, 101);
    await expect(clerk.page.getByText('kosong → 101')).toBeVisible();
    // Sent now rather than at the engine's next round: this test is about words, not timing.
    await go(clerk.page, '#/sinkron');
    await clerk.page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect(clerk.page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 20_000 });
    await go(clerk.page, `#/tps/${TPS}/PPWP`);
    await expect(clerk.page.getByLabel(label(ppwp, 'votes.1'), { exact: true })).toHaveValue('101');
    await clerk.context.setOffline(true);
    await typeCell(clerk.page, 150);
    await expect(clerk.page.getByTestId('sync-status')).toContainText('Server tidak terjangkau', { timeout: 20_000 });
    found.push(...(await leaks(clerk.page, 'clerk offline, entry form')));
    await go(clerk.page, '#/sinkron');
    // The browser's "Failed to fetch", worded: an offline browser says so (navigator.onLine).
    await expect(clerk.page.getByTestId('sync-last-error')).toContainText(/^Server tidak terjangkau: (perangkat ini sedang tidak terhubung ke jaringan|tidak ada jawaban)/);
    found.push(...(await leaks(clerk.page, 'clerk offline, sync screen')));

    // Meanwhile the chair changes the same cell: a conflict once the clerk is back.
    await go(chair.page, `#/tps/${TPS}/PPWP`);
    await expect(chair.page.getByLabel(label(ppwp, 'votes.1'), { exact: true })).toHaveValue('101', { timeout: 30_000 });
    await typeCell(chair.page, 160);
    await expect(chair.page.getByText('101 → 160')).toBeVisible();
    await expect(chair.page.getByTestId('sync-pending')).toHaveCount(0, { timeout: 20_000 });
    await clerk.context.setOffline(false);
    await expect(clerk.page.getByTestId('sync-conflicts')).toHaveText('1 konflik', { timeout: 30_000 });
    await go(clerk.page, '#/konflik');
    const card = clerk.page.getByTestId(`conflict-${TPS}:PPWP`);
    await expect(card.getByRole('heading')).toHaveText('PUGERKULON TPS 001, Presiden');
    await expect(card.getByRole('row', { name: /Paslon 01/ }).locator('td.num')).toHaveText(['101', '150', '160']);
    await expect(card.getByTestId('conflict-other-reason')).not.toHaveAttribute('data-state', 'loading');
    found.push(...(await leaks(clerk.page, 'conflicts')));

    await go(chair.page, '#/riwayat');
    await expect(chair.page.getByTestId('audit-log')).toBeVisible({ timeout: 20_000 });
    found.push(...(await leaks(chair.page, 'kecamatan history')));
    await go(chair.page, '#/sinkron');
    await expect(chair.page.getByTestId('sync-server')).toBeVisible();
    found.push(...(await leaks(chair.page, 'chair sync screen')));

    expect(found).toEqual([]);
  } finally {
    await server.stop();
  }
});
