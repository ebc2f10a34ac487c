// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import type { PartyContestSetup, Setup } from '../../../src/domain/setup/index.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { saveSetup, setSetting, type RekapDb } from '../../../src/db/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
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
    // Item column, 12 desa, the total.
    expect(headers).toHaveLength(1 + setup.desa.length + 1);
    expect(headers[1]!.textContent).toContain('MLOKOREJO');
    expect(headers[1]!.textContent).toContain('30/31 TPS');
    expect(headers[1]!.textContent).toContain('1 belum verif.');
    expect(headers[2]!.textContent).toContain('4/27 TPS');
    expect(headers.at(-1)!.textContent).toContain('34/364 TPS');

    const mlok = tallies.filter((t) => t.tps.startsWith(MLOKOREJO));
    const valid = sum(tallies, (t) => t.valid);
    expect(valid).toBeGreaterThan(999); // so the thousands dot shows
    expect(cell(table, 'valid', 0)).toBe(fmt(sum(mlok, (t) => t.valid)));
    expect(cell(table, 'valid', setup.desa.length)).toBe(fmt(valid));
    expect(cell(table, 'votes.2', setup.desa.length)).toBe(fmt(sum(tallies, (t) => (t.votes as Record<string, number>)['2']!)));
    // A desa with nothing entered shows "—", never 0.
    expect(cell(table, 'valid', 2)).toBe('—');
    expect(parseId(cell(table, 'voters.dpt.total', setup.desa.length))).toBe(sum(tallies, (t) => t.voters.dpt.total));

    const coverage = screen.getByTestId('coverage');
    expect(coverage.textContent).toContain('Jumlah kecamatan mencakup 34 dari 364 TPS.');
    const unverified = within(coverage).getByTestId('coverage-unverified');
    expect(unverified.textContent).toBe(`Belum diverifikasi (1 TPS): MLOKOREJO: TPS ${tpsOf(setup, MLOKOREJO)[2]!.slice(10)}`);
    // 330 missing TPS: folded away on screen, listed by desa.
    const missing = within(coverage).getByTestId('coverage-missing');
    expect(missing.textContent).toContain('Belum masuk (330 TPS)');
    expect(missing.textContent).toContain(`MLOKOREJO: TPS ${tpsOf(setup, MLOKOREJO)[1]!.slice(10)}; MOJOMULYO: TPS 005`);
    expect(screen.getByTestId('finalisation-slot')).toBeTruthy();
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
    expect(row.querySelectorAll('td')[setup.desa.length]!.textContent).toBe(fmt(expected));
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
    expect(headers).toHaveLength(1 + 10 + 1);
    expect(headers[1]!.textContent).toContain(`TPS ${tps[0]!.slice(10)}`);
    expect(headers[1]!.textContent).toContain('terverifikasi');
    expect(headers[2]!.textContent).toContain('belum masuk');
    expect(headers[3]!.textContent).toContain('dientri');
    expect(headers.at(-1)!.textContent).toContain('Jumlah Desa MLOKOREJO');
    expect(headers.at(-1)!.textContent).toContain('30/31 TPS');
    const first = tallies.find((t) => t.tps === tps[0])!;
    expect(cell(table, 'votes.1', 0)).toBe(fmt((first.votes as Record<string, number>)['1']!));
    expect(cell(table, 'valid', 1)).toBe('—');
    expect(screen.getByTestId('coverage').textContent).toContain('Jumlah desa mencakup 30 dari 31 TPS.');
    expect(screen.getByTestId('coverage-missing').textContent).toBe(`Belum masuk (1 TPS): MLOKOREJO: TPS ${tps[1]!.slice(10)}`);

    const pager = screen.getByRole('group', { name: 'Halaman kolom' });
    expect(within(pager).getByRole('status').textContent).toBe('kolom 1–10 dari 31 TPS');
    expect(within(pager).getByRole('button', { name: '‹ Kolom sebelumnya' })).toHaveProperty('disabled', true);
    await user.click(within(pager).getByRole('button', { name: 'Kolom berikutnya ›' }));
    expect(within(pager).getByRole('status').textContent).toBe('kolom 11–20 dari 31 TPS');
    table = screen.getByTestId('dhasil-table');
    headers = within(table).getAllByRole('columnheader');
    expect(headers[1]!.textContent).toContain(`TPS ${tps[10]!.slice(10)}`);
    expect(headers.at(-1)!.textContent).toContain('Jumlah Desa MLOKOREJO');
    const eleventh = tallies.find((t) => t.tps === tps[10])!;
    expect(cell(table, 'valid', 0)).toBe(fmt(eleventh.valid!));
    expect(cell(table, 'valid', 10)).toBe(fmt(sum(tallies.filter((t) => t.tps.startsWith(MLOKOREJO)), (t) => t.valid)));
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
