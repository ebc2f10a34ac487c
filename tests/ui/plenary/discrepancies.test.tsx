// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { decideObjection, recordObjection, type RekapDb } from '../../../src/db/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { i18n } from '../../../src/ui/i18n/i18n.ts';
import { desaTalliesFile, ppwpTally } from '../../e2e/plenary-fixtures.ts';
import { bagonTps, importFile, seedPuger } from './seed.ts';

let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  ({ db, setup } = await seedPuger());
  const file = desaTalliesFile(setup, '3509082007' as never, { errorAt: 5 });
  // TPS 003 repeats TPS 002's votes (W05 on both); TPS 004 has one ballot too many, accepted (W02).
  file.tallies[2] = ppwpTally(setup, bagonTps(3), 1, 'verified');
  file.tallies[3] = {
    ...ppwpTally(setup, bagonTps(4), 3, 'verified', { 'ballots.received': 205, 'ballots.unused': 19 }),
    acceptedWarnings: [{ code: 'W02', reason: 'Kiriman KPU lebih satu lembar', by: 'Ani', at: '2024-02-18T02:00:00Z' }],
  };
  await importFile(db, file);
});

const rows = () => within(screen.getByTestId('discrepancy-table')).getAllByRole('row').slice(1);
const codes = () => rows().map((r) => `${r.dataset.code}:${r.dataset.state}`);

describe('#/temuan', () => {
  it('lists every finding of the kecamatan, errors first, each linking to its form, accepted ones as accepted', async () => {
    window.location.hash = '#/temuan';
    render(<App />);
    await screen.findByRole('heading', { name: 'Temuan pemeriksaan se-kecamatan' });
    await waitFor(() => expect(codes()).toEqual(['E06:open', 'E08:open', 'W05:open', 'W05:open', 'W02:accepted']));
    expect(screen.getByTestId('discrepancy-summary').textContent).toBe(
      '2 kesalahan terbuka, 2 peringatan terbuka, 1 peringatan diterima, 0 kesalahan dicatat dalam keberatan/kejadian khusus.',
    );
    const first = rows()[0]!;
    const link = within(first).getByRole('link', { name: 'BAGON, TPS 005' });
    expect(link.getAttribute('href')).toBe('#/tps/3509082007005/PPWP');
    // The figures are quoted, in the UI language.
    expect(first.textContent).toContain('176');
    expect(within(rows()[2]!).getAllByRole('link')[0]!.textContent).toBe('BAGON, TPS 002');
    expect(within(rows()[2]!).getByRole('link', { name: 'Catat keberatan/kejadian khusus tentang W05 di BAGON, TPS 002, Presiden' }).getAttribute('href')).toBe('#/keberatan/3509082007002/PPWP');
    expect(rows()[2]!.textContent).toContain('TPS 003');
    expect(rows()[4]!.textContent).toContain('Diterima');

    await userEvent.setup().selectOptions(screen.getByLabelText('Bahasa'), 'en');
    await waitFor(() => expect(rows()[2]!.textContent).toContain('Vote figures identical to TPS 003'));
    expect(screen.getByRole('heading', { name: 'Findings across the kecamatan' })).toBeTruthy();
    await i18n.changeLanguage('id');
  });

  it('accepts a W05 with a reason from the list (it compares forms, so no single form offers it)', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/temuan';
    render(<App />);
    await waitFor(() => expect(codes()).toEqual(['E06:open', 'E08:open', 'W05:open', 'W05:open', 'W02:accepted']));
    // errors have no accept action: they are corrected or recorded as an objection
    expect(within(rows()[0]!).queryByRole('button')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Terima W05 di BAGON, TPS 002, Presiden dengan alasan' }));
    const reason = screen.getByLabelText('Alasan menerima W05 di BAGON, TPS 002, Presiden');
    await user.click(screen.getByRole('button', { name: 'Terima W05' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Tulis alasannya');
    await user.type(reason, 'Dicocokkan dengan C.Hasil: angkanya memang sama');
    await user.click(screen.getByRole('button', { name: 'Terima W05' }));
    await waitFor(() => expect(codes()).toEqual(['E06:open', 'E08:open', 'W05:open', 'W05:accepted', 'W02:accepted']));
    const tally = await db.tallies.get('3509082007002:PPWP' as never);
    expect(tally?.tally.acceptedWarnings).toEqual([
      expect.objectContaining({ code: 'W05', reason: 'Dicocokkan dengan C.Hasil: angkanya memang sama', by: 'Ketua PPK' }),
    ]);
  });

  it('filters by severity, code, desa, contest and state', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/temuan';
    render(<App />);
    await waitFor(() => expect(rows()).toHaveLength(5));
    await user.selectOptions(screen.getByLabelText('Jenis temuan'), 'warning');
    expect(codes()).toEqual(['W05:open', 'W05:open', 'W02:accepted']);
    await user.selectOptions(screen.getByLabelText('Status temuan'), 'open');
    expect(codes()).toEqual(['W05:open', 'W05:open']);
    await user.selectOptions(screen.getByLabelText('Jenis temuan'), '');
    await user.selectOptions(screen.getByLabelText('Status temuan'), '');
    await user.selectOptions(screen.getByLabelText('Kode'), 'E08');
    expect(codes()).toEqual(['E08:open']);
    await user.selectOptions(screen.getByLabelText('Kode'), '');
    await user.selectOptions(screen.getByLabelText('Jenis pemilihan'), 'DPR');
    expect(screen.getByText('Tidak ada temuan untuk pilihan ini.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Jenis pemilihan'), 'PPWP');
    await user.selectOptions(screen.getByLabelText('Desa'), '3509082001');
    expect(screen.getByText('Tidak ada temuan untuk pilihan ini.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Desa'), '3509082007');
    expect(rows()).toHaveLength(5);
  });

  it('shows an error covered by a decided special event as recorded, not open', async () => {
    const event = await recordObjection(
      db,
      { kind: 'special-event', scope: { level: 'tps', tps: bagonTps(5) }, contest: 'PPWP', raisedBy: { role: 'ppk-member', name: null }, description: 'Plano memang tertulis 176.' },
      'Ketua PPK',
    );
    expect(event.ok).toBe(true);
    window.location.hash = '#/temuan';
    render(<App />);
    await waitFor(() => expect(codes()).toEqual(['E06:open', 'E08:open', 'W05:open', 'W05:open', 'W02:accepted']));
    if (event.ok) await decideObjection(db, event.value.id, { status: 'noted', note: 'Dicatat' }, 'Ketua PPK');
    await waitFor(() => expect(codes()).toEqual(['E06:covered', 'E08:covered', 'W05:open', 'W05:open', 'W02:accepted']));
  });
});
