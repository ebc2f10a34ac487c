// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { getHistory, type RekapDb } from '../../../src/db/index.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { CLEAN_PPWP, TPS, cell, cellAt, expectStored, fill, renderForm, seed, stored, storedRow, testSetup } from './helpers.tsx';

const markButton = () => screen.getByRole('button', { name: 'Selesai dientri' });
const status = () => screen.getByTestId('tally-status').dataset.status;
const KEY = tallyKey({ tps: TPS, contest: 'PPWP' });

async function enteredPpwp(actor = 'Siti'): Promise<{ db: RekapDb; user: ReturnType<typeof userEvent.setup> }> {
  const db = await seed();
  const user = userEvent.setup();
  await renderForm('PPWP', actor);
  await fill(db, 'PPWP', CLEAN_PPWP);
  await waitFor(() => expect(markButton()).toHaveProperty('disabled', false));
  await user.click(markButton());
  await waitFor(() => expect(status()).toBe('entered'));
  return { db, user };
}

describe('entry form: marking as entered', () => {
  it('is possible only when every cell is entered', async () => {
    const db = await seed();
    await renderForm('PPWP');
    expect(markButton()).toHaveProperty('disabled', true);
    expect(screen.getByTestId('missing-count').textContent).toContain('28');
    const { valid: _valid, ...allButOne } = CLEAN_PPWP;
    await fill(db, 'PPWP', allButOne);
    expect(screen.getByTestId('missing-count').textContent).toContain('1');
    expect(markButton()).toHaveProperty('disabled', true);
    await fill(db, 'PPWP', { valid: 175 });
    expect(screen.queryByTestId('missing-count')).toBeNull();
    expect(markButton()).toHaveProperty('disabled', false);
  });

  it('needs an explicit acceptance with a reason for each open warning, stored with the tally', async () => {
    const db = await seed();
    const user = userEvent.setup();
    await renderForm('PPWP');
    // 210 ballots received for 200 DPT voters (W02), and the rest consistent with it.
    await fill(db, 'PPWP', { ...CLEAN_PPWP, 'ballots.received': 210, 'ballots.unused': 24 });
    expect(markButton()).toHaveProperty('disabled', true);
    const reason = screen.getByLabelText('Alasan menerima W02');
    await user.click(screen.getByRole('button', { name: 'Terima peringatan W02' }));
    expect(screen.getByRole('alert').textContent).toBe('Alasan wajib diisi.');
    expect(markButton()).toHaveProperty('disabled', true);
    await user.type(reason, 'Kiriman KPU memang 210 lembar');
    await user.click(screen.getByRole('button', { name: 'Terima peringatan W02' }));
    expect(markButton()).toHaveProperty('disabled', false);
    await user.click(markButton());
    await waitFor(() => expect(status()).toBe('entered'));
    const row = await storedRow(db, 'PPWP');
    expect(row?.tally.enteredBy).toBe('Siti');
    expect(row?.tally.acceptedWarnings).toEqual([expect.objectContaining({ code: 'W02', reason: 'Kiriman KPU memang 210 lembar', by: 'Siti' })]);
    // An accepted warning is no longer open in the summary.
    expect(within(screen.getByTestId('findings-summary')).queryAllByRole('button')).toHaveLength(0);
  });
});

