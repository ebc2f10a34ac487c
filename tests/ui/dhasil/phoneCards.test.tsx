// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { saveSetup, setSetting, type RekapDb } from '../../../src/db/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { PHONE_QUERY } from '../../../src/ui/common/usePhone.ts';
import { demoSetup, freshApp } from '../helpers.ts';
import { cleanTallies, parseId, store, tpsOf } from './fixtures.ts';

/** Issue 16: under 640 px the D.Hasil pivots to cards, the total first, and says when it last changed. */
const BAGON = '3509082007' as DesaCode;
let db: RekapDb;
let setup: Setup;
let phone = true;

beforeEach(async () => {
  phone = true;
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: query === PHONE_QUERY && phone, addEventListener: () => undefined, removeEventListener: () => undefined }));
  db = await freshApp();
  setup = demoSetup();
  expect((await saveSetup(db, setup)).ok).toBe(true);
  await setSetting(db, 'operatorName', 'Siti');
  await store(db, setup, cleanTallies(setup, tpsOf(setup, BAGON).slice(0, 3), ['PPWP']));
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const cards = () => within(screen.getByTestId('dhasil-cards')).getAllByRole('article');
const figure = (card: HTMLElement, path: string) => parseId(card.querySelector(`[data-path="${path}"] dd`)?.textContent);

describe('the D.Hasil on a phone', () => {
  it('shows the kecamatan total as the first card, then one card per desa with its coverage', async () => {
    window.location.hash = '#/dhasil/PPWP';
    render(<App />);
    await screen.findByTestId('dhasil-cards', {}, { timeout: 5000 });
    expect(screen.queryByTestId('dhasil-table')).toBeNull();
    const [total, ...desa] = cards();
    expect(total!.dataset.kind).toBe('total');
    expect(desa).toHaveLength(setup.desa.length);
    const bagon = desa.find((c) => c.dataset.col === BAGON)!;
    expect(bagon.textContent).toContain(`3/${setup.desa.find((d) => d.code === BAGON)!.tps.length} TPS`);
    // The total is the sum of the desa, pair by pair.
    for (const path of ['votes.1', 'votes.2', 'votes.3', 'valid']) expect(figure(total!, path)).toBe(desa.reduce((n, c) => n + (figure(c, path) ?? 0), 0));
    expect(figure(bagon, 'valid')).toBeGreaterThan(0);
    expect(screen.getByTestId('dhasil-updated').textContent).toMatch(/^Terakhir diperbarui .*WIB$/);
  });

  it('shows a desa as one card per TPS, each with its state, links to its form and to an objection, and every figure on request', async () => {
    window.location.hash = `#/dhasil/PPWP/${BAGON}`;
    render(<App />);
    await screen.findByTestId('dhasil-cards', {}, { timeout: 5000 });
    const [total, first, , , fourth] = cards();
    expect(total!.dataset.kind).toBe('total');
    expect(first!.querySelector('.dhasil-card-note')?.getAttribute('data-state')).toBe('verified');
    expect(fourth!.querySelector('.dhasil-card-note')?.getAttribute('data-state')).toBe('missing');
    expect(within(first!).getByRole('link', { name: 'Buka C.Hasil' }).getAttribute('href')).toBe(`#/tps/${BAGON}001/PPWP`);
    expect(within(first!).getByRole('link', { name: 'Ajukan keberatan' }).getAttribute('href')).toBe(`#/keberatan/${BAGON}001/PPWP`);
    // Section I is folded until asked for.
    expect(first!.querySelector('[data-path="voters.dpt.total"]')).toBeNull();
    await userEvent.setup().click(within(first!).getByText('Semua angka'));
    await waitFor(() => expect(first!.querySelector('[data-path="voters.dpt.total"]')).not.toBeNull());
  });

  it('is a table on a wider screen', async () => {
    phone = false;
    window.location.hash = '#/dhasil/PPWP';
    render(<App />);
    await screen.findByTestId('dhasil-table', {}, { timeout: 5000 });
    expect(screen.queryByTestId('dhasil-cards')).toBeNull();
  });
});
