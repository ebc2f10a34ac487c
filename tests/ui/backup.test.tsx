// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tpsCode } from '../../src/domain/codes/codes.ts';
import { exportBackup, getSettings, getTally, loadSetup, saveSetup, setFigure, setSetting, type RekapDb } from '../../src/db/index.ts';
import { App } from '../../src/ui/app/App.tsx';
import { demoSetup, freshApp, jsonFile } from './helpers.ts';

let db: RekapDb;
let downloads: { name: string; blob: Blob }[];
beforeEach(async () => {
  db = await freshApp();
  downloads = [];
  const blobs = new Map<string, Blob>();
  vi.stubGlobal('URL', Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => undefined,
  }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function seed() {
  const setup = demoSetup();
  await saveSetup(db, setup);
  await setSetting(db, 'operatorName', 'Siti');
  const desa = setup.desa[0]!;
  const tps = tpsCode(desa.code, desa.tps[0]!);
  const r = await setFigure(db, { tps, contest: 'PPWP', path: 'voters.dpt.male', value: 120, actor: 'Siti' });
  expect(r.ok).toBe(true);
  return { setup, tps };
}

describe('backup', () => {
  it('reminds about unexported changes and exports everything to one named file', async () => {
    await seed();
    const user = userEvent.setup();
    window.location.hash = '#/cadangan';
    render(<App />);
    expect((await screen.findByTestId('backup-reminder')).textContent).toContain('1 perubahan belum dicadangkan.');
    await user.click(screen.getByRole('button', { name: 'Ekspor cadangan' }));
    expect(await screen.findByText(/Cadangan tersimpan sebagai rekap-backup-puger-\d{8}-\d{6}\.json\./)).toBeTruthy();
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toMatch(/^rekap-backup-puger-\d{8}-\d{6}\.json$/);
    const file = JSON.parse(await downloads[0]!.blob.text()) as { format: string; tallies: unknown[]; audit: unknown[]; signature: string };
    expect(file.format).toBe('rekap.backup/v2');
    expect(file.audit.length).toBeGreaterThan(0);
    expect(file.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(file.tallies).toHaveLength(1);
    await vi.waitFor(() => expect(screen.queryByTestId('backup-reminder')).toBeNull());
    expect((await getSettings(db)).lastExportAt).not.toBeNull();
  });

  it('restores a backup into a fresh profile from the first-run screen', async () => {
    const { tps } = await seed();
    const backup = await exportBackup(db);
    await freshApp();
    const user = userEvent.setup();
    render(<App />);
    await user.upload(await screen.findByLabelText('Berkas cadangan (.json atau .zip dengan foto)'), jsonFile('backup.json', backup));
    // An old unsigned file: shown as unverified first, written only when confirmed.
    expect((await screen.findByTestId('backup-unverified')).textContent).toContain('TIDAK TERVERIFIKASI');
    await user.click(screen.getByRole('button', { name: 'Pulihkan sekarang' }));
    expect(await screen.findByRole('heading', { name: 'Pekerjaan rekapitulasi' })).toBeTruthy();
    expect((await screen.findByTestId('restore-summary')).textContent).toMatch(/Dipulihkan dari cadangan TIDAK TERVERIFIKASI .*: 1 formulir/);
    const { appDb } = await import('../../src/ui/common/db.ts');
    const restored = await getTally(appDb(), `${tps}:PPWP` as never);
    expect(restored.ok && restored.value?.tally.voters.dpt.male).toBe(120);
  });

  it('refuses a broken backup with its problems, storing nothing', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.upload(await screen.findByLabelText('Berkas cadangan (.json atau .zip dengan foto)'), jsonFile('b.json', { format: 'rekap.backup/v1', tallies: 3 }));
    expect((await screen.findByRole('alert')).textContent).toContain('Cadangan tidak dipulihkan');
    expect(await loadSetup(db)).toEqual({ ok: true, value: null });
  });

  it('exports a rekap.tallies/v1 file', async () => {
    await seed();
    const user = userEvent.setup();
    window.location.hash = '#/cadangan';
    render(<App />);
    await user.click(await screen.findByRole('button', { name: 'Ekspor hasil TPS' }));
    expect(await screen.findByText(/Hasil TPS tersimpan sebagai rekap-tallies-puger-/)).toBeTruthy();
    const file = JSON.parse(await downloads[0]!.blob.text()) as { format: string; kecamatan: string };
    expect(file).toMatchObject({ format: 'rekap.tallies/v1', kecamatan: '350908' });
  });
});