describe('entry form: corrections after "entered"', () => {
  it('refuses an edit without a reason; cancelling restores the stored value', async () => {
    const { db, user } = await enteredPpwp();
    await user.clear(cell('Paslon 02'));
    await user.type(cell('Paslon 02'), '101');
    await user.keyboard('{Tab}');
    const dialog = await screen.findByRole('dialog', { name: 'Pembetulan: alasan wajib diisi' });
    expect(dialog.textContent).toContain('100 → 101');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Alasan pembetulan'));
    await user.click(within(dialog).getByRole('button', { name: 'Simpan pembetulan' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Alasan wajib diisi.');
    expect(await stored(db, 'PPWP', 'votes.2')).toBe(100);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(cell('Paslon 02').value).toBe('100');
    expect(document.activeElement).toBe(cell('Paslon 02'));
    expect(await stored(db, 'PPWP', 'votes.2')).toBe(100);
  });

  it('saves with a reason, keeps it in the history (field, old → new, who, when in WIB, why)', async () => {
    const { db, user } = await enteredPpwp();
    await user.clear(cell('V.B Jumlah suara tidak sah'));
    await user.type(cell('V.B Jumlah suara tidak sah'), '11');
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Alasan pembetulan'), 'Salah baca saat pleno{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await expectStored(db, 'PPWP', 'invalid', 11);
    // Focus moves on to the next cell, as Enter would have.
    expect(document.activeElement).toBe(cellAt('total'));

    const revisions = await getHistory(db, KEY);
    const correction = revisions.find((r) => r.kind === 'correction');
    expect(correction?.reason).toBe('Salah baca saat pleno');

    const history = screen.getByTestId('history');
    await waitFor(() => expect(within(history).getByText('Salah baca saat pleno')).toBeTruthy());
    const row = within(history).getByText('Salah baca saat pleno').closest('tr')!;
    expect(row.textContent).toContain('V.B Jumlah suara tidak sah');
    expect(row.textContent).toContain('10 → 11');
    expect(row.textContent).toContain('Siti');
    expect(row.textContent).toMatch(/WIB/);
    // The correction breaks E06/E07 now: shown at once.
    await waitFor(() => expect(screen.getByTestId('findings-summary').dataset.errors).not.toBe('0'));
  });
});

describe('entry form: verification', () => {
  it('read-back: confirmed by another person, not by the one who entered it', async () => {
    const { db, user } = await enteredPpwp('Siti');
    const name = screen.getByLabelText('Nama pemeriksa');
    const confirm = screen.getByRole('button', { name: 'Konfirmasi: semua angka cocok' });
    await user.type(name, 'Siti');
    await user.click(confirm);
    expect(screen.getByRole('alert').textContent).toBe('Pemeriksa harus orang lain dari pengentri.');
    expect(status()).toBe('entered');
    await user.clear(name);
    await user.type(name, 'Budi');
    await user.click(confirm);
    await waitFor(() => expect(status()).toBe('verified'));
    expect((await storedRow(db, 'PPWP'))?.tally.verifiedBy).toBe('Budi');
  });

  it('double entry: a second person enters blind; differing cells are shown, matching entries verify', async () => {
    const db = await seed(testSetup({ verification: 'double-entry' }));
    const user = userEvent.setup();
    await renderForm('PPWP', 'Siti');
    await fill(db, 'PPWP', CLEAN_PPWP);
    await user.click(markButton());
    await waitFor(() => expect(status()).toBe('entered'));

    await user.type(screen.getByLabelText('Nama pengentri kedua'), 'Budi');
    await user.click(screen.getByRole('button', { name: 'Mulai entri kedua' }));
    const second = await screen.findByTestId('second-entry');
    // Blind: the first entry's figures are not on screen.
    const inputs = within(second).getAllByRole('textbox');
    expect(inputs).toHaveLength(28);
    expect(inputs.every((i) => (i as HTMLInputElement).value === '')).toBe(true);
    expect(screen.queryByTestId('history')).toBeNull();

    const secondCell = (path: string) => second.querySelector<HTMLInputElement>(`[data-path="${path}"]`)!;
    const { fireEvent } = await import('@testing-library/react');
    for (const [path, value] of Object.entries({ ...CLEAN_PPWP, 'votes.2': 110 })) {
      fireEvent.change(secondCell(path), { target: { value: String(value) } });
    }
    const result = await within(second).findByTestId('second-entry-result', {}, { timeout: 5000 });
    expect(result.textContent).toContain('Paslon 02');
    expect(result.textContent).toContain('100');
    expect(result.textContent).toContain('110');
    // Highlighted in the second entry (W06, and E08 since 110 also breaks its own sum).
    expect(secondCell('votes.2').dataset.severity).toBe('error');
    expect(within(second).getByTestId('findings-summary').textContent).toContain('W06');
    expect(status()).toBe('entered');

    // The second person misread: fixing their cell makes the entries equal → verified.
    await user.clear(secondCell('votes.2'));
    await user.type(secondCell('votes.2'), '100');
    await waitFor(() => expect(status()).toBe('verified'));
    expect(within(second).getByTestId('second-entry-result').textContent).toBe('Kedua entri sama: terverifikasi.');
    expect((await storedRow(db, 'PPWP'))?.tally.verifiedBy).toBe('Budi');
  });
});
