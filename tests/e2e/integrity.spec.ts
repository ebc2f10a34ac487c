import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { signedHeadOf } from '../../src/domain/summary/head.ts';
import { TALLIES_FORMAT } from '../../src/domain/tally/tally.ts';
import { exportTalliesFile, readPdf } from './chair-fixtures.ts';
import { saveDeviceSetup } from './deviceSetup.ts';
import { demoSetup, startDemo } from './fixtures.ts';
import { BAGON, desaTalliesFile } from './plenary-fixtures.ts';

const REKAP = resolve(process.cwd(), 'bin/rekap.mjs');
const rekap = (...args: string[]) => spawnSync(process.execPath, [REKAP, ...args], { encoding: 'utf8' });
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const groupsOf = (hash: string) => hash.match(/.{4}/g)!;
/** The printed hash of a rekap.summary/v2: SHA-256 of its signed head (the file without TPS entries). */
const paperHash = (bytes: Buffer) => sha256(canonicalJson(signedHeadOf(JSON.parse(bytes.toString('utf8')) as object)));
const squash = (s: string) => s.replace(/\s+/g, '');

/** Imports PPWP forms (rekap.tallies/v1) through the backup screen, as the chair does with a panel's file. */
async function importForms(page: import('@playwright/test').Page, body: string) {
  await page.goto('/#/cadangan');
  await page.getByLabel('Impor berkas hasil TPS (.json)').setInputFiles({ name: 'ppwp.json', mimeType: 'application/json', buffer: Buffer.from(body) });
  await expect(page.getByText(/^Diimpor: \d+;/)).toBeVisible();
}

/**
 * Issue 6, end to end: the chair finalises the kecamatan's PPWP, signs and downloads the summary
 * from the D.Hasil (Chromium's Web Crypto, the device's non-extractable key), prints the D.Hasil with
 * the hash groups beside the signatures, and the file verifies with the command-line tool (Node);
 * one digit changed in it fails, naming the TPS.
 */
