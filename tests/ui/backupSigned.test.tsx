// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tpsCode } from '../../src/domain/codes/codes.ts';
import { getSettings, getTally, loadSetup, saveSetup, setFigure, setSetting, type RekapDb } from '../../src/db/index.ts';
import { App } from '../../src/ui/app/App.tsx';
import { downloadBackup } from '../../src/ui/backup/actions.ts';
import { demoSetup, freshApp, jsonFile } from './helpers.ts';

let db: RekapDb;
let downloads: Blob[];
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
    downloads.push(blobs.get(this.href)!);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at raw JSON
type Raw = Record<string, any>;

/** A signed backup of one typed figure, exported by the app's own action (device key, sealed chain). */
async function signedBackup(): Promise<{ file: Raw; key: string }> {
  const setup = demoSetup();
  await saveSetup(db, setup);
  await setSetting(db, 'operatorName', 'Siti');
  const desa = setup.desa[0]!;
  const tps = tpsCode(desa.code, desa.tps[0]!);
  expect((await setFigure(db, { tps, contest: 'PPWP', path: 'voters.dpt.male', value: 120, actor: 'Siti' })).ok).toBe(true);
  await downloadBackup(db, setup);
  return { file: JSON.parse(await downloads[0]!.text()) as Raw, key: `${tps}:PPWP` };
}

describe('restoring a signed backup', () => {
  it('shows what will be restored, from which device, with the warning, and writes only when confirmed', async () => {
    const { file, key } = await signedBackup();
    await freshApp();
    const user = userEvent.setup();
    render(<App />);
    await user.upload(await screen.findByLabelText('Berkas cadangan (.json atau .zip dengan foto)'), jsonFile('backup.json', file));
    const preview = await screen.findByTestId('backup-preview');
    expect(preview.textContent).toMatch(/Terverifikasi: tanda tangan perangkat atas berkas sah dan \d+ entri riwayat audit/);
    expect(preview.textContent).toMatch(/Dari perangkat: [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4}/);
    expect(preview.textContent).toContain('Formulir: 1');
    expect(preview.textContent).toContain('draf: 1');
    expect(within(preview).getByTestId('backup-trust-warning').textContent).toMatch(/tidak pernah didaftarkan ke server kecamatan/);
    const { appDb } = await import('../../src/ui/common/db.ts');
    expect(await loadSetup(appDb())).toEqual({ ok: true, value: null });

    const confirm = screen.getByRole('button', { name: 'Pulihkan sekarang' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByLabelText('Saya sudah membaca peringatan ini dan tetap ingin memulihkan'));
    await user.click(confirm);
    expect(await screen.findByRole('heading', { name: 'Pekerjaan rekapitulasi' })).toBeTruthy();
    expect((await screen.findByTestId('restore-summary')).textContent).toMatch(/Dipulihkan dari cadangan terverifikasi perangkat [0-9A-F ]{19} .*: 1 formulir/);
    const restored = await getTally(appDb(), key as never);
    expect(restored.ok && restored.value?.tally.voters.dpt.male).toBe(120);
  });

  it('refuses one changed figure naming the form and the cell, storing nothing', async () => {
    const { file } = await signedBackup();
    file.tallies[0].tally.voters.dpt.male = 121;
    await freshApp();
    const user = userEvent.setup();
    render(<App />);
    await user.upload(await screen.findByLabelText('Berkas cadangan (.json atau .zip dengan foto)'), jsonFile('backup.json', file));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Cadangan tidak dipulihkan: Cadangan ditolak, tidak ada data yang disimpan: formulir .+ TPS 001, Presiden, isian voters\.dpt\.male: di berkas 121, padahal riwayat audit bertanda tangan perangkat itu berakhir di 120/);
    expect(screen.queryByRole('button', { name: 'Pulihkan sekarang' })).toBeNull();
    const { appDb } = await import('../../src/ui/common/db.ts');
    expect(await loadSetup(appDb())).toEqual({ ok: true, value: null });
  });

  it('answers a truncated file in Indonesian, never the raw JSON error', async () => {
    const { file } = await signedBackup();
    await freshApp();
    const user = userEvent.setup();
    render(<App />);
    const text = JSON.stringify(file, null, 2);
    await user.upload(await screen.findByLabelText('Berkas cadangan (.json atau .zip dengan foto)'), new File([text.slice(0, Math.floor(text.length / 2))], 'rekap-backup.json', { type: 'application/json' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Cadangan tidak dipulihkan: Berkas rekap-backup\.json terpotong: isinya berhenti sebelum lengkap/);
    expect(alert.textContent).not.toMatch(/Unexpected|JSON input/);
  });

  it('keeps the operator typed on this laptop when replacing its data with a backup', async () => {
    const { file } = await signedBackup();
    const target = await freshApp();
    await saveSetup(target, demoSetup());
    await setSetting(target, 'operatorName', 'Budi');
    const user = userEvent.setup();
    window.location.hash = '#/cadangan';
    render(<App />);
    await user.click(await screen.findByLabelText('Ganti semua data di perangkat ini dengan isi cadangan'));
    await user.upload(screen.getByLabelText('Berkas cadangan (.json atau .zip dengan foto)'), jsonFile('backup.json', file));
    expect((await screen.findByTestId('backup-preview')).textContent).toContain('Nama operator di perangkat ini tetap Budi (di berkas: Siti).');
    await user.click(screen.getByLabelText('Saya sudah membaca peringatan ini dan tetap ingin memulihkan'));
    await user.click(screen.getByRole('button', { name: 'Pulihkan sekarang' }));
    expect((await screen.findByTestId('restore-summary')).textContent).toContain('1 formulir');
    expect((await getSettings(target)).operatorName).toBe('Budi');
  });
});
