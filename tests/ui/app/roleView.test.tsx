// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RekapDb } from '../../../src/db/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import type { Role } from '../../../src/domain/workflow/roles.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { enrolAs } from '../../db/enrolAs.ts';
import { desaTalliesFile, ppwpTally } from '../../e2e/plenary-fixtures.ts';
import { BAGON, bagonTps, importFile, seedPuger } from '../plenary/seed.ts';

/**
 * Issue 16: a witness or Panwascam device sees its role's screens (src/domain/workflow/screens.ts)
 * and no control that writes figures, accepts warnings, finalises, reopens or nags for backups.
 */
let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  ({ db, setup } = await seedPuger());
  const file = desaTalliesFile(setup, BAGON, { entered: [1] });
  // TPS 003 repeats TPS 002's votes: W05 on both, accepted from the findings list.
  file.tallies[2] = ppwpTally(setup, bagonTps(3), 1, 'verified');
  await importFile(db, file);
});
afterEach(() => {
  document.body.innerHTML = '';
});

async function as(role: Role | 'standalone', hash: string) {
  if (role !== 'standalone') await enrolAs(db, role, role === 'clerk' ? 'panel-1' : null, role === 'clerk' ? [BAGON] : null);
  window.location.hash = hash;
  render(<App />);
  await screen.findByTestId('header-kecamatan', {}, SLOW);
}
const menu = () => within(screen.getByRole('navigation', { name: 'Menu utama' })).getAllByRole('link').map((a) => a.textContent);
/** Screens load their chunks on first use: generous waits on a busy machine. */
const SLOW = { timeout: 5000 };
const settle = () => new Promise((r) => setTimeout(r, 100));

describe.each(['witness', 'panwas'] as const)('a %s device', (role) => {
  it('has a menu of its screens only, and opens on the kecamatan D.Hasil', async () => {
    await as(role, '#/');
    expect(await screen.findByRole('heading', { level: 1, name: /D\.Hasil Kecamatan Puger/i }, SLOW)).toBeTruthy();
    await waitFor(() => expect(menu()).toEqual(['Kemajuan', 'D.Hasil', 'Temuan', 'Keberatan', 'Verifikasi', 'Riwayat', 'Sinkron', 'Pengaturan']));
    expect(screen.getByTestId('header-role').textContent).toBe(role === 'witness' ? 'Saksi' : 'Panwascam');
    // Changes exist on this device (the imported forms), but a reading device is not nagged to export them.
    await settle();
    expect(screen.queryByTestId('backup-reminder')).toBeNull();
  });

  it('is led to the D.Hasil from the screens of other roles', async () => {
    for (const hash of ['#/cadangan', `#/finalisasi/PPWP/${BAGON}`, `#/desa/${BAGON}`, `#/tabel/${BAGON}/PPWP`]) {
      await as(role, hash);
      expect(await screen.findByRole('heading', { level: 1, name: /D\.Hasil Kecamatan Puger/i }, SLOW)).toBeTruthy();
      document.body.innerHTML = '';
    }
  });

  it('sees the findings with no warning to accept', async () => {
    await as(role, '#/temuan');
    const table = await screen.findByTestId('discrepancy-table', {}, SLOW);
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(2));
    expect(within(table).queryAllByRole('button')).toEqual([]);
    // Filing an objection about a finding stays offered.
    expect(within(table).getAllByRole('link', { name: /^Catat keberatan/ }).length).toBeGreaterThan(0);
  });

  it('opens a form read-only: no figure to type, nothing to mark entered or verify', async () => {
    await as(role, `#/tps/${bagonTps(1)}/PPWP`);
    expect(await screen.findByTestId('readonly-note', {}, SLOW)).toBeTruthy();
    const form = screen.getByTestId('entry-form');
    // Every figure shown as text; not one input on the form.
    await waitFor(() => expect(form.querySelectorAll('.entry-cell--readout').length).toBeGreaterThan(20));
    expect(form.querySelectorAll('input')).toHaveLength(0);
    expect(form.querySelector('[data-path="votes.1"]')?.textContent).toMatch(/\d+$/);
    expect(within(form).queryByRole('button', { name: /Selesai dientri|Konfirmasi|entri kedua|Terima/ })).toBeNull();
  });

  it('sees whether a desa is final, with no button to finalise it', async () => {
    await as(role, `#/dhasil/PPWP/${BAGON}`);
    await screen.findByRole('heading', { level: 1, name: /BAGON/ }, SLOW);
    await settle();
    expect(screen.queryByRole('button', { name: /^Finalkan|^Buka kembali/ })).toBeNull();
  });
});

describe('the same screens for the chair and a clerk', () => {
  it('the chair has every screen, is reminded to export, and accepts a W05 from the findings', async () => {
    await as('chair', '#/temuan');
    await waitFor(() => expect(menu()).toEqual(['Pekerjaan', 'Kemajuan', 'D.Hasil', 'Temuan', 'Keberatan', 'Finalisasi', 'Cadangan', 'Verifikasi', 'Riwayat', 'Kabupaten', 'Sinkron', 'Pengaturan']));
    expect(await screen.findByTestId('backup-reminder', {}, { timeout: 4000 })).toBeTruthy();
    const table = await screen.findByTestId('discrepancy-table', {}, SLOW);
    await waitFor(() => expect(within(table).queryAllByRole('button').length).toBeGreaterThan(0));
  });

  it('a clerk opens on its work lists, without the kabupaten', async () => {
    await as('clerk', '#/');
    await waitFor(() => expect(menu()).toEqual(['Pekerjaan', 'Kemajuan', 'D.Hasil', 'Temuan', 'Keberatan', 'Finalisasi', 'Cadangan', 'Verifikasi', 'Riwayat', 'Sinkron', 'Pengaturan']));
    expect(screen.queryByRole('heading', { level: 1, name: /D\.Hasil/ })).toBeNull();
  });

  it('a device never enrolled has no server history in its menu', async () => {
    await as('standalone', '#/');
    await waitFor(() => expect(menu()).toEqual(['Pekerjaan', 'Kemajuan', 'D.Hasil', 'Temuan', 'Keberatan', 'Finalisasi', 'Cadangan', 'Verifikasi', 'Sinkron', 'Pengaturan']));
  });
});
