// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveSetup, setSetting, type RekapDb } from '../../../src/db/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { demoSetup, freshApp } from '../helpers.ts';

// Two screens whose modules arrive only when the test lets them: slow chunks.
const gates = vi.hoisted(() => {
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  };
  return { settings: gate(), verify: gate() };
});
vi.mock('../../../src/ui/settings/SettingsScreen.tsx', async () => {
  await gates.settings.opened;
  return { SettingsScreen: () => <h1>Pengaturan (dimuat)</h1> };
});
vi.mock('../../../src/ui/verify/VerifyScreen.tsx', async () => {
  await gates.verify.opened;
  return { VerifyScreen: () => <h1>Verify (loaded)</h1> };
});

let db: RekapDb;
beforeEach(async () => {
  db = await freshApp();
  expect((await saveSetup(db, demoSetup())).ok).toBe(true);
  await setSetting(db, 'operatorName', 'Siti');
});

describe('a screen loaded on first use', () => {
  it('says "Memuat…" (role status) under the header until its chunk is in, then shows the screen', async () => {
    window.location.hash = '#/pengaturan';
    render(<App />);
    // The setup is read (the header names the kecamatan) while the screen's chunk is still coming.
    await screen.findByTestId('header-kecamatan');
    const main = screen.getByRole('main');
    expect(within(main).getByRole('status').textContent).toBe('Memuat…');
    expect(within(main).queryByRole('heading')).toBeNull();

    gates.settings.open();
    expect((await within(main).findByRole('heading', { level: 1 })).textContent).toBe('Pengaturan (dimuat)');
    await waitFor(() => expect(within(main).queryByText('Memuat…')).toBeNull());
  });

  it('says "Loading…" in English', async () => {
    await setSetting(db, 'language', 'en');
    window.location.hash = '#/verifikasi';
    render(<App />);
    await screen.findByTestId('header-kecamatan');
    const main = screen.getByRole('main');
    // The stored language is applied once the settings are read.
    await waitFor(() => expect(within(main).getByRole('status').textContent).toBe('Loading…'));
    gates.verify.open();
    expect((await within(main).findByRole('heading', { level: 1 })).textContent).toBe('Verify (loaded)');
  });
});
