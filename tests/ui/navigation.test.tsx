// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { tpsCode, type DesaCode } from '../../src/domain/codes/codes.ts';
import { findContest, type Setup } from '../../src/domain/setup/index.ts';
import { paperOrder, type FieldPath } from '../../src/domain/tally/fields.ts';
import { saveSetup, setFigure, setSetting, type RekapDb } from '../../src/db/index.ts';
import { App } from '../../src/ui/app/App.tsx';
import { demoSetup, freshApp } from './helpers.ts';

let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  db = await freshApp();
  setup = demoSetup();
  expect((await saveSetup(db, setup)).ok).toBe(true);
  await setSetting(db, 'operatorName', 'Siti');
  await setSetting(db, 'panel', 'panel-1');
});

async function type(tps: string, contest: 'PPWP' | 'DPR', path: FieldPath, value: number) {
  const r = await setFigure(db, { tps: tps as never, contest, path, value, actor: 'Siti' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
}

describe('work navigation', () => {
  it('lists the day’s desa of my panel in schedule order, then all panels and all desa', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/hari/2024-02-18';
    render(<App />);
    await screen.findByRole('heading', { name: 'Desa' });
    const day1 = setup.schedule.days[0]!;
    const mine = day1.assignments.find((a) => a.panel === 'panel-1')!.desa;
    // Each choice reads the forms of its desa first (a moment of "Memuat…" under the tabs).
    const items = () => screen.queryAllByRole('listitem').filter((li) => li.dataset.desa);
    await waitFor(() => expect(items().map((li) => li.dataset.desa)).toEqual(mine));

    await user.click(screen.getByRole('link', { name: 'Semua panel' }));
    await waitFor(() => expect(items()).toHaveLength(day1.assignments.flatMap((a) => a.desa).length));
    await user.click(screen.getByRole('link', { name: 'Semua desa' }));
    await waitFor(() => expect(items()).toHaveLength(setup.desa.length));
  });

  it('shows a chip per TPS × contest and counts per desa, with errors flagged', async () => {
    const desa = setup.desa[0]!;
    const first = tpsCode(desa.code, desa.tps[0]!);
    const second = tpsCode(desa.code, desa.tps[1]!);
    // First TPS, PPWP: a draft whose DPT row breaks L + P = J (E01).
    await type(first, 'PPWP', 'voters.dpt.male', 100);
    await type(first, 'PPWP', 'voters.dpt.female', 120);
    await type(first, 'PPWP', 'voters.dpt.total', 230);
    // Second TPS, DPR: a clean draft.
    await type(second, 'DPR', 'voters.dpt.male', 10);
    expect(paperOrder(findContest(setup, 'DPR')!).length).toBeGreaterThan(100);

    window.location.hash = `#/desa/${desa.code}`;
    render(<App />);
    await screen.findByRole('heading', { name: desa.name });
    const counts = screen.getByTestId('desa-counts');
    expect(counts.textContent).toContain(`${desa.tps.length} TPS`);
    expect(counts.textContent).toContain(`0 dari ${desa.tps.length * setup.contests.length} formulir dientri`);
    expect(counts.textContent).toContain('1 ada galat');

    const link1 = screen.getByRole('link', { name: /^TPS 001, Presiden: / });
    expect(link1.getAttribute('aria-label')).toBe('TPS 001, Presiden: draf, ada galat');
    expect(link1.getAttribute('href')).toBe(`#/tps/${first}/PPWP`);
    expect(screen.getByRole('link', { name: `TPS ${String(desa.tps[1]).padStart(3, '0')}, DPR: draf` })).toBeTruthy();
    const row = screen.getAllByRole('row').find((r) => r.dataset.tps === second)!;
    expect(within(row).getAllByText('kosong')).toHaveLength(setup.contests.length - 1);
    expect(screen.getAllByRole('row')).toHaveLength(desa.tps.length + 1);
  });

  it('counts per desa on the list screen', async () => {
    const desa = setup.desa.find((d) => d.code === ('3509082004' as DesaCode))!;
    const tps = tpsCode(desa.code, desa.tps[0]!);
    await type(tps, 'PPWP', 'voters.dpt.male', 1);
    window.location.hash = '#/hari/2024-02-18/panel-1';
    render(<App />);
    await screen.findByRole('heading', { name: 'Desa' });
    const item = (await screen.findAllByRole('listitem')).find((li) => li.dataset.desa === desa.code)!;
    expect(within(item).getByText(desa.name)).toBeTruthy();
    expect(within(item).getByTestId('desa-counts').textContent).toContain(`0 dari ${desa.tps.length * 5} formulir dientri`);
  });

  it('opens the entry screen for a TPS × contest', async () => {
    const desa = setup.desa[0]!;
    const tps = tpsCode(desa.code, desa.tps[0]!);
    window.location.hash = `#/tps/${tps}/DPR`;
    render(<App />);
    const crumbs = await screen.findByRole('navigation', { name: 'Lokasi' });
    expect(within(crumbs).getByRole('link', { name: desa.name }).getAttribute('href')).toBe(`#/desa/${desa.code}`);
  });
});
