import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { consistentFigures, contestOf, demoSetup, expectFigures, firstTps, openForm, startDemo, typeFigures } from './fixtures.ts';

interface BackupFile {
  format: string;
  setup: unknown;
  tallies: { key: string }[];
  revisions: { key: string; id?: number }[];
  settings: { key: string; value: unknown }[];
  outbox: unknown[];
  audit: { record: { key: string }; action: string }[];
}

const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

test('(d) a backup exported in one profile restores everything in a fresh one', async ({ page, browser }) => {
  const setup = demoSetup();
  const ppwp = contestOf(setup, 'PPWP');
  const dpr = contestOf(setup, 'DPR');
  const tps = firstTps(setup);
  const ppwpFigures = consistentFigures(ppwp);
  const dprFigures = new Map([...consistentFigures(dpr)].slice(0, 30));

  await startDemo(page);
  await openForm(page, setup, tps, ppwp);
  await typeFigures(page, ppwp, ppwpFigures, { check: false });
  await page.getByRole('button', { name: 'Selesai dientri' }).click();
  await expect(page.getByTestId('tally-status')).toHaveAttribute('data-status', 'entered');
  await openForm(page, setup, tps, dpr);
  await typeFigures(page, dpr, dprFigures, { check: false });
  await expect(page.getByTestId('entry-form')).toContainText('Tersimpan');
  await expect(page.getByTestId('unexported-badge')).toBeVisible();

  await page.getByRole('link', { name: /^Cadangan/ }).click();
  await expect(page.getByTestId('backup-reminder')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor cadangan' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^rekap-backup-puger-\d{8}-\d{6}\.json$/);
  const path = await download.path();
  const exported = JSON.parse(readFileSync(path, 'utf8')) as BackupFile;
  expect(exported.format).toBe('rekap.backup/v2');
  expect(exported.tallies).toHaveLength(2);
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  await expect(page.getByTestId('unexported-badge')).toHaveCount(0);

  // The same file with one figure changed, the sums kept consistent: refused naming the form and
  // the cell, and nothing stored.
  const tampered = JSON.parse(readFileSync(path, 'utf8')) as { tallies: { key: string; tally: { votes: Record<string, number> } }[] };
  const ppwpRow = tampered.tallies.find((t) => t.key === `${tps}:PPWP`)!;
  ppwpRow.tally.votes['1']! += 1;
  ppwpRow.tally.votes['2']! -= 1;
  const desaName = setup.desa.find((d) => tps.startsWith(d.code))!.name;
  const other = await browser.newContext();
  const page3 = await other.newPage();
  await page3.goto('/');
  const upload = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page3.getByLabel('Berkas cadangan (.json atau .zip dengan foto)').setInputFiles(upload('rekap-backup-ubah.json', JSON.stringify(tampered)));
  await expect(page3.getByRole('alert')).toContainText(
    `Cadangan ditolak, tidak ada data yang disimpan: formulir ${desaName} TPS ${tps.slice(-3)}, Presiden, isian votes.1: di berkas ${ppwpFigures.get('votes.1')! + 1}, padahal riwayat audit bertanda tangan perangkat itu berakhir di ${ppwpFigures.get('votes.1')!}`,
  );
  await expect(page3.getByRole('button', { name: 'Pulihkan sekarang' })).toHaveCount(0);
  // A truncated copy: an Indonesian message, not the browser's "Unexpected end of JSON input".
  const original = readFileSync(path, 'utf8');
  await page3.getByLabel('Berkas cadangan (.json atau .zip dengan foto)').setInputFiles(upload('rekap-backup-potong.json', original.slice(0, Math.floor(original.length / 2))));
  await expect(page3.getByRole('alert')).toContainText('Berkas rekap-backup-potong.json terpotong: isinya berhenti sebelum lengkap');
  await expect(page3.getByRole('alert')).not.toContainText('Unexpected');
  await page3.reload();
  await expect(page3.getByRole('heading', { name: 'Selamat datang di Rekap' })).toBeVisible();
  await other.close();

  // A new browser profile: first run, restore from the file, after seeing what it holds.
  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await page2.goto('/');
  await page2.getByLabel('Berkas cadangan (.json atau .zip dengan foto)').setInputFiles(path);
  const preview = page2.getByTestId('backup-preview');
  await expect(preview).toContainText('Terverifikasi');
  await expect(preview).toContainText('Formulir: 2');
  await expect(preview).toContainText(/Dari perangkat: [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}/);
  const hash16 = (/Hash cadangan: ([0-9a-f]{16})/.exec((await preview.textContent()) ?? '') ?? [])[1]!;
  const deviceFp = (/Dari perangkat: ([0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4})/.exec((await preview.textContent()) ?? '') ?? [])[1]!;
  await expect(page2.getByTestId('backup-trust-warning')).toBeVisible();
  await page2.getByLabel('Saya sudah membaca peringatan ini dan tetap ingin memulihkan').check();
  await page2.getByRole('button', { name: 'Pulihkan sekarang' }).click();
  await expect(page2.getByRole('heading', { name: 'Pekerjaan rekapitulasi' })).toBeVisible();
  await expect(page2.getByTestId('restore-summary')).toContainText('Dipulihkan dari cadangan terverifikasi');
  await expect(page2.getByTestId('header-operator')).toHaveText('Operator: Siti Aminah');

  await openForm(page2, setup, tps, ppwp);
  await expectFigures(page2, ppwp, ppwpFigures);
  await expect(page2.getByTestId('tally-status')).toHaveAttribute('data-status', 'entered');
  // The form's history is the one the first profile signed (who, which device, why), each entry
  // marked with the backup that brought it, below this profile's own "restored from" entry.
  const history = page2.getByTestId('history');
  const showAll = history.getByRole('button', { name: /^Tampilkan semua/ });
  if (await showAll.count()) await showAll.click();
  const fromBackup = history.getByRole('row').filter({ has: page2.getByTestId('history-from-backup') });
  await expect(fromBackup).toHaveCount(exported.audit.filter((e) => e.record.key === `${tps}:PPWP`).length);
  await expect(fromBackup.first()).toContainText(`dari cadangan ${hash16}`);
  await expect(fromBackup.first()).toContainText(deviceFp);
  await expect(fromBackup.first()).toContainText('Siti Aminah');
  await expect(history.locator('tr[data-action="tally.status"]').filter({ has: page2.getByTestId('history-from-backup') })).toHaveCount(1);
  await expect(history.getByRole('row').nth(1)).toContainText(`Pemulihan cadangan ${hash16} dari perangkat ${deviceFp}`);
  await openForm(page2, setup, tps, dpr);
  await expectFigures(page2, dpr, dprFigures);

  // Everything equal: the restored profile exports the same setup, tallies and history.
  await page2.goto('/#/cadangan');
  const [download2] = await Promise.all([page2.waitForEvent('download'), page2.getByRole('button', { name: 'Ekspor cadangan' }).click()]);
  const again = JSON.parse(readFileSync(await download2.path(), 'utf8')) as BackupFile;
  expect(again.setup).toEqual(exported.setup);
  expect(byKey(again.tallies)).toEqual(byKey(exported.tallies));
  const strip = (rows: BackupFile['revisions']) => rows.map(({ id: _id, ...rest }) => rest);
  expect(strip(again.revisions)).toEqual(strip(exported.revisions));
  const settingsOf = (b: BackupFile) => Object.fromEntries(b.settings.filter((s) => s.key !== 'lastExportAt').map((s) => [s.key, s.value]));
  expect(settingsOf(again)).toMatchObject({ operatorName: 'Siti Aminah', panel: 'panel-1' });
  await fresh.close();
});
