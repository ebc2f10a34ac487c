// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tpsCode } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { saveSetup, setFigure, setSetting, type RekapDb } from '../../../src/db/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { demoSetup, freshApp } from '../helpers.ts';

let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  db = await freshApp();
  setup = demoSetup();
  expect((await saveSetup(db, setup)).ok).toBe(true);
  await setSetting(db, 'operatorName', 'Siti');
});

describe('a damaged stored form on the desa screen', () => {
  it('is counted in a banner and shown as empty, beside the readable forms', async () => {
    const desa = setup.desa[0]!;
    const [first, second] = [tpsCode(desa.code, desa.tps[0]!), tpsCode(desa.code, desa.tps[1]!)];
    for (const tps of [first, second]) expect((await setFigure(db, { tps, contest: 'PPWP', path: 'votes.1', value: 3, actor: 'Siti' })).ok).toBe(true);
    const raw = (await db.tallies.get(tallyKey({ tps: first, contest: 'PPWP' })))!;
    await db.tallies.put({ ...raw, tally: { ...raw.tally, valid: 'seratus' } } as never);

    window.location.hash = `#/desa/${desa.code}`;
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toBe('1 data tally rusak dan diabaikan.');
    const rowOf = (tps: string) => screen.getAllByRole('row').find((r) => r.dataset.tps === tps)!;
    expect(within(rowOf(first)).getByRole('link', { name: /Presiden/ }).getAttribute('aria-label')).toMatch(/: kosong$/);
    expect(within(rowOf(second)).getByRole('link', { name: /Presiden/ }).getAttribute('aria-label')).toMatch(/: draf$/);
  });
});
