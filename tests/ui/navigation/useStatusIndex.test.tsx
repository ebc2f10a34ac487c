// @vitest-environment jsdom
import { act, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tpsCode, type DesaCode } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { saveSetup, setFigure, type RekapDb } from '../../../src/db/index.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { useStatusIndex } from '../../../src/ui/navigation/useStatusIndex.ts';
import { demoSetup, freshApp } from '../helpers.ts';

let db: RekapDb;
let setup: Setup;
beforeEach(async () => {
  db = await freshApp();
  setup = demoSetup();
  expect((await saveSetup(db, setup)).ok).toBe(true);
});

/** The counts of one desa and one chip, as the lists get them from the hook. */
function Probe(props: { desa?: readonly DesaCode[]; show: DesaCode; tps: string }) {
  const status = useStatusIndex(setup, props.desa);
  if (!status) return <p>loading</p>;
  const c = status.index.desa(props.show);
  const chip = status.index.get(props.tps as never, 'PPWP');
  return (
    <p data-testid="probe">
      {`drafts ${c.byStatus.draft} done ${c.done} errors ${c.withErrors} chip ${chip.status}/${chip.errors} damaged ${status.corrupt}`}
    </p>
  );
}

const text = () => screen.getByTestId('probe').textContent;

describe('useStatusIndex (the lists’ chips and counts from the stored summaries)', () => {
  it('follows every write live, for the desa asked for', async () => {
    const desa = setup.desa[0]!;
    const tps = tpsCode(desa.code, desa.tps[0]!);
    render(<Probe desa={[desa.code]} show={desa.code} tps={tps} />);
    await waitFor(() => expect(text()).toBe('drafts 0 done 0 errors 0 chip empty/0 damaged 0'));

    // DPT L + P ≠ J (E01): a draft with an error.
    await act(async () => {
      for (const [path, value] of [['voters.dpt.male', 100], ['voters.dpt.female', 120], ['voters.dpt.total', 230]] as const) {
        expect((await setFigure(db, { tps, contest: 'PPWP', path, value, actor: 'Siti' })).ok).toBe(true);
      }
    });
    await waitFor(() => expect(text()).toBe('drafts 1 done 0 errors 1 chip draft/1 damaged 0'));

    await act(async () => {
      expect((await setFigure(db, { tps, contest: 'PPWP', path: 'voters.dpt.total', value: 220, actor: 'Siti' })).ok).toBe(true);
    });
    await waitFor(() => expect(text()).toBe('drafts 1 done 0 errors 0 chip draft/0 damaged 0'));
  });

  it('counts damaged forms apart and shows them as empty', async () => {
    const desa = setup.desa[0]!;
    const tps = tpsCode(desa.code, desa.tps[0]!);
    expect((await setFigure(db, { tps, contest: 'PPWP', path: 'votes.1', value: 3, actor: 'Siti' })).ok).toBe(true);
    const raw = (await db.tallies.get(tallyKey({ tps, contest: 'PPWP' })))!;
    await db.tallies.put({ ...raw, tally: { ...raw.tally, valid: 'seratus' } } as never);
    render(<Probe show={desa.code} tps={tps} />);
    await waitFor(() => expect(text()).toBe('drafts 0 done 0 errors 0 chip empty/0 damaged 1'));
  });

  it('reads the whole kecamatan when no desa are given', async () => {
    const last = setup.desa.at(-1)!;
    const tps = tpsCode(last.code, last.tps[0]!);
    const form = { tps, contest: 'PPWP' as const, actor: 'Siti' };
    expect((await setFigure(db, { ...form, path: 'votes.1', value: 3 })).ok).toBe(true);
    render(<Probe show={last.code} tps={tps} />);
    await waitFor(() => expect(text()).toBe('drafts 1 done 0 errors 0 chip draft/0 damaged 0'));
  });
});
