import { render, screen } from '@testing-library/react';
import { tpsCode, type DesaCode, type TpsCode } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { getFigure, type FieldPath } from '../../../src/domain/tally/fields.ts';
import { tallyKey, type Figure } from '../../../src/domain/tally/tally.ts';
import { auditOfRecord, getTally, markEntered, setFigures, type RekapDb } from '../../../src/db/index.ts';
import { GridScreen } from '../../../src/ui/grid/GridScreen.tsx';
import type { GridContestId } from '../../../src/ui/grid/gridContests.ts';
import { CLEAN_PPWP, seed, testSetup } from '../entry/helpers.tsx';

/** MLOKOREJO, the first desa of the Puger demo; the grid tests keep its first three TPS. */
export const DESA = '3509082001' as DesaCode;
export const TPS1: TpsCode = tpsCode(DESA, 1);
export const TPS2: TpsCode = tpsCode(DESA, 2);
export const TPS3: TpsCode = tpsCode(DESA, 3);

/** The demo setup with the desa cut to three TPS: the shape stays real, the grid small. */
export function gridSetup(): Setup {
  const setup = testSetup();
  return { ...setup, desa: setup.desa.map((d) => (d.code === DESA ? { ...d, tps: [1, 2, 3] } : d)) };
}

export async function seedGrid(): Promise<RekapDb> {
  return seed(gridSetup());
}

export async function renderGrid(contest: GridContestId = 'PPWP', actor = 'Siti') {
  const view = render(<GridScreen setup={gridSetup()} desa={DESA} contest={contest} actor={actor} />);
  await screen.findByTestId('desa-grid');
  return view;
}

/** The input of one TPS × figure. */
export function gridCell(tps: TpsCode, path: FieldPath): HTMLInputElement {
  const el = document.querySelector<HTMLInputElement>(`tr[data-tps="${tps}"] input[data-path="${path}"]`);
  if (!el) throw new Error(`no grid cell ${tps} ${path}`);
  return el;
}

export function rowChecks(tps: TpsCode): HTMLElement {
  const el = document.querySelector<HTMLElement>(`tr[data-tps="${tps}"] [data-testid="row-checks"]`);
  if (!el) throw new Error(`no checks for ${tps}`);
  return el;
}

/** Where focus is: the TPS and figure of the focused grid cell. */
export function focused(): string | undefined {
  const el = document.activeElement as HTMLElement | null;
  const tps = el?.closest('tr')?.dataset.tps;
  return el?.dataset.path && tps ? `${tps} ${el.dataset.path}` : undefined;
}

export async function storedFigure(db: RekapDb, tps: TpsCode, path: FieldPath): Promise<Figure | undefined> {
  const r = await getTally(db, tallyKey({ tps, contest: 'PPWP' }));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value ? getFigure(r.value.tally, path) : undefined;
}

export async function trail(db: RekapDb, tps: TpsCode) {
  return (await auditOfRecord(db, tallyKey({ tps, contest: 'PPWP' }))).map((r) => r.change);
}

/** A clean PPWP form stored and marked entered (as the single form would leave it). */
export async function enteredForm(db: RekapDb, tps: TpsCode): Promise<void> {
  const changes = Object.entries(CLEAN_PPWP).map(([path, value]) => ({ path, value }));
  const set = await setFigures(db, { tps, contest: 'PPWP', changes, actor: 'Siti' });
  if (!set.ok) throw new Error(JSON.stringify(set.error));
  const marked = await markEntered(db, tallyKey({ tps, contest: 'PPWP' }), 'Siti', []);
  if (!marked.ok) throw new Error(JSON.stringify(marked.error));
}
