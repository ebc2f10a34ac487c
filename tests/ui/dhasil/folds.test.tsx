// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { finaliseDesa, reopenDesa, verifyReadback, type RekapDb } from '../../../src/db/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { FinalisationPanel } from '../../../src/ui/finalisation/FinalisationPanel.tsx';
import { SignedSummaryPanel } from '../../../src/ui/summary/SignedSummaryPanel.tsx';
import { signSummaryOnDevice } from '../../../src/ui/summary/signOnDevice.ts';
import { BAGON, bagonTps, importBagon, seedPuger } from '../plenary/seed.ts';

/** Loading, checking and hashing can take seconds on a busy CI machine. */
const SLOW = { timeout: 15_000 };

let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  ({ db, setup } = await seedPuger());
});

/** The D.Hasil folds the finalisation and signing panels to one line each, below the table. */
describe('folded panels on the D.Hasil', () => {
  it('finalisation: one line saying what blocks, then ready, then final by whom; opens to the whole panel', async () => {
    const user = userEvent.setup();
    await importBagon(db, setup, { entered: [3, 9] });
    render(<FinalisationPanel desa={BAGON} contest="PPWP" collapsed />);
    const panel = (await screen.findByTestId('finalisation-panel', {}, SLOW)) as HTMLDetailsElement;
    expect(panel.tagName).toBe('DETAILS');
    expect(panel.open).toBe(false);
    const status = within(panel).getByTestId('finalisation-status');
    expect(status.textContent).toBe('Belum final · 2 hal belum siap');
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe('Finalisasi BAGON — Presiden: Belum final · 2 hal belum siap');

    await user.click(panel.querySelector('summary')!);
    expect(panel.open).toBe(true);
    expect(within(panel).getByTestId('finalisation-blockers').textContent).toContain('TPS 003');

    // Both read back: ready, then final.
    for (const n of [3, 9]) expect((await verifyReadback(db, tallyKey({ tps: bagonTps(n), contest: 'PPWP' }), 'Budi')).ok).toBe(true);
    await waitFor(() => expect(status.textContent).toBe('Belum final · siap difinalkan'), SLOW);
    expect((await finaliseDesa(db, BAGON, 'PPWP', 'Ketua PPK')).ok).toBe(true);
    await waitFor(() => expect(status.textContent).toMatch(/^Final \(oleh Ketua PPK, .* WIB\)$/), SLOW);
    expect(panel.dataset.final).toBe('true');
    expect((await reopenDesa(db, BAGON, 'PPWP', 'Ketua PPK', 'hitung ulang TPS 003')).ok).toBe(true);
    await waitFor(() => expect(status.textContent).toBe('Belum final · siap difinalkan'), SLOW);
  });

  it('signing: one line with the contest’s state and the last signed summary, current or not', async () => {
    render(<SignedSummaryPanel setup={setup} contest="PPWP" collapsed />);
    const panel = (await screen.findByTestId('signed-summary', {}, SLOW)) as HTMLDetailsElement;
    expect(panel.tagName).toBe('DETAILS');
    expect(panel.open).toBe(false);
    const status = within(panel).getByTestId('summary-status');
    await waitFor(() => expect(status.textContent).toBe('Presiden belum final · belum pernah ditandatangani'), SLOW);

    const signed = await signSummaryOnDevice(db, { contests: ['PPWP'], signerName: 'Ketua PPK' });
    expect(signed.ok).toBe(true);
    await waitFor(() => expect(status.textContent).toMatch(/^Presiden belum final · terakhir .* WIB, masih sesuai$/), SLOW);
    // A form arriving afterwards makes the signed file out of date.
    await importBagon(db, setup);
    await waitFor(() => expect(status.textContent).toMatch(/^Presiden belum final · terakhir .* WIB, sudah usang$/), SLOW);
  });
});
