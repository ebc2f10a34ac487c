// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesaCode, TpsCode } from '../../../src/domain/codes/codes.ts';
import { recordObjection, type ObjectionRow } from '../../../src/db/index.ts';
import { FinalisationPanel } from '../../../src/ui/finalisation/FinalisationPanel.tsx';
import { ObjectionCard } from '../../../src/ui/objections/ObjectionCard.tsx';
import { enrolAs } from '../../db/enrolAs.ts';
import { seed, testSetup } from '../entry/helpers.tsx';

const setup = testSetup();
const DESA = '3509082001' as DesaCode;

afterEach(() => {
  document.body.innerHTML = '';
});

async function filed(role: 'witness' | 'chair'): Promise<ObjectionRow> {
  const db = await seed(setup);
  if (role === 'witness') await enrolAs(db, 'witness', null, null);
  const r = await recordObjection(
    db,
    { kind: 'objection', scope: { level: 'tps', tps: `${DESA}001` as TpsCode }, contest: 'PPWP', raisedBy: { role: 'witness', of: { kind: 'pair', number: 2 }, name: 'Saksi 02' }, description: 'Dibacakan 102, tertulis 120' },
    'Saksi 02',
  );
  if (!r.ok) throw new Error(r.error.message.en);
  return r.value;
}

describe('screens offer only what the workflow lets this device do', () => {
  it('a witness follows an objection but is not offered the decision', async () => {
    const row = await filed('witness');
    render(<ObjectionCard setup={setup} row={row} number={1} actor="Saksi 02" />);
    await screen.findByTestId('objection');
    // Give the device's role time to load, then check nothing to decide appeared.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByLabelText('Keputusan untuk catatan no. 1')).toBeNull();
  });

  it('the chair is offered the decision', async () => {
    const row = await filed('chair');
    render(<ObjectionCard setup={setup} row={row} number={1} actor="Ketua" />);
    expect(await screen.findByLabelText('Keputusan untuk catatan no. 1')).toBeTruthy();
  });

  it('a clerk sees whether the desa is final, with no button to finalise it', async () => {
    const db = await seed(setup);
    await enrolAs(db, 'clerk', 'panel-2', [DESA]);
    render(<FinalisationPanel desa={DESA} contest="PPWP" />);
    const state = await screen.findByTestId('finalisation-state');
    await waitFor(() => expect(state.dataset.final).toBe('false'));
    expect(state.textContent).toMatch(/Hanya ketua PPK/);
    expect(screen.queryByRole('button', { name: /final/i })).toBeNull();
  });
});
