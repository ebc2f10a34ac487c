// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { CONTEST_IDS } from '../../../src/domain/tally/contest.ts';
import { saveSetup, setFigure, type RekapDb } from '../../../src/db/index.ts';
import { ProgressScreen } from '../../../src/ui/progress/ProgressScreen.tsx';
import { demoSetup, freshApp } from '../helpers.ts';
import { cleanTallies, store, tpsOf } from '../dhasil/fixtures.ts';

const SLOW = { timeout: 15_000 };
const MLOKOREJO = '3509082001' as DesaCode;
const BAGON = '3509082007' as DesaCode;
const PUGERKULON = '3509082004' as DesaCode;

let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  db = await freshApp();
  setup = demoSetup();
  expect((await saveSetup(db, setup)).ok).toBe(true);
  // BAGON (day 1): every form verified. MLOKOREJO (day 1), PPWP: TPS 1 verified, TPS 2 entered,
  // TPS 3 a draft breaking L + P = J (E01), the rest missing.
  const mlok = tpsOf(setup, MLOKOREJO);
  await store(db, setup, [
    ...cleanTallies(setup, tpsOf(setup, BAGON), CONTEST_IDS),
    ...cleanTallies(setup, [mlok[0]!], ['PPWP'], 'verified', 3),
    ...cleanTallies(setup, [mlok[1]!], ['PPWP'], 'entered', 4),
  ]);
  for (const [path, value] of [['voters.dpt.male', 100], ['voters.dpt.female', 120], ['voters.dpt.total', 230]] as const) {
    const r = await setFigure(db, { tps: mlok[2]!, contest: 'PPWP', path, value, actor: 'Siti' });
    expect(r.ok).toBe(true);
  }
});

const countsOf = (desa: string, contest: string) => {
  const row = screen.getByTestId('progress-matrix').querySelector(`tr[data-desa="${desa}"]`)!;
  return Object.fromEntries([...row.querySelectorAll(`td[data-contest="${contest}"]`)].map((td) => [(td as HTMLElement).dataset.count, td.textContent]));
};

describe('progress', () => {
  it('counts entered, verified, with errors and missing per desa × contest, and for the kecamatan', async () => {
    render(<ProgressScreen setup={setup} now={new Date('2024-02-18T03:00:00Z')} />);
    await screen.findByTestId('progress-matrix', {}, SLOW);
    expect(countsOf(MLOKOREJO, 'PPWP')).toEqual({ entered: '2', verified: '1', withErrors: '1', missing: '28' });
    expect(countsOf(MLOKOREJO, 'DPR')).toEqual({ entered: '0', verified: '0', withErrors: '0', missing: '31' });
    expect(countsOf(BAGON, 'DPRD_KAB')).toEqual({ entered: '17', verified: '17', withErrors: '0', missing: '0' });
    expect(countsOf('kecamatan', 'PPWP')).toEqual({ entered: '19', verified: '18', withErrors: '1', missing: '344' });
    const bagon = screen.getByTestId('progress-matrix').querySelector(`tr[data-desa="${BAGON}"]`)!;
    expect(within(bagon as HTMLElement).getByTestId('progress-text').textContent).toBe('85 dari 85 formulir terverifikasi (100%)');
    expect(bagon.textContent).toContain('selesai');
    const mlok = screen.getByTestId('progress-matrix').querySelector(`tr[data-desa="${MLOKOREJO}"]`)!;
    expect(within(mlok as HTMLElement).getByTestId('progress-text').textContent).toBe(`1 dari ${31 * 5} formulir terverifikasi (0%)`);
    // Day 1 itself: nothing is late yet.
    expect(screen.queryByTestId('late-summary')).toBeNull();
    expect(screen.queryAllByTestId('late-chip')).toHaveLength(0);
  });

  it('marks desa of a past day that are not done as late, by the WIB date', async () => {
    // 00:30 WIB on 19 February (still the 18th in UTC): day 1 is past.
    render(<ProgressScreen setup={setup} now={new Date('2024-02-18T17:30:00Z')} />);
    const summary = await screen.findByTestId('late-summary', {}, SLOW);
    expect(summary.textContent).toBe('3 desa terlambat dari jadwal: PUGERKULON, MLOKOREJO, MOJOMULYO');
    const late = screen.getAllByTestId('late-chip').map((chip) => chip.closest('tr')!.dataset.desa);
    expect(late.sort()).toEqual([MLOKOREJO, '3509082002', PUGERKULON].sort());

    const day1 = screen.getByTestId('schedule').querySelector('[data-date="2024-02-18"]') as HTMLElement;
    expect(day1.dataset.when).toBe('past');
    const panel1 = day1.querySelector('[data-panel="panel-1"]') as HTMLElement;
    expect(panel1.querySelector('h4')!.textContent).toBe('Panel 1: 1 dari 2 desa selesai');
    expect(panel1.querySelector(`li[data-desa="${PUGERKULON}"]`)!.className).toBe('late');
    expect(panel1.querySelector(`li[data-desa="${BAGON}"]`)!.className).toBe('');
    const day2 = screen.getByTestId('schedule').querySelector('[data-date="2024-02-19"]') as HTMLElement;
    expect(day2.dataset.when).toBe('today');
    expect(day2.querySelectorAll('li.late')).toHaveLength(0);
  });

  it('does not call a desa late at 23.30 WIB on its own day', async () => {
    render(<ProgressScreen setup={setup} now={new Date('2024-02-18T16:30:00Z')} />);
    await screen.findByTestId('progress-matrix', {}, SLOW);
    expect(screen.queryByTestId('late-summary')).toBeNull();
    expect((screen.getByTestId('schedule').querySelector('[data-date="2024-02-18"]') as HTMLElement).dataset.when).toBe('today');
  });
});
