import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { tpsCode, type DesaCode } from '../../src/domain/codes/codes.ts';
import { createRng } from '../../src/domain/synthetic/random.ts';
import { generateTally } from '../../src/domain/synthetic/tally.ts';
import { TALLIES_FORMAT } from '../../src/domain/tally/tally.ts';
import { contestOf, demoSetup, label } from './fixtures.ts';
import { enrolThrough, go, issueCodeLink, ROOT, startRekapServer, type RekapServer } from './serverProcess.ts';

/**
 * Issue 11 end to end, through `rekap server start` with its real headers: a witness files an
 * objection on its own browser, the chair sees it, decides it and finalises the desa, and the
 * clerk's browser then shows the desa locked. BAGON (17 TPS, panel 1) is entered and verified
 * beforehand by a headless panel-1 clerk (`rekap sync … push`), as the server's workflow allows.
 */
const PORT = Number(process.env.E2E_AUTHORITY_PORT ?? 8797);
const setup = demoSetup();
const ppwp = contestOf(setup, 'PPWP');
const BAGON = '3509082007' as DesaCode;
const bagon = setup.desa.find((d) => d.code === BAGON)!;
const TPS1 = tpsCode(BAGON, bagon.tps[0]!);

let rekap: RekapServer;
let work = '';

test.beforeAll(async () => {
  rekap = await startRekapServer(PORT, 'rekap-e2e-authority-');
  work = mkdtempSync(join(tmpdir(), 'rekap-e2e-authority-cli-'));
});

test.afterAll(async () => {
  await rekap.stop();
  rmSync(work, { recursive: true, force: true });
});

/** BAGON's PPWP forms, complete and check-clean, entered by Ani and verified by Dewi. */
function bagonFile(): string {
  const rng = createRng(11);
  const tallies = bagon.tps.map((n) => ({ ...generateTally(rng, tpsCode(BAGON, n), ppwp), status: 'verified' as const, enteredBy: 'Ani', verifiedBy: 'Dewi' }));
  const file = join(work, 'bagon.json');
  writeFileSync(file, JSON.stringify({ format: TALLIES_FORMAT, kecamatan: setup.kecamatan.code, tallies }));
  return file;
}

/**
 * What another device's change may take to show: at once by the server's event, or at the latest
 * by the 30-second poll (src/sync/engine.ts) when the event stream is not open, plus a margin.
 */
const SYNC_WAIT = 40_000;

test('a witness files an objection on its own device; the chair decides it and finalises the desa; the clerk then sees it locked', async ({ browser }) => {
  test.setTimeout(240_000);
  const { base } = rekap;
  const chair = await enrolThrough(browser, base, `${base}/#/daftar/${rekap.chairCode}`, 'Ketua PPK');

  const headless = (await issueCodeLink(chair.page, 'clerk', 'Panel 1')).split('/').pop()!;
  const pushed = spawnSync(process.execPath, [join(ROOT, 'bin', 'rekap.mjs'), 'sync', '--server', base, '--state', join(work, 'state'), '--code', headless, 'push', bagonFile(), '--lang', 'en'], { cwd: ROOT, encoding: 'utf8' });
  expect(pushed.stdout).toContain('17 acknowledged');
  expect(pushed.status).toBe(0);

  const clerk = await enrolThrough(browser, base, await issueCodeLink(chair.page, 'clerk', 'Panel 1'), 'Ani');
  const witness = await enrolThrough(browser, base, await issueCodeLink(chair.page, 'witness'), 'Saksi 02');

  // The witness records an objection about BAGON TPS 001 on its own phone/laptop.
  await go(witness.page, `#/keberatan/${TPS1}/PPWP`);
  const form = witness.page.getByRole('form', { name: 'Catat keberatan atau kejadian khusus' });
  await form.getByLabel('Saksi dari (nomor urut)').selectOption('pair:2');
  await form.getByLabel('Uraian').fill('Suara paslon 02 dibacakan 102, tertulis 120');
  await form.getByRole('button', { name: 'Simpan catatan' }).click();
  await expect(witness.page.getByTestId('objection')).toHaveCount(1);
  // It offers the witness no decision: that is the chair's.
  await expect(witness.page.getByLabel('Keputusan untuk catatan no. 1')).toHaveCount(0);

  // The chair sees it arrive, and decides it.
  await go(chair.page, '#/keberatan');
  const card = chair.page.getByTestId('objection');
  await expect(card).toHaveCount(1, { timeout: SYNC_WAIT });
  await expect(card).toContainText('dibacakan 102');
  await card.getByLabel('Keputusan untuk catatan no. 1').selectOption('recounted');
  await card.getByLabel('Catatan keputusan no. 1').fill('Dihitung ulang di pleno: 120 benar');
  await card.getByRole('button', { name: 'Simpan keputusan no. 1' }).click();
  await expect(card).toHaveAttribute('data-decision', 'recounted');

  // The decision reaches the witness: by the server's event, or at the latest by the 30-second poll.
  await expect(witness.page.getByTestId('objection')).toHaveAttribute('data-decision', 'recounted', { timeout: SYNC_WAIT });

  // The chair finalises BAGON × PPWP once its 17 verified forms have arrived.
  await go(chair.page, `#/finalisasi/PPWP/${BAGON}`);
  const finalise = chair.page.getByRole('button', { name: /^Finalkan BAGON/ });
  await expect(finalise).toBeEnabled({ timeout: SYNC_WAIT });
  await finalise.click();
  await expect(chair.page.getByRole('button', { name: /^Buka kembali/ })).toBeVisible();

  // The clerk's device: the form is final and locked, the desa final; nothing to type.
  await go(clerk.page, `#/tps/${TPS1}/PPWP`);
  await expect(clerk.page.getByTestId('tally-status')).toHaveAttribute('data-status', 'final', { timeout: SYNC_WAIT });
  await expect(clerk.page.getByTestId('locked-note')).toBeVisible();
  await expect(clerk.page.getByLabel(label(ppwp, 'votes.1'), { exact: true })).toHaveAttribute('readonly', '');
  await go(clerk.page, `#/finalisasi/PPWP/${BAGON}`);
  await expect(clerk.page.getByTestId('finalisation-state')).toHaveAttribute('data-final', 'true', { timeout: SYNC_WAIT });

  await witness.context.close();
  await clerk.context.close();
  await chair.context.close();
});
