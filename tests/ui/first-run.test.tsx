// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSettings, loadSetup, type RekapDb } from '../../src/db/index.ts';
import { App } from '../../src/ui/app/App.tsx';
import { demoJson, freshApp, jsonFile, mockDemoFetch } from './helpers.ts';

let db: RekapDb;
beforeEach(async () => {
  db = await freshApp();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('first run', () => {
  it('starts the Puger demo: name, demo, panel, then the work screen', async () => {
    mockDemoFetch();
    const user = userEvent.setup();
    render(<App />);
    const name = await screen.findByLabelText('Nama operator');
    await user.click(screen.getByRole('button', { name: 'Mulai demo Puger' }));
    // A name is required first: nothing is fetched or stored.
    expect(await screen.findByText('Isi nama operator terlebih dahulu.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();

    await user.type(name, 'Siti Aminah');
    await user.click(screen.getByRole('button', { name: 'Mulai demo Puger' }));
    expect(await screen.findByRole('heading', { name: 'Panel kerja Anda' })).toBeTruthy();
    // Nothing is stored before the panel is confirmed.
    expect((await loadSetup(db)).ok && (await loadSetup(db))).toMatchObject({ value: null });

    const firstPanel = screen.getAllByRole('radio')[0]!;
    await user.click(firstPanel);
    await user.click(screen.getByRole('button', { name: 'Lanjut' }));

    expect(await screen.findByRole('heading', { name: 'Pekerjaan rekapitulasi' })).toBeTruthy();
    expect(screen.getByTestId('header-kecamatan').textContent).toMatch(/^Kec\. puger$/i);
    // The operator name is stored right after the setup: wait for it rather than race it.
    expect((await screen.findByTestId('header-operator')).textContent).toBe('Operator: Siti Aminah');
    const stored = await loadSetup(db);
    expect(stored.ok && stored.value?.kecamatan.code).toBe('350908');
    const settings = await getSettings(db);
    expect(settings.operatorName).toBe('Siti Aminah');
    expect(settings.panel).toBe((firstPanel as HTMLInputElement).value);
    expect(settings.persistenceRequested).toBe(true);
  });

  it('refuses a setup file with errors, listing the problems with their paths, storing nothing', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText('Nama operator'), 'Budi');
    const bad = structuredClone(demoJson()) as { kecamatan: { code: string }; desa: { tps: unknown[] }[] };
    bad.kecamatan.code = '35.09.08';
    bad.desa[2]!.tps[1] = 0;
    await user.upload(screen.getByLabelText('Impor berkas setup'), jsonFile('bad.json', bad));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Berkas setup ditolak \(\d+ masalah\)\. Tidak ada yang disimpan\./);
    expect(alert.textContent).toContain('kecamatan.code');
    expect(alert.textContent).toContain('desa[2].tps[1]');
    const stored = await loadSetup(db);
    expect(stored).toEqual({ ok: true, value: null });
    expect((await getSettings(db)).operatorName).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Panel kerja Anda' })).toBeNull();
  });

  it('refuses a file that is not JSON', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText('Nama operator'), 'Budi');
    await user.upload(screen.getByLabelText('Impor berkas setup'), new File(['{not json'], 'x.json', { type: 'application/json' }));
    expect((await screen.findByRole('alert')).textContent).toContain('bukan JSON');
    await waitFor(async () => expect(await loadSetup(db)).toEqual({ ok: true, value: null }));
  });

  it('imports a valid setup file', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText('Nama operator'), 'Budi');
    await user.upload(screen.getByLabelText('Impor berkas setup'), jsonFile('puger.json', demoJson()));
    await user.click(await screen.findByRole('button', { name: 'Lanjut' }));
    expect(await screen.findByRole('heading', { name: 'Pekerjaan rekapitulasi' })).toBeTruthy();
  });

  it('"Hubungkan ke server" leads to the enrolment form', async () => {
    render(<App />);
    const link = await screen.findByRole('link', { name: 'Hubungkan ke server' });
    expect(link.getAttribute('href')).toBe('#/daftar');
  });
});
