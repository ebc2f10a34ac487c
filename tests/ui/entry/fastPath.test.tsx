// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { findContest } from '../../../src/domain/setup/index.ts';
import { paperOrder } from '../../../src/domain/tally/fields.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { auditOfRecord, type RekapDb } from '../../../src/db/index.ts';
import { CLEAN_PPWP, cell, cellAt, expectStored, renderForm, seed, storedRow, testSetup, TPS } from './helpers.tsx';

const active = () => (document.activeElement as HTMLElement | null)?.dataset.path;
const trail = async (db: RekapDb, contest: 'PPWP' | 'DPR') => (await auditOfRecord(db, tallyKey({ tps: TPS, contest }))).map((r) => r.change);

describe('entry form: the keyboard fast path (issue 12)', () => {
  it('opens on the first empty cell, and a whole PPWP form goes from opening to "Selesai dientri" without the mouse', async () => {
    const setup = testSetup();
    const db = await seed(setup);
    const user = userEvent.setup();
    await renderForm('PPWP');
    const order = paperOrder(findContest(setup, 'PPWP')!);
    await waitFor(() => expect(active()).toBe(order[0]));
    for (const path of order) {
      expect(active()).toBe(path);
      await user.keyboard(`${CLEAN_PPWP[path]}{Enter}`);
    }
    // Enter on the last cell went on to the panel's button; Enter presses it.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Selesai dientri' }));
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await storedRow(db, 'PPWP'))?.status).toBe('entered'));
    // One entry per committed cell (28) and one for "entered": no keystroke-by-keystroke trail.
    await waitFor(async () => expect(await trail(db, 'PPWP')).toHaveLength(order.length + 1));
  });

  it('typing "190" and pressing Enter leaves one history entry for that cell', async () => {
    const db = await seed();
    const user = userEvent.setup();
    await renderForm('PPWP');
    await user.click(cell('V.A Jumlah suara sah'));
    await user.keyboard('190{Enter}');
    await expectStored(db, 'PPWP', 'valid', 190);
    await waitFor(async () => expect(await trail(db, 'PPWP')).toHaveLength(1));
    const [entry] = await trail(db, 'PPWP');
    expect(entry!.before).toMatchObject({ valid: null });
    expect(entry!.after).toMatchObject({ valid: 190 });
  });

  it('Enter on the last cell with cells still empty goes to the first empty one', async () => {
    await seed();
    const user = userEvent.setup();
    await renderForm('PPWP');
    await user.click(cell('V.C Jumlah suara sah dan tidak sah'));
    await user.keyboard('5{Enter}');
    expect(active()).toBe('voters.dpt.male');
  });

  it('"*" in a candidate cell fills the party’s empty candidate cells with 0, keeps typed ones, and moves to its total B', async () => {
    const db = await seed(testSetup({ parties: 2, candidates: 4 }));
    const user = userEvent.setup();
    await renderForm('DPR');
    expect(screen.getAllByTestId('zero-fill-hint')[0]!.textContent).toContain('*');
    await user.click(cell('PKB — calon 2'));
    await user.keyboard('7*');
    expect(active()).toBe('votes.1.total');
    for (const [path, value] of [['votes.1.candidates.1', 0], ['votes.1.candidates.2', 7], ['votes.1.candidates.3', 0], ['votes.1.candidates.4', 0]] as const) {
      await expectStored(db, 'DPR', path, value);
    }
    // A.1 and the next party are not touched.
    expect(cellAt('votes.1.partyOnly').value).toBe('');
    expect(cellAt('votes.2.candidates.1').value).toBe('');
    // Each filled cell is one committed change in the trail.
    await waitFor(async () => expect((await trail(db, 'DPR')).length).toBe(4));
  });

  it('"*" outside a candidate cell changes nothing and says where it works', async () => {
    const db = await seed();
    const user = userEvent.setup();
    await renderForm('PPWP');
    await user.click(cell('V.A Jumlah suara sah'));
    await user.keyboard('*');
    expect(screen.getByText('Tombol * mengisi 0 hanya di sel suara calon.')).toBeTruthy();
    expect(await storedRow(db, 'PPWP')).toBeNull();
  });
});
