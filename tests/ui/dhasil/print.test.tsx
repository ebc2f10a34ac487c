// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import type { CandidateContestSetup, PartyContestSetup, Setup } from '../../../src/domain/setup/index.ts';
import { saveSetup, type RekapDb } from '../../../src/db/index.ts';
import { cssString, pageCss } from '../../../src/ui/print/pageStyle.ts';
import { PrintScreen } from '../../../src/ui/print/PrintScreen.tsx';
import { demoSetup, freshApp } from '../helpers.ts';
import { cleanTallies, store, tpsOf } from './fixtures.ts';

const SLOW = { timeout: 15_000 };
/** Rendering ~200 rows × 13 columns in jsdom is slow on a shared machine (not a timing assertion). */
const HEAVY = 60_000;
const PUGERKULON = '3509082004' as DesaCode; // 46 TPS

let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  db = await freshApp();
  setup = demoSetup();
  expect((await saveSetup(db, setup)).ok).toBe(true);
  await store(db, setup, cleanTallies(setup, tpsOf(setup, PUGERKULON).slice(0, 5), ['PPWP', 'DPR']));
});

describe('print', () => {
  it('escapes header texts for CSS and sizes the page A4 or F4 landscape, with page numbers', () => {
    expect(cssString('Desa "X" \\ 1\n2')).toBe('"Desa \\"X\\" \\\\ 1\\A 2"');
    const css = pageCss('F4', { topLeft: 'Kec. PUGER', topRight: 'PPWP', bottomLeft: 'Dicetak', pageWord: 'Halaman', ofWord: 'dari' });
    expect(css).toContain('size: 330mm 215mm;');
    expect(css).toContain('@bottom-right { content: "Halaman " counter(page) " dari " counter(pages);');
  });

  it('prints the kecamatan with wilayah, the @page rule, signature blocks and the slots', async () => {
    const user = userEvent.setup();
    const { container, unmount } = render(<PrintScreen setup={setup} contest="PPWP" now={new Date('2024-02-18T05:00:00Z')} />);
    const doc = await screen.findByTestId('print-doc', {}, SLOW);
    expect(doc.textContent).toContain('MODEL D.HASIL KECAMATAN');
    expect(doc.textContent).toContain('JAWA TIMUR (35)');
    // Under the real CSP the rule is an adopted stylesheet; jsdom has none, so a <style> in <head> stands in.
    const style = document.head.querySelector('style[data-page-style]')!;
    expect(style.textContent).toContain('size: A4 landscape;');
    expect(style.textContent).toContain('@top-left { content: "D.Hasil Kecamatan PUGER, JEMBER, JAWA TIMUR";');
    await user.selectOptions(screen.getByLabelText('Ukuran kertas'), 'F4');
    expect(document.head.querySelector('style[data-page-style]')!.textContent).toContain('size: 330mm 215mm;');
    expect(container.querySelector('style')).toBeNull();

    const signatures = screen.getByTestId('signatures');
    expect(signatures.textContent).toContain('PUGER, Minggu, 18 Februari 2024');
    const rows = within(signatures).getAllByRole('rowheader').map((th) => th.textContent);
    expect(rows).toEqual([
      'Ketua PPK', 'Anggota PPK 1', 'Anggota PPK 2', 'Anggota PPK 3', 'Anggota PPK 4',
      ...(setup.contests.find((c) => c.id === 'PPWP') as CandidateContestSetup).candidates.map((c) => `Pasangan calon 0${c.number} (${c.name})`),
    ]);
    expect(screen.getByTestId('print-objections')).toBeTruthy();
    expect(screen.getByTestId('print-integrity')).toBeTruthy();
    // 12 desa fit one table, with the total; the missing TPS are listed in full, not folded.
    expect(screen.getAllByTestId('dhasil-table')).toHaveLength(1);
    expect(doc.querySelector('details')).toBeNull();
    expect(screen.getByTestId('coverage-missing').textContent).toContain('Belum masuk (359 TPS)');
    // Leaving the print screen takes the rule away: other screens print with the browser's defaults.
    unmount();
    expect(document.head.querySelector('style[data-page-style]')).toBeNull();
  }, HEAVY);

  it('prints a desa lampiran as consecutive tables of 12 TPS, the total closing the last; witnesses per party', async () => {
    render(<PrintScreen setup={setup} contest="DPR" desa={PUGERKULON} />);
    await screen.findByTestId('print-doc', {}, SLOW);
    const tables = screen.getAllByTestId('dhasil-table');
    expect(tables).toHaveLength(4); // 46 TPS
    const heads = (t: HTMLElement) => [...t.querySelectorAll('thead th')].map((th) => (th as HTMLElement).dataset.kind ?? 'item');
    expect(heads(tables[0]!)).toEqual(['item', ...Array(12).fill('tps')]);
    expect(heads(tables[3]!)).toEqual(['item', ...Array(10).fill('tps'), 'total']);
    expect(tables[1]!.querySelector('caption')!.textContent).toContain('kolom 13–24 dari 46 TPS');
    const dpr = setup.contests.find((c) => c.id === 'DPR') as PartyContestSetup;
    const witnesses = within(screen.getByTestId('signatures')).getAllByRole('rowheader').slice(5);
    expect(witnesses).toHaveLength(dpr.parties.length);
    expect(witnesses[0]!.textContent).toBe(`Partai 1: ${dpr.parties[0]!.abbreviation} (${dpr.parties[0]!.name})`);
  }, HEAVY);
});
