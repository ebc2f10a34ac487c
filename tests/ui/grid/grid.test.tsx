// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { desaOfPanel } from '../../../src/domain/setup/lookup.ts';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import { i18n } from '../../../src/ui/i18n/i18n.ts';
import { enrolAs } from '../../db/enrolAs.ts';
import { DESA, TPS1, TPS2, TPS3, enteredForm, focused, gridCell, gridSetup, renderGrid, rowChecks, seedGrid, storedFigure, trail } from './helpers.tsx';

describe('desa grid: typing', () => {
  it('opens on the first empty cell, stores what is typed in a row and shows that row’s checks', async () => {
    const db = await seedGrid();
    const user = userEvent.setup();
    await renderGrid();
    await waitFor(() => expect(focused()).toBe(`${TPS1} voters.dpt.male`));
    expect(rowChecks(TPS1).dataset.status).toBe('empty');
    // DPT 100 + 100 ≠ 150 (E01), typed along the row with Tab and Enter.
    await user.keyboard('100{Tab}100{Enter}150{Enter}');
    await waitFor(async () => expect(await storedFigure(db, TPS1, 'voters.dpt.total')).toBe(150));
    expect(await storedFigure(db, TPS1, 'voters.dpt.male')).toBe(100);
    await waitFor(() => expect(rowChecks(TPS1).dataset.status).toBe('draft'));
    expect(rowChecks(TPS1).dataset.errors).toBe('1');
    expect(rowChecks(TPS1).textContent).toMatch(/1 temuan: E01/);
    expect(rowChecks(TPS1).querySelector('[data-code="E01"]')!.className).toContain('entry-finding--error');
    expect(gridCell(TPS1, 'voters.dpt.total').getAttribute('aria-invalid')).toBe('true');
    expect(gridCell(TPS1, 'voters.dpt.total').className).toContain('entry-cell--error');
    // The other rows are untouched.
    expect(rowChecks(TPS2).dataset.status).toBe('empty');
    expect(gridCell(TPS2, 'voters.dpt.male').value).toBe('');
  });

  it('typing "190" then Enter leaves one tally.changed audit entry for that cell', async () => {
    const db = await seedGrid();
    const user = userEvent.setup();
    await renderGrid();
    await user.click(gridCell(TPS2, 'valid'));
    await user.keyboard('190{Enter}');
    expect(focused()).toBe(`${TPS2} invalid`);
    await waitFor(async () => expect(await trail(db, TPS2)).toHaveLength(1));
    const [entry] = await trail(db, TPS2);
    expect(entry!.action).toBe('tally.changed');
    expect(entry!.before).toMatchObject({ valid: null });
    expect(entry!.after).toMatchObject({ valid: 190 });
    expect(await trail(db, TPS1)).toHaveLength(0);
  });

  it('commits a cell still being typed when the grid is left', async () => {
    const db = await seedGrid();
    const user = userEvent.setup();
    const view = await renderGrid();
    await user.keyboard('77');
    await waitFor(async () => expect(await storedFigure(db, TPS1, 'voters.dpt.male')).toBe(77));
    // Autosaved but still open: nothing in the trail yet.
    expect(await trail(db, TPS1)).toHaveLength(0);
    view.unmount();
    await waitFor(async () => expect(await trail(db, TPS1)).toHaveLength(1));
  });

  it('refuses a fourth digit and a non-digit aloud, keeping the stored figure', async () => {
    const db = await seedGrid();
    const user = userEvent.setup();
    await renderGrid();
    await user.keyboard('123');
    await waitFor(async () => expect(await storedFigure(db, TPS1, 'voters.dpt.male')).toBe(123));
    await user.keyboard('4');
    expect(gridCell(TPS1, 'voters.dpt.male').value).toBe('123');
    const hint = screen.getByText(/Paling banyak 3 angka/);
    expect(gridCell(TPS1, 'voters.dpt.male').getAttribute('aria-describedby')).toBe(hint.id);
    await user.keyboard('{Tab}x');
    expect(screen.getByText('Hanya angka 0–999.')).toBeTruthy();
    expect(gridCell(TPS1, 'voters.dpt.female').value).toBe('');
    expect(await storedFigure(db, TPS1, 'voters.dpt.male')).toBe(123);
    expect(await storedFigure(db, TPS1, 'voters.dpt.female')).toBeNull();
  });

  it('sums each figure over the desa in the totals row', async () => {
    const db = await seedGrid();
    const user = userEvent.setup();
    await renderGrid();
    const total = () => document.querySelector<HTMLElement>('[data-testid="grid-totals"] [data-path="votes.1"]')!;
    expect(total().textContent).toBe('—');
    await user.click(gridCell(TPS1, 'votes.1'));
    await user.keyboard('600{Enter}');
    await user.click(gridCell(TPS3, 'votes.1'));
    await user.keyboard('650{Enter}');
    // 1.250 in id-ID digits.
    await waitFor(() => expect(total().textContent).toBe('1.250'));
    await waitFor(async () => expect(await storedFigure(db, TPS3, 'votes.1')).toBe(650));
  });
});

