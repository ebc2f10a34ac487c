// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import type { PartyContestSetup, Setup } from '../../../src/domain/setup/index.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { saveSetup, setSetting, type RekapDb } from '../../../src/db/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { i18n } from '../../../src/ui/i18n/i18n.ts';
import { demoSetup, freshApp } from '../helpers.ts';
import { cleanTallies, fmt, parseId, store, tpsOf } from './fixtures.ts';

/** Loading and summing a contest can take seconds on a busy CI machine. */
const SLOW = { timeout: 15_000 };
/** Rendering ~200 rows × 13 columns in jsdom is slow on a shared machine (not a timing assertion). */
const HEAVY = 60_000;

let db: RekapDb;
let setup: Setup;
const MLOKOREJO = '3509082001' as DesaCode;
const MOJOMULYO = '3509082002' as DesaCode;

beforeEach(async () => {
  db = await freshApp();
  setup = demoSetup();
  expect((await saveSetup(db, setup)).ok).toBe(true);
  await setSetting(db, 'operatorName', 'Ketua');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** MLOKOREJO: every TPS but the 2nd, the 3rd only "entered"; MOJOMULYO: its first 4 TPS. */
async function seed(contests: Tally['contest'][]): Promise<Tally[]> {
  const mlok = tpsOf(setup, MLOKOREJO);
  const tallies = [
    ...cleanTallies(setup, mlok.filter((_, i) => i !== 1), contests).map((t) => (t.tps === mlok[2] ? { ...t, status: 'entered' as const } : t)),
    ...cleanTallies(setup, tpsOf(setup, MOJOMULYO).slice(0, 4), contests, 'verified', 2),
  ];
  await store(db, setup, tallies);
  return tallies;
}

const cell = (table: HTMLElement, path: string, col: number) => {
  const row = table.querySelector(`tr[data-path="${path}"]`)!;
  return row.querySelectorAll('td')[col]!.textContent;
};
const sum = (ts: readonly Tally[], f: (t: Tally) => number | null) => ts.reduce((s, t) => s + (f(t) ?? 0), 0);

describe('D.Hasil kecamatan', () => {
  it('shows each desa and the kecamatan total, in id-ID digits, with coverage per column', async () => {
    const tallies = await seed(['PPWP']);
    window.location.hash = '#/dhasil/PPWP';
    render(<App />);
    await screen.findByRole('heading', { name: 'D.Hasil Kecamatan PUGER — Pemilu Presiden dan Wakil Presiden' }, SLOW);
    const table = await screen.findByTestId('dhasil-table', {}, SLOW);
    const headers = within(table).getAllByRole('columnheader');
    // Item column, the total right beside it (it stays in view while the desa scroll), 12 desa.
    expect(headers).toHaveLength(1 + 1 + setup.desa.length);
    expect(headers[1]!.textContent).toContain('Jumlah Kecamatan PUGER');
    expect(headers[1]!.textContent).toContain('34/364 TPS');
    expect(headers[2]!.textContent).toContain('MLOKOREJO');
    expect(headers[2]!.textContent).toContain('30/31 TPS');
    expect(headers[2]!.textContent).toContain('1 belum verif.');
    expect(headers[3]!.textContent).toContain('4/27 TPS');

    const mlok = tallies.filter((t) => t.tps.startsWith(MLOKOREJO));
    const valid = sum(tallies, (t) => t.valid);
    expect(valid).toBeGreaterThan(999); // so the thousands dot shows
    expect(cell(table, 'valid', 1)).toBe(fmt(sum(mlok, (t) => t.valid)));
    expect(cell(table, 'valid', 0)).toBe(fmt(valid));
    expect(cell(table, 'votes.2', 0)).toBe(fmt(sum(tallies, (t) => (t.votes as Record<string, number>)['2']!)));
    // A desa with nothing entered shows "—", never 0.
    expect(cell(table, 'valid', 3)).toBe('—');
    expect(parseId(cell(table, 'voters.dpt.total', 0))).toBe(sum(tallies, (t) => t.voters.dpt.total));

    // Coverage is one line above the table; the lists of TPS open from it.
    const coverage = screen.getByTestId('coverage') as HTMLDetailsElement;
    expect(coverage.tagName).toBe('DETAILS');
    expect(coverage.open).toBe(false);
    expect(coverage.querySelector('summary')!.textContent).toBe('Jumlah kecamatan mencakup 34 dari 364 TPS. · Belum masuk: 330 TPS · Belum diverifikasi: 1 TPS · daftar TPS');
    expect(coverage.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const unverified = within(coverage).getByTestId('coverage-unverified');
    expect(unverified.textContent).toBe(`Belum diverifikasi (1 TPS): MLOKOREJO: TPS ${tpsOf(setup, MLOKOREJO)[2]!.slice(10)}`);
    // 330 missing TPS, listed by desa.
    const missing = within(coverage).getByTestId('coverage-missing');
    expect(missing.textContent).toContain('Belum masuk (330 TPS)');
    expect(missing.textContent).toContain(`MLOKOREJO: TPS ${tpsOf(setup, MLOKOREJO)[1]!.slice(10)}; MOJOMULYO: TPS 005`);
    // Finalisation and signing come after the figures, each folded to one line.
    const finalisation = (await screen.findByTestId('finalisation-panel', {}, SLOW)) as HTMLDetailsElement;
    expect(finalisation.open).toBe(false);
    expect(finalisation.querySelector('summary')!.textContent).toBe('Finalisasi Kecamatan PUGER — Presiden: Belum final · 12 hal belum siap');
    expect(table.compareDocumentPosition(finalisation) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const signing = (await screen.findByTestId('signed-summary', {}, SLOW)) as HTMLDetailsElement;
    expect(signing.open).toBe(false);
    await waitFor(() => expect(within(signing).getByTestId('summary-status').textContent).toBe('Presiden belum final · belum pernah ditandatangani'));
  }, HEAVY);

  it('lists every party with its A.1, candidates and total B for DPR, and links desa columns', async () => {
    const tallies = await seed(['DPR']);
    window.location.hash = '#/dhasil/DPR';
    render(<App />);
    const table = await screen.findByTestId('dhasil-table', {}, SLOW);
    const dpr = setup.contests.find((c) => c.id === 'DPR') as PartyContestSetup;
    const pkb = dpr.parties[0]!;
    // (Queried by selector: role queries over ~200 rows are too slow in jsdom.)
    const groupHeads = [...table.querySelectorAll('th[scope="rowgroup"]')].map((th) => th.textContent);
    expect(groupHeads).toContain(`${pkb.number}. ${pkb.abbreviation}`);
    expect(groupHeads.filter((h) => /^\d+\. /.test(h ?? ''))).toHaveLength(dpr.parties.length);
    const row = table.querySelector(`tr[data-path="votes.${pkb.number}.candidates.3"]`)!;
    expect(row.querySelector('th')!.textContent).toBe(`${pkb.abbreviation} — 3. ${pkb.candidates[2]!.name}`);
    expect(table.querySelector(`tr[data-path="votes.${pkb.number}.partyOnly"] th`)!.textContent).toBe(`${pkb.abbreviation} — Suara partai saja (A.1)`);
    const expected = sum(tallies, (t) => (t.votes as Record<string, { candidates: Record<string, number> }>)[String(pkb.number)]!.candidates['3']!);
    expect(row.querySelectorAll('td')[0]!.textContent).toBe(fmt(expected));
    expect(table.querySelectorAll('tr[data-path^="votes."][data-path$=".total"]')).toHaveLength(dpr.parties.length);
    expect(table.querySelector(`th[data-col="${MLOKOREJO}"] a`)!.getAttribute('href')).toBe(`#/dhasil/DPR/${MLOKOREJO}`);
    // The chart has one series per party.
    const chart = screen.getByTestId('votes-chart');
    expect(within(chart).getByRole('img').getAttribute('aria-labelledby')).toBeTruthy();
    expect(within(chart).getAllByRole('listitem')).toHaveLength(dpr.parties.length);
  }, HEAVY);
});

describe('D.Hasil desa (lampiran per TPS)', () => {
  it('shows each TPS in pages of 10 columns with its own figures, the missing one flagged', async () => {
    const user = userEvent.setup();
    const tallies = await seed(['PPWP']);
    const tps = tpsOf(setup, MLOKOREJO);
    window.location.hash = `#/dhasil/PPWP/${MLOKOREJO}`;
    render(<App />);
    await screen.findByRole('heading', { name: 'D.Hasil Desa MLOKOREJO — Pemilu Presiden dan Wakil Presiden' }, SLOW);
    let table = await screen.findByTestId('dhasil-table', {}, SLOW);
    let headers = within(table).getAllByRole('columnheader');
    expect(headers).toHaveLength(1 + 1 + 10);
    expect(headers[1]!.textContent).toContain('Jumlah Desa MLOKOREJO');
    expect(headers[1]!.textContent).toContain('30/31 TPS');
    expect(headers[2]!.textContent).toContain(`TPS ${tps[0]!.slice(10)}`);
    expect(headers[2]!.textContent).toContain('terverifikasi');
    expect(headers[3]!.textContent).toContain('belum masuk');
    expect(headers[4]!.textContent).toContain('dientri');
    const first = tallies.find((t) => t.tps === tps[0])!;
    expect(cell(table, 'votes.1', 1)).toBe(fmt((first.votes as Record<string, number>)['1']!));
    expect(cell(table, 'valid', 2)).toBe('—');
    expect(screen.getByTestId('coverage').querySelector('summary')!.textContent).toBe('Jumlah desa mencakup 30 dari 31 TPS. · Belum masuk: 1 TPS · Belum diverifikasi: 1 TPS · daftar TPS');
    expect(screen.getByTestId('coverage-missing').textContent).toBe(`Belum masuk (1 TPS): MLOKOREJO: TPS ${tps[1]!.slice(10)}`);

    const pager = screen.getByRole('group', { name: 'Halaman kolom' });
    expect(within(pager).getByRole('status').textContent).toBe('kolom 1–10 dari 31 TPS');
    expect(within(pager).getByRole('button', { name: '‹ Kolom sebelumnya' })).toHaveProperty('disabled', true);
    await user.click(within(pager).getByRole('button', { name: 'Kolom berikutnya ›' }));
    expect(within(pager).getByRole('status').textContent).toBe('kolom 11–20 dari 31 TPS');
    table = screen.getByTestId('dhasil-table');
    headers = within(table).getAllByRole('columnheader');
    expect(headers[1]!.textContent).toContain('Jumlah Desa MLOKOREJO');
    expect(headers[2]!.textContent).toContain(`TPS ${tps[10]!.slice(10)}`);
    const eleventh = tallies.find((t) => t.tps === tps[10])!;
    expect(cell(table, 'valid', 1)).toBe(fmt(eleventh.valid!));
    expect(cell(table, 'valid', 0)).toBe(fmt(sum(tallies.filter((t) => t.tps.startsWith(MLOKOREJO)), (t) => t.valid)));

    // The desa's finalisation checklist is folded to a count; no signing on a desa page.
    const finalisation = (await screen.findByTestId('finalisation-panel', {}, SLOW)) as HTMLDetailsElement;
    expect(finalisation.open).toBe(false);
    expect(within(finalisation).getByTestId('finalisation-status').textContent).toBe('Belum final · 2 hal belum siap');
    expect(screen.queryByTestId('signed-summary')).toBeNull();
  }, HEAVY);

  it('switches between the kecamatan and a desa with one labelled select', async () => {
    const user = userEvent.setup();
    await seed(['PPWP']);
    window.location.hash = '#/dhasil/PPWP';
    render(<App />);
    await screen.findByTestId('dhasil-table', {}, SLOW);
    const select = screen.getByLabelText('Desa') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect([...select.options].map((o) => o.textContent)).toEqual(['Seluruh kecamatan', ...setup.desa.map((d) => d.name)]);
    await user.selectOptions(select, MOJOMULYO);
    expect(window.location.hash).toBe(`#/dhasil/PPWP/${MOJOMULYO}`);
    await screen.findByRole('heading', { name: 'D.Hasil Desa MOJOMULYO — Pemilu Presiden dan Wakil Presiden' }, SLOW);
    expect((screen.getByLabelText('Desa') as HTMLSelectElement).value).toBe(MOJOMULYO);
    await user.selectOptions(screen.getByLabelText('Desa'), '');
    expect(window.location.hash).toBe('#/dhasil/PPWP');
    await screen.findByRole('heading', { name: 'D.Hasil Kecamatan PUGER — Pemilu Presiden dan Wakil Presiden' }, SLOW);
  }, HEAVY);

  it('reads in English when the operator chose it', async () => {
    await seed(['PPWP']);
    await setSetting(db, 'language', 'en');
    window.location.hash = `#/dhasil/PPWP/${MLOKOREJO}`;
    render(<App />);
    try {
      expect(((await screen.findByLabelText('Village', {}, SLOW)) as HTMLSelectElement).options[0]!.textContent).toBe('Whole sub-district');
      await waitFor(() =>
        expect(screen.getByTestId('coverage').querySelector('summary')!.textContent).toBe('The village total covers 30 of 31 polling stations (TPS). · Not in: 1 TPS · Not verified: 1 TPS · list of TPS'),
      );
      expect((await screen.findByTestId('finalisation-status', {}, SLOW)).textContent).toBe('Not final · 2 items not ready');
    } finally {
      await i18n.changeLanguage('id');
    }
  }, HEAVY);

  it('downloads the table as CSV: BOM, `;`, plain integers, empty for not entered', async () => {
    const user = userEvent.setup();
    const tallies = await seed(['PPWP']);
    let blob: Blob | null = null;
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => ((blob = b), 'blob:x'), revokeObjectURL: () => {} }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    window.location.hash = `#/dhasil/PPWP/${MLOKOREJO}`;
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Unduh CSV' }, SLOW));
    expect(click).toHaveBeenCalled();
    expect(screen.getByText(/^Tersimpan sebagai dhasil-ppwp-puger-mlokorejo-\d{8}-\d{6}\.csv\.$/)).toBeTruthy();
    const bytes = new Uint8Array(await blob!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const textContent = new TextDecoder().decode(bytes.slice(3));
    const lines = textContent.split('\r\n');
    expect(lines.at(-1)).toBe('');
    const valid = lines.find((l) => l.startsWith('valid;'))!.split(';');
    const tps = tpsOf(setup, MLOKOREJO);
    expect(valid).toHaveLength(2 + tps.length + 1);
    expect(valid[2]).toBe(String(tallies.find((t) => t.tps === tps[0])!.valid));
    expect(valid[3]).toBe('');
    const total = sum(tallies.filter((t) => t.tps.startsWith(MLOKOREJO)), (t) => t.valid);
    expect(valid.at(-1)).toBe(String(total));
    expect(lines[0]!.split(';').at(-1)).toBe(`Jumlah Desa MLOKOREJO (${MLOKOREJO})`);
  });
});
