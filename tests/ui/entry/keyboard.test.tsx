// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { findContest } from '../../../src/domain/setup/index.ts';
import { paperOrder } from '../../../src/domain/tally/fields.ts';
import type { RekapDb } from '../../../src/db/index.ts';
import { cell, cellAt, expectStored, renderForm, seed, stored, testSetup } from './helpers.tsx';

const active = () => (document.activeElement as HTMLElement | null)?.dataset.path;

describe('entry form: keyboard navigation in paper order', () => {
  it('Tab and Enter walk every PPWP cell in paper order; Shift+Tab / Shift+Enter go back', async () => {
    const setup = testSetup();
    await seed(setup);
    const user = userEvent.setup();
    await renderForm('PPWP');
    const order = paperOrder(findContest(setup, 'PPWP')!);
    expect(order).toHaveLength(28);

    await user.click(cell('A. Jumlah pemilih dalam DPT — Laki-laki (L)'));
    expect(active()).toBe(order[0]);
    for (let i = 1; i < order.length; i++) {
      await user.keyboard(i % 2 === 0 ? '{Enter}' : '{Tab}');
      expect(active()).toBe(order[i]);
    }
    expect(active()).toBe('total');
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(active()).toBe('invalid');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(active()).toBe('valid');
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(active()).toBe('votes.3');
  });

  it('goes from section III into each party block: A.1, its candidates, B, then the next party', async () => {
    const setup = testSetup({ parties: 2, candidates: 3 });
    await seed(setup);
    const user = userEvent.setup();
    await renderForm('DPR');
    await user.click(cell('III. Pemilih disabilitas yang menggunakan hak pilih — Jumlah (L+P)'));
    const expected = [
      'PKB — suara partai (A.1)',
      'PKB — calon 1',
      'PKB — calon 2',
      'PKB — calon 3',
      'PKB — jumlah (B)',
      'Gerindra — suara partai (A.1)',
    ];
    for (const label of expected) {
      await user.keyboard('{Tab}');
      expect(document.activeElement).toBe(cell(label));
    }
    await user.keyboard('{Shift>}{Tab}{/Shift}{Shift>}{Tab}{/Shift}');
    expect(document.activeElement).toBe(cell('PKB — calon 3'));
  });

  it('typing into a DPR candidate cell autosaves it (the full 18-party form renders)', async () => {
    const db: RekapDb = await seed();
    const user = userEvent.setup();
    await renderForm('DPR');
    expect(document.querySelectorAll('input[data-path]').length).toBe(paperOrder(findContest(testSetup(), 'DPR')!).length);
    await user.type(cell('PKB — calon 3'), '42');
    await expectStored(db, 'DPR', 'votes.1.candidates.3', 42);
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('Tersimpan'));
  });
});

describe('entry form: empty is not zero, digits only', () => {
  let db: RekapDb;
  beforeEach(async () => {
    db = await seed();
  });

  it('keeps untouched cells null, stores a typed 0 as 0 and a cleared cell as null', async () => {
    const user = userEvent.setup();
    await renderForm('PPWP');
    await user.type(cell('Paslon 01'), '0');
    await expectStored(db, 'PPWP', 'votes.1', 0);
    expect(await stored(db, 'PPWP', 'votes.2')).toBeNull();
    expect(await stored(db, 'PPWP', 'voters.dpt.male')).toBeNull();
    expect(cell('Paslon 02').value).toBe('');

    await user.clear(cell('Paslon 01'));
    await expectStored(db, 'PPWP', 'votes.1', null);
    expect(cell('Paslon 01').value).toBe('');
  });

  it('refuses non-digits without changing the stored value, with an inline hint; a fourth digit is refused and said so', async () => {
    const user = userEvent.setup();
    await renderForm('PPWP');
    const input = cell('V.B Jumlah suara tidak sah');
    expect(input.inputMode).toBe('numeric');
    await user.type(input, '1');
    await expectStored(db, 'PPWP', 'invalid', 1);
    await user.type(input, 'a');
    expect(input.value).toBe('1');
    expect(screen.getByText('Hanya angka 0–999.')).toBeTruthy();
    await user.type(input, '-');
    await user.type(input, '2');
    expect(input.value).toBe('12');
    expect(screen.queryByText('Hanya angka 0–999.')).toBeNull();
    await user.type(input, '34');
    expect(input.value).toBe('123');
    expect(screen.getByText(/angka keempat tidak dipakai/)).toBeTruthy();
    await expectStored(db, 'PPWP', 'invalid', 123);
    expect(cellAt('invalid')).toBe(input);
  });
});
