// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RekapDb } from '../../../src/db/index.ts';
import { cell, expectStored, renderForm, seed, stored } from './helpers.tsx';

/**
 * What a clerk sees who pastes or types a figure no paper holds (issue 14): the cell refuses it in
 * words and keeps what it had; nothing past three digits, and nothing like 1e308, is ever stored.
 */
describe('entry form: a huge figure is refused aloud, never truncated', () => {
  let db: RekapDb;
  beforeEach(async () => {
    db = await seed();
  });

  it('refuses seven digits pasted into an empty cell, says so, and stores nothing', async () => {
    const user = userEvent.setup();
    await renderForm('PPWP');
    const input = cell('Paslon 01');
    await user.click(input);
    await user.paste('1000000');
    expect(input.value).toBe('');
    expect(screen.getByText(/Paling banyak 3 angka \(0–999\)/)).toBeTruthy();
    expect(await stored(db, 'PPWP', 'votes.1')).toBeUndefined();
  });

  it('refuses 1e308, -1 and 1.5 as not digits, keeping the figure typed before', async () => {
    const user = userEvent.setup();
    await renderForm('PPWP');
    const input = cell('Paslon 02');
    await user.type(input, '12');
    for (const junk of ['1e308', '-1', '1.5']) {
      await user.clear(input);
      await user.type(input, '12');
      await user.paste(junk);
      expect(input.value, junk).toBe('12');
      expect(screen.getByText('Hanya angka 0–999.')).toBeTruthy();
    }
    await expectStored(db, 'PPWP', 'votes.2', 12);
  });
});
