// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { setFigure, type RekapDb } from '../../../src/db/index.ts';
import { i18n } from '../../../src/ui/i18n/i18n.ts';
import { TPS, cell, cellAt, expectStored, fill, renderForm, seed, testSetup } from './helpers.tsx';

const summary = () => screen.getByTestId('findings-summary');
const summaryCodes = () => within(summary()).queryAllByRole('button').map((b) => b.closest('li')?.dataset.code);

describe('entry form: live checks', () => {
  let db: RekapDb;
  beforeEach(async () => {
    db = await seed();
  });

  it('shows E08 with both figures beside V.A when valid ≠ the sum of votes, and clears it when fixed', async () => {
    const user = userEvent.setup();
    await renderForm('PPWP');
    expect(within(summary()).getByText('Tidak ada temuan.')).toBeTruthy();
    await fill(db, 'PPWP', { 'votes.1': 10, 'votes.2': 20, 'votes.3': 30 });
    await user.type(cell('V.A Jumlah suara sah'), '70');

    const row = await screen.findByTestId('findings-valid');
    const e08 = within(row).getByText((_, el) => el?.tagName === 'LI' && el.textContent!.startsWith('E08'));
    expect(e08.textContent).toContain('70');
    expect(e08.textContent).toContain('60');
    expect(summaryCodes()).toEqual(['E08']);
    expect(cellAt('valid').getAttribute('aria-invalid')).toBe('true');
    expect(cellAt('votes.2').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('sum-valid').dataset.sum).toBe('60');
    // The jump goes to the total E08 quotes (V.A), not to Paslon 01, which is correct.
    await user.click(within(summary()).getByRole('button'));
    expect(document.activeElement).toBe(cellAt('valid'));

    await user.clear(cell('V.A Jumlah suara sah'));
    await user.type(cell('V.A Jumlah suara sah'), '60');
    await waitFor(() => expect(screen.queryByTestId('findings-valid')).toBeNull());
    expect(summaryCodes()).toEqual([]);
    expect(cellAt('valid').getAttribute('aria-invalid')).toBeNull();
    await expectStored(db, 'PPWP', 'valid', 60);
  });

  it('lists errors before warnings in the summary; a summary button goes to the figure it quotes first, without selecting it', async () => {
    const user = userEvent.setup();
    await renderForm('PPWP');
    // W02: received ≠ ceil(1.02 × 200) = 204; E01: 100 + 100 ≠ 150.
    await fill(db, 'PPWP', { 'voters.dpt.male': 100, 'voters.dpt.female': 100, 'voters.dpt.total': 200, 'ballots.received': 300 });
    await waitFor(() => expect(summaryCodes()).toEqual(['W02']));
    expect(cellAt('ballots.received').dataset.severity).toBe('warning');
    expect(cellAt('ballots.received').getAttribute('aria-invalid')).toBeNull();
    await user.clear(cell('A. Jumlah pemilih dalam DPT — Jumlah (L+P)'));
    await user.type(cell('A. Jumlah pemilih dalam DPT — Jumlah (L+P)'), '150');
    await waitFor(() => expect(summaryCodes()).toEqual(['E01', 'W02']));
    const w02 = within(summary()).getAllByRole('button')[1]!;
    await user.click(w02);
    // W02 quotes the ballots received first ("Surat suara diterima (300) ≠ DPT + 2% …").
    const received = cellAt('ballots.received');
    expect(document.activeElement).toBe(received);
    // The caret sits after the digits: the next keystroke does not overwrite a figure that may be right.
    expect([received.selectionStart, received.selectionEnd]).toEqual([3, 3]);
    await user.click(within(summary()).getAllByRole('button')[0]!);
    expect(document.activeElement).toBe(cellAt('voters.dpt.male'));
  });

  it('shows running sums next to entered totals, formatted id-ID', async () => {
    const fresh = await seed(testSetup({ parties: 2, candidates: 3 }));
    await renderForm('DPR');
    await fill(fresh, 'DPR', {
      'voters.usedDpt.male': 500, 'voters.usedDptb.male': 400, 'voters.usedDpk.male': 334, 'voters.usedTotal.male': 999,
      'votes.1.partyOnly': 5, 'votes.1.candidates.1': 10, 'votes.1.candidates.3': 7, 'votes.1.total': 22,
      'ballots.used': 100, 'ballots.returned': 2, 'ballots.unused': 3,
      valid: 10, invalid: 5,
    });
    const b4 = screen.getByTestId('sum-voters-usedTotal-male');
    expect(b4.textContent).toContain('1.234');
    expect(b4.className).toContain('entry-sum--differ');
    const pkb = screen.getByTestId('sum-party-1');
    expect(pkb.dataset.sum).toBe('22');
    expect(pkb.textContent).toContain('belum lengkap'); // candidate 2 not entered
    expect(screen.getByTestId('sum-ballots-received').dataset.sum).toBe('105');
    expect(screen.getByTestId('sum-total').dataset.sum).toBe('15');
    expect(screen.getByTestId('sum-valid').dataset.sum).toBe('22');
  });

  it('flags W04 when the DPT differs from another contest at the same TPS', async () => {
    const user = userEvent.setup();
    const r = await setFigure(db, { tps: TPS, contest: 'PPWP', path: 'voters.dpt.male', value: 100, actor: 'Siti' });
    expect(r.ok).toBe(true);
    await renderForm('DPR');
    await user.type(cell('A. Jumlah pemilih dalam DPT — Laki-laki (L)'), '120');
    await waitFor(() => expect(summaryCodes()).toEqual(['W04']));
    expect(cellAt('voters.dpt.male').dataset.severity).toBe('warning');
    await user.clear(cell('A. Jumlah pemilih dalam DPT — Laki-laki (L)'));
    await user.type(cell('A. Jumlah pemilih dalam DPT — Laki-laki (L)'), '100');
    await waitFor(() => expect(summaryCodes()).toEqual([]));
  });

  it('shows findings in English when the UI language is English', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    await renderForm('PPWP');
    await fill(db, 'PPWP', { valid: 10, invalid: 5 });
    await user.type(cell('V.C Total valid and invalid votes'), '16');
    const row = await screen.findByTestId('findings-total');
    expect(row.textContent).toMatch(/^E06/);
    expect(row.textContent).toContain('16');
    await i18n.changeLanguage('id');
  });
});
