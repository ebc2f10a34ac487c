// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import { desaOfPanel } from '../../../src/domain/setup/lookup.ts';
import { enrolAs } from '../../db/enrolAs.ts';
import { cellAt, renderForm, seed, testSetup } from './helpers.tsx';

// The form rendered (TPS 3509082001001) is in a desa panel 2 takes in the demo schedule.
const setup = testSetup();
const panel1 = desaOfPanel(setup, 'panel-1') as DesaCode[];
const panel2 = desaOfPanel(setup, 'panel-2') as DesaCode[];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the entry form shows the workflow’s rules before anyone types', () => {
  it("opens another panel's form read-only, naming the panel that owns it, with nothing to mark or verify", async () => {
    const db = await seed(setup);
    await enrolAs(db, 'clerk', 'panel-1', panel1);
    await renderForm('PPWP', 'Ani');
    const note = await screen.findByTestId('readonly-note');
    expect(note.dataset.reason).toBe('other-panel');
    expect(note.textContent).toMatch(/dikerjakan oleh Panel 2/);
    // The figures are text, not inputs: nothing to type into.
    await waitFor(() => expect(cellAt('votes.1').tagName).toBe('SPAN'));
    expect(screen.getByTestId('entry-form').querySelector('input.entry-cell')).toBeNull();
    expect(screen.queryByRole('button', { name: /Selesai dientri/ })).toBeNull();
  });

  it('lets the owning panel type', async () => {
    const db = await seed(setup);
    await enrolAs(db, 'clerk', 'panel-2', panel2);
    await renderForm('PPWP', 'Budi');
    await screen.findByRole('button', { name: /Selesai dientri/ });
    expect(screen.queryByTestId('readonly-note')).toBeNull();
    expect(cellAt('votes.1').tagName).toBe('INPUT');
    expect((cellAt('votes.1') as HTMLInputElement).readOnly).toBe(false);
  });

  it("is read-only on a witness's device, pointing at objections instead", async () => {
    const db = await seed(setup);
    await enrolAs(db, 'witness', null, null);
    await renderForm('PPWP', 'Saksi');
    const note = await screen.findByTestId('readonly-note');
    expect(note.dataset.reason).toBe('read-only-role');
    expect(note.textContent).toMatch(/Keberatan/);
    await waitFor(() => expect(cellAt('votes.1').tagName).toBe('SPAN'));
    expect(screen.getByTestId('entry-form').querySelector('input.entry-cell')).toBeNull();
  });
});

