// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { decideObjection, getHistory, getTally, recordObjection, verifyReadback, type RekapDb } from '../../../src/db/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { EntryForm } from '../../../src/ui/entry/EntryForm.tsx';
import { FinalisationPanel } from '../../../src/ui/finalisation/FinalisationPanel.tsx';
import { BAGON, bagonTps, importBagon, seedPuger } from './seed.ts';

let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  ({ db, setup } = await seedPuger());
});

const key17 = () => tallyKey({ tps: bagonTps(17), contest: 'PPWP' });

describe('FinalisationPanel (desa)', () => {
  it('shows what blocks, finalises once nothing does, and reopens only with a reason kept in the history', async () => {
    const user = userEvent.setup();
    await importBagon(db, setup, { entered: [17] });
    render(<FinalisationPanel desa={BAGON} contest="PPWP" />);
    const panel = await screen.findByTestId('finalisation-panel');
    expect(within(panel).getAllByRole('heading')[0]!.textContent).toBe('Finalisasi BAGON — Presiden');
    expect(within(panel).getByTestId('finalisation-state').textContent).toBe('Belum final');
    const blockers = await within(panel).findByTestId('finalisation-blockers');
    const link = within(blockers).getByRole('link', { name: 'TPS 017: belum terverifikasi (status dientri)' });
    expect(link.getAttribute('href')).toBe(`#/tps/${bagonTps(17)}/PPWP`);
    const finalise = within(panel).getByRole('button', { name: 'Finalkan BAGON' }) as HTMLButtonElement;
    expect(finalise.disabled).toBe(true);

    expect((await verifyReadback(db, key17(), 'Budi')).ok).toBe(true);
    expect(await within(panel).findByText('Semua TPS terverifikasi dan tidak ada kesalahan terbuka: siap difinalkan.')).toBeTruthy();
    await waitFor(() => expect(finalise.disabled).toBe(false));
    await user.click(finalise);
    await waitFor(() => expect(within(panel).getByTestId('finalisation-state').textContent).toMatch(/^Final \(oleh Ketua PPK, .* WIB\)$/));
    expect(panel.dataset.final).toBe('true');
    const stored = await getTally(db, key17());
    expect(stored.ok && stored.value!.status).toBe('final');

    const reopen = within(panel).getByRole('button', { name: 'Buka kembali BAGON' });
    await user.click(reopen);
    expect((await within(panel).findByRole('alert')).textContent).toBe('Alasan membuka kembali wajib diisi.');
    expect(panel.dataset.final).toBe('true');
    await user.type(within(panel).getByLabelText('Alasan membuka kembali'), 'Keberatan saksi: hitung ulang TPS 003');
    await user.click(reopen);
    await waitFor(() => expect(within(panel).getByTestId('finalisation-state').textContent).toContain('Dibuka kembali oleh Ketua PPK'));
    const history = within(panel).getByTestId('finalisation-history');
    expect((within(history).getAllByRole('row').slice(1) as HTMLTableRowElement[]).map((r) => [r.cells[0]!.textContent, r.cells[3]!.textContent])).toEqual([
      ['Dibuka kembali', 'Keberatan saksi: hitung ulang TPS 003'],
      ['Difinalkan', '—'],
    ]);
    expect((await getHistory(db, key17())).at(-1)).toMatchObject({ statusAfter: 'verified', reason: 'Keberatan saksi: hitung ulang TPS 003' });
  });

  it('lists an error until a decided special event covers it', async () => {
    await importBagon(db, setup, { errorAt: 5 });
    render(<FinalisationPanel desa={BAGON} contest="PPWP" />);
    const panel = await screen.findByTestId('finalisation-panel');
    expect(await within(panel).findByRole('link', { name: /^TPS 005: E06, E08 belum dibetulkan/ })).toBeTruthy();
    const event = await recordObjection(
      db,
      { kind: 'special-event', scope: { level: 'tps', tps: bagonTps(5) }, contest: 'PPWP', raisedBy: { role: 'ppk-member', name: null }, description: 'Plano tertulis 176' },
      'Ketua PPK',
    );
    if (!event.ok) throw new Error(event.error.kind);
    await decideObjection(db, event.value.id, { status: 'noted', note: 'Dicatat di berita acara' }, 'Ketua PPK');
    // Covered, the form can now be verified (the error stays on its figures, recorded).
    expect((await verifyReadback(db, tallyKey({ tps: bagonTps(5), contest: 'PPWP' }), 'Budi Santoso')).ok).toBe(true);
    expect(await within(panel).findByRole('link', { name: 'TPS 005: E06, E08' })).toBeTruthy();
    expect(within(panel).queryByTestId('finalisation-blockers')).toBeNull();
    expect((within(panel).getByRole('button', { name: 'Finalkan BAGON' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('FinalisationPanel (kecamatan) and its route', () => {
  it('names every desa not final yet, each linking to its panel', async () => {
    window.location.hash = '#/finalisasi/DPR';
    render(<App />);
    const panel = await screen.findByTestId('finalisation-panel');
    expect(within(panel).getAllByRole('heading')[0]!.textContent).toBe('Finalisasi Kecamatan PUGER — DPR');
    const blockers = await within(panel).findByTestId('finalisation-blockers');
    const links = within(blockers).getAllByRole('link');
    expect(links).toHaveLength(setup.desa.length);
    expect(links[6]!.textContent).toBe('Desa BAGON belum final');
    expect(links[6]!.getAttribute('href')).toBe(`#/finalisasi/DPR/${BAGON}`);
    expect((within(panel).getByRole('button', { name: 'Finalkan Kecamatan PUGER' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('link', { name: 'Finalisasi' }).getAttribute('aria-current')).toBe('page');
  });
});

describe('the entry form of a finalised desa', () => {
  it('says it is final and locked, and its cells cannot be typed into', async () => {
    const user = userEvent.setup();
    await importBagon(db, setup);
    render(<FinalisationPanel desa={BAGON} contest="PPWP" />);
    const panel = await screen.findByTestId('finalisation-panel');
    await waitFor(() => expect((within(panel).getByRole('button', { name: 'Finalkan BAGON' }) as HTMLButtonElement).disabled).toBe(false));
    await user.click(within(panel).getByRole('button', { name: 'Finalkan BAGON' }));
    await waitFor(() => expect(panel.dataset.final).toBe('true'));

    render(<EntryForm tps={bagonTps(3)} contest="PPWP" actor="Siti" />);
    const note = await screen.findByTestId('locked-note');
    expect(note.textContent).toContain('Final dan terkunci');
    const cell = screen.getByLabelText('V.A Jumlah suara sah', { selector: 'input' }) as HTMLInputElement;
    expect(cell.readOnly).toBe(true);
    await user.type(cell, '9');
    expect(cell.value).toBe('175');
    const stored = await getTally(db, tallyKey({ tps: bagonTps(3), contest: 'PPWP' }));
    expect(stored.ok && stored.value!.tally.valid).toBe(175);
  });
});