test('the chair finalises, exports and prints the signed summary; the CLI verifies it and names the TPS of a changed digit', async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  const setup = demoSetup();
  await startDemo(page, { operator: 'Ketua PPK' });

  // Every TPS's PPWP form, verified and clean, arrives from the panels' laptops.
  const tallies = setup.desa.flatMap((d) => desaTalliesFile(setup, d.code).tallies);
  await importForms(page, JSON.stringify({ format: TALLIES_FORMAT, kecamatan: setup.kecamatan.code, tallies }));

  // Finalised: each desa, then the kecamatan.
  const panel = page.getByTestId('finalisation-panel');
  for (const d of setup.desa) {
    await page.goto(`/#/finalisasi/PPWP/${d.code}`);
    await panel.getByRole('button', { name: `Finalkan ${d.name}` }).click();
    await expect(panel.getByTestId('finalisation-state')).toContainText('Final (oleh Ketua PPK');
  }
  await page.goto('/#/finalisasi/PPWP');
  await panel.getByRole('button', { name: `Finalkan Kecamatan ${setup.kecamatan.name}` }).click();
  await expect(panel.getByTestId('finalisation-state')).toContainText('Final (oleh Ketua PPK');

  // The device's fingerprint, as the settings show it.
  await page.goto('/#/pengaturan');
  await expect(page.getByTestId('device-fingerprint')).toHaveText(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
  const deviceFingerprint = (await page.getByTestId('device-fingerprint').textContent())!;

  // Exported from the kecamatan D.Hasil.
  await page.goto('/#/dhasil/PPWP');
  const summary = page.getByTestId('signed-summary');
  // Folded to one line below the table: opened first.
  await expect(summary.getByTestId('summary-status')).toContainText('Presiden final');
  await summary.locator('summary').click();
  await expect(summary.getByTestId('summary-final')).toHaveAttribute('data-final', 'true');
  await summary.getByLabel('Nama penanda tangan').fill('Siti Aminah');
  const [download] = await Promise.all([page.waitForEvent('download'), summary.getByRole('button', { name: 'Tandatangani dan unduh ringkasan' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^rekap-summary-puger-ppwp-\d{8}-\d{6}\.json$/);
  const filePath = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(filePath);
  const bytes = readFileSync(filePath);
  const hash = paperHash(bytes);
  await expect(summary.getByTestId('summary-done')).toHaveAttribute('data-hash', hash);
  await expect(summary.getByTestId('summary-done-final')).toHaveText('Semua jenis pemilihan di berkas ini sudah final.');
  const file = JSON.parse(bytes.toString('utf8')) as { signer: { name: string; fingerprint: string }; attestation: unknown };
  expect(file.signer).toMatchObject({ name: 'Siti Aminah', fingerprint: deviceFingerprint });
  expect(file.attestation).toBeNull();

  // Printed: the hash groups, signer and fingerprint beside the signatures, and the QR code.
  await page.goto('/#/cetak/PPWP');
  const block = page.getByTestId('print-integrity');
  await expect(block).toHaveAttribute('data-state', 'current');
  await expect(block.getByTestId('qr-code')).toHaveAttribute('data-payload', `rekap.summary/v2;sha256=${hash};fp=${squash(deviceFingerprint)};sig=${(JSON.parse(bytes.toString('utf8')) as { signature: string }).signature}`);
  const pdfPath = testInfo.outputPath('dhasil-puger-ppwp-signed.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  const runs = readPdf(pdfPath).flat();
  const text = squash(runs.join(''));
  for (const [i, group] of groupsOf(hash).entries()) expect(text, `group ${i + 1}`).toContain(group);
  expect(text).toContain(squash(groupsOf(hash).map((g, i) => `${i + 1}${g}`).join('')));
  for (const words of ['Ringkasan digital bertanda tangan (rekap.summary/v2)', 'Status: FINAL.', 'Siti Aminah (Ketua PPK)', deviceFingerprint, 'Tanda tangan']) {
    expect(text, words).toContain(squash(words));
  }

  // The downloaded file verifies with the command-line tool, given the setup the device holds…
  const deviceSetup = await saveDeviceSetup(page, testInfo.outputPath('setup.json'));
  const ok = rekap('verify', filePath, '--setup', deviceSetup);
  expect(ok.status, ok.stdout + ok.stderr).toBe(0);
  expect(ok.stdout).toContain(groupsOf(hash).slice(0, 8).join(' '));

  // …and the same file with one digit changed does not: the message names the TPS.
  const content = bytes.toString('utf8');
  const tps = `${BAGON}005`;
  const at = content.indexOf(`"tps":"${tps}"`);
  const votesAt = content.lastIndexOf('"votes":{"1":', at) + '"votes":{"1":'.length;
  const digitAt = content.slice(votesAt).search(/\D/) + votesAt - 1;
  const digit = Number(content[digitAt]);
  const changed = `${content.slice(0, digitAt)}${(digit + 1) % 10}${content.slice(digitAt + 1)}`;
  expect(changed.length).toBe(content.length);
  const changedPath = testInfo.outputPath('changed.json');
  writeFileSync(changedPath, changed);
  const bad = rekap('verify', changedPath, '--setup', deviceSetup, '--lang', 'en');
  expect(bad.status, bad.stdout + bad.stderr).toBe(1);
  expect(bad.stdout).toMatch(/^INVALID: /);
  // v2: the signature covers the tree's root, not the entries; the TPS's leaf no longer matches, and names it.
  expect(bad.stdout).toContain('signature matches');
  expect(bad.stdout).toMatch(new RegExp(`TPS ${tps} \\(desa ${BAGON}\\): its figures are not the signed ones .*Votes for pair 1 \\(votes\\.1\\) now`));
});

/** Cross-runtime, the other way: a summary signed in Node (`rekap sign-summary`) verifies on the Verify screen in Chromium. */
test('a summary signed by `rekap sign-summary` in Node verifies on the Verify screen', async ({ page }, testInfo) => {
  const setup = demoSetup();
  await startDemo(page, { operator: 'Ketua PPK' });
  await importForms(page, JSON.stringify(desaTalliesFile(setup, BAGON)));
  const talliesPath = await exportTalliesFile(page);

  const key = testInfo.outputPath('ketua.jwk');
  expect(rekap('keygen', '-o', key).status).toBe(0);
  const out = testInfo.outputPath('node.summary.json');
  const deviceSetup = await saveDeviceSetup(page, testInfo.outputPath('setup.json'));
  const signed = rekap('sign-summary', '--tallies', talliesPath, '--setup', deviceSetup, '--key', key, '--contest', 'PPWP', '--signer-name', 'Ketua PPK Puger', '-o', out);
  expect(signed.status, signed.stderr).toBe(0);
  const bytes = readFileSync(out);
  const hash = paperHash(bytes);

  await page.goto('/#/verifikasi');
  await page.getByLabel('Berkas ringkasan (.json)').setInputFiles(out);
  await expect(page.getByTestId('verify-verdict')).toContainText('SAH.');
  await expect(page.getByTestId('verify-verdict')).not.toContainText('TIDAK SAH');
  await expect(page.getByTestId('verify-signer')).toHaveText('Ketua PPK Puger (Ketua PPK)');
  await expect(page.getByTestId('hash-groups').locator('code')).toHaveText(groupsOf(hash));
  // This device holds the same setup: the summary was made with it.
  await expect(page.getByText('Sama dengan setup perangkat ini')).toBeVisible();

  // One changed digit: the same screen says it is not valid.
  const content = bytes.toString('utf8').replace(/"valid":(\d)/, (_m, d: string) => `"valid":${(Number(d) + 1) % 10}`);
  await page.getByLabel('Berkas ringkasan (.json)').setInputFiles({ name: 'changed.json', mimeType: 'application/json', buffer: Buffer.from(content) });
  await expect(page.getByTestId('verify-verdict')).toContainText('TIDAK SAH.');

  // A witness's proof of one TPS (`rekap prove` in Node) checks against the paper's groups in Chromium.
  const tps = `${BAGON}003`;
  const proofPath = testInfo.outputPath('proof.json');
  const proved = rekap('prove', out, '--tps', tps, '-o', proofPath);
  expect(proved.status, proved.stderr).toBe(0);
  await page.getByLabel('16 kelompok hash dari kertas D.Hasil').fill(groupsOf(hash).join(' ').toUpperCase());
  await page.getByLabel('Berkas bukti TPS (.json)').setInputFiles(proofPath);
  await page.getByRole('button', { name: 'Periksa bukti' }).click();
  await expect(page.getByTestId('proof-verdict')).toContainText('TERMASUK.');
  await expect(page.getByTestId('proof-entry-PPWP')).toHaveAttribute('data-included', 'true');
});
