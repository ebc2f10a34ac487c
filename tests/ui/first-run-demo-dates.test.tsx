// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadSetup, type RekapDb } from '../../src/db/index.ts';
import { App } from '../../src/ui/app/App.tsx';
import { freshApp, mockDemoFetch } from './helpers.ts';

let db: RekapDb;
beforeEach(async () => {
  db = await freshApp();
  // Only Date is faked: the UI's own timers (and user-event's) run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  // 20.00 UTC on 3 August is 03.00 on 4 August in WIB.
  vi.setSystemTime(new Date('2026-08-03T20:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('Mulai demo Puger', () => {
  it('stores a schedule that starts on the WIB day the demo is made, and opens that day', async () => {
    mockDemoFetch();
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText('Nama operator'), 'Siti Aminah');
    await user.click(screen.getByRole('button', { name: 'Mulai demo Puger' }));
    await user.click(await screen.findByRole('radio', { name: /Panel 1/ }));
    await user.click(screen.getByRole('button', { name: 'Lanjut' }));
    expect(await screen.findByRole('heading', { name: 'Pekerjaan rekapitulasi' })).toBeTruthy();

    const stored = await loadSetup(db);
    expect(stored.ok && stored.value?.schedule.days.map((d) => d.date)).toEqual(['2026-08-04', '2026-08-05', '2026-08-06']);
    // The home screen opens on today's tab, day 1.
    const today = await screen.findByRole('link', { current: true, name: /^Hari 1:/ });
    expect(today.textContent).toContain('4 Agustus 2026');
  });
});