describe('desa grid: moving with the keyboard', () => {
  it('Enter/Tab go along the row then to the next row, Shift back, arrows up and down the column', async () => {
    await seedGrid();
    const user = userEvent.setup();
    await renderGrid();
    await user.click(gridCell(TPS1, 'total'));
    await user.keyboard('{Enter}');
    expect(focused()).toBe(`${TPS2} voters.dpt.male`);
    await user.keyboard('{Shift>}{Tab}{/Shift}');
    expect(focused()).toBe(`${TPS1} total`);
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(focused()).toBe(`${TPS1} invalid`);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focused()).toBe(`${TPS3} invalid`);
    // Nothing below the last row: focus stays.
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe(`${TPS3} invalid`);
    await user.keyboard('{ArrowUp}');
    expect(focused()).toBe(`${TPS2} invalid`);
  });

  it('Enter on the last cell of the grid goes back to the first empty cell', async () => {
    await seedGrid();
    const user = userEvent.setup();
    await renderGrid();
    await user.click(gridCell(TPS3, 'total'));
    await user.keyboard('5{Enter}');
    expect(focused()).toBe(`${TPS1} voters.dpt.male`);
  });
});

describe('desa grid: the workflow', () => {
  it('shows an entered form read-only, skips it when typing on, and links its TPS to the single form', async () => {
    const db = await seedGrid();
    await enteredForm(db, TPS2);
    const user = userEvent.setup();
    await renderGrid();
    await waitFor(() => expect(rowChecks(TPS2).dataset.status).toBe('entered'));
    expect(gridCell(TPS2, 'valid').readOnly).toBe(true);
    expect(gridCell(TPS2, 'valid').value).toBe('175');
    expect(gridCell(TPS1, 'valid').readOnly).toBe(false);
    const link = screen.getByRole('link', { name: 'TPS 002: buka formulir' });
    expect(link.getAttribute('href')).toBe(`#/tps/${TPS2}/PPWP`);
    // Typing into it changes nothing (a correction needs a reason, in the single form).
    await user.click(gridCell(TPS2, 'valid'));
    await user.keyboard('9');
    expect(gridCell(TPS2, 'valid').value).toBe('175');
    expect(await storedFigure(db, TPS2, 'valid')).toBe(175);
    // Enter at the end of TPS 001 goes on to TPS 003.
    await user.click(gridCell(TPS1, 'total'));
    await user.keyboard('{Enter}');
    expect(focused()).toBe(`${TPS3} voters.dpt.male`);
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(focused()).toBe(`${TPS1} total`);
  });

  it("is read-only on a device of another panel, saying whose desa it is", async () => {
    const db = await seedGrid();
    const setup = gridSetup();
    expect(desaOfPanel(setup, 'panel-2')).toContain(DESA);
    await enrolAs(db, 'clerk', 'panel-1', desaOfPanel(setup, 'panel-1') as DesaCode[]);
    await renderGrid();
    const note = await screen.findByTestId('readonly-note');
    expect(note.dataset.reason).toBe('other-panel');
    await waitFor(() => expect(gridCell(TPS1, 'votes.1').readOnly).toBe(true));
    expect(gridCell(TPS3, 'voters.dpt.male').readOnly).toBe(true);
  });
});

describe('desa grid: labels', () => {
  it('names every cell by its TPS and the form’s label, in Indonesian and English', async () => {
    await seedGrid();
    await renderGrid();
    expect(screen.getByLabelText('TPS 001, Paslon 01', { selector: 'input' })).toBe(gridCell(TPS1, 'votes.1'));
    expect(screen.getByLabelText('TPS 003, V.A Jumlah suara sah', { selector: 'input' })).toBe(gridCell(TPS3, 'valid'));
    expect(screen.getByLabelText('TPS 002, A. Jumlah pemilih dalam DPT — Laki-laki (L)', { selector: 'input' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'IV. Paslon' })).toBeTruthy();
    await i18n.changeLanguage('en');
    await waitFor(() => expect(screen.getByLabelText('TPS 001, Pair 01', { selector: 'input' })).toBe(gridCell(TPS1, 'votes.1')));
    expect(screen.getByRole('columnheader', { name: 'IV. Pairs' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Desa grid mode');
  });

  it('offers DPD with one column per candidate, in paper order', async () => {
    await seedGrid();
    await renderGrid('DPD');
    const candidates = gridSetup().contests.find((c) => c.id === 'DPD')!;
    const paths = [...document.querySelectorAll<HTMLInputElement>(`tr[data-tps="${TPS1}"] input`)].map((i) => i.dataset.path);
    expect(paths.filter((p) => p!.startsWith('votes.'))).toHaveLength('candidates' in candidates ? candidates.candidates.length : -1);
    expect(paths[0]).toBe('voters.dpt.male');
    expect(paths.at(-1)).toBe('total');
  });
});
