import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { tpsCode, type DesaCode, type TpsCode } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import type { ContestId } from '../../../src/domain/tally/contest.ts';
import { getFigure, type FieldPath } from '../../../src/domain/tally/fields.ts';
import { tallyKey, type Figure } from '../../../src/domain/tally/tally.ts';
import type { TallyRow } from '../../../src/db/index.ts';
import { getTally, saveSetup, type RekapDb } from '../../../src/db/index.ts';
import { EntryForm } from '../../../src/ui/entry/EntryForm.tsx';
import { demoSetup, freshApp } from '../helpers.ts';

export const TPS: TpsCode = tpsCode('3509082001' as DesaCode, 1);

/**
 * The Puger demo setup, optionally trimmed: the DPR contest keeps only its first `parties` parties
 * with `candidates` candidates each, so component tests stay quick while the shape stays real.
 */
export function testSetup(opts: { parties?: number; candidates?: number; verification?: 'readback' | 'double-entry' } = {}): Setup {
  const setup = demoSetup();
  const contests = setup.contests.map((c) =>
    'parties' in c && opts.parties !== undefined
      ? { ...c, parties: c.parties.slice(0, opts.parties).map((p) => ({ ...p, candidates: p.candidates.slice(0, opts.candidates ?? p.candidates.length) })) }
      : c,
  );
  return { ...setup, contests, settings: { verification: opts.verification ?? 'readback' } };
}

export async function seed(setup: Setup = testSetup()): Promise<RekapDb> {
  const db = await freshApp();
  const saved = await saveSetup(db, setup);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return db;
}

export async function renderForm(contest: ContestId, actor = 'Siti') {
  const view = render(<EntryForm tps={TPS} contest={contest} actor={actor} />);
  await screen.findByTestId('entry-form');
  return view;
}

export const cell = (label: string): HTMLInputElement => screen.getByLabelText(label, { selector: 'input' });
export const cellAt = (path: FieldPath): HTMLInputElement => {
  const el = document.querySelector<HTMLInputElement>(`[data-path="${path}"]`);
  if (!el) throw new Error(`no cell ${path}`);
  return el;
};

export async function storedRow(db: RekapDb, contest: ContestId): Promise<TallyRow | null> {
  const r = await getTally(db, tallyKey({ tps: TPS, contest }));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

export async function stored(db: RekapDb, contest: ContestId, path: FieldPath): Promise<Figure | undefined> {
  const row = await storedRow(db, contest);
  return row ? getFigure(row.tally, path) : undefined;
}

export async function expectStored(db: RekapDb, contest: ContestId, path: FieldPath, value: Figure): Promise<void> {
  await waitFor(async () => expect(await stored(db, contest, path)).toBe(value));
}

/** Fills many cells quickly (change events, as a paste would) and waits until all are stored. */
export async function fill(db: RekapDb, contest: ContestId, values: Record<string, number>): Promise<void> {
  for (const [path, value] of Object.entries(values)) fireEvent.change(cellAt(path), { target: { value: String(value) } });
  await waitFor(async () => {
    const row = await storedRow(db, contest);
    expect(row).not.toBeNull();
    for (const [path, value] of Object.entries(values)) expect(getFigure(row!.tally, path)).toBe(value);
  }, { timeout: 10_000 });
  await waitFor(() => expect(screen.getByTestId('save-state').dataset.state).toBe('saved'));
}

/** A PPWP tally that passes every check (received = ceil(1.02 × DPT), B.4 = used = V.C, …). */
export const CLEAN_PPWP: Record<string, number> = {
  'voters.dpt.male': 100, 'voters.dpt.female': 100, 'voters.dpt.total': 200,
  'voters.usedDpt.male': 80, 'voters.usedDpt.female': 90, 'voters.usedDpt.total': 170,
  'voters.usedDptb.male': 5, 'voters.usedDptb.female': 5, 'voters.usedDptb.total': 10,
  'voters.usedDpk.male': 2, 'voters.usedDpk.female': 3, 'voters.usedDpk.total': 5,
  'voters.usedTotal.male': 87, 'voters.usedTotal.female': 98, 'voters.usedTotal.total': 185,
  'ballots.received': 204, 'ballots.used': 185, 'ballots.returned': 1, 'ballots.unused': 18,
  'disabled.male': 1, 'disabled.female': 1, 'disabled.total': 2,
  'votes.1': 50, 'votes.2': 100, 'votes.3': 25,
  valid: 175, invalid: 10, total: 185,
};
