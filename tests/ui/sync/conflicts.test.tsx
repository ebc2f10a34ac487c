// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TpsCodeSchema } from '../../../src/domain/codes/codes.ts';
import { findDesa } from '../../../src/domain/setup/lookup.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { attachPhoto, baseRowKey, getTally, markEntered, setFigures, setSetting, type RekapDb } from '../../../src/db/index.ts';
import { DexieSyncStore, httpTransport, localLock, SyncEngine } from '../../../src/sync/index.ts';
import { ConflictsScreen } from '../../../src/ui/sync/ConflictsScreen.tsx';
import { setSyncEngine } from '../../../src/ui/sync/engine.ts';
import { CLEAN_PPWP, freshDb } from '../../db/fixtures.ts';
import { adminCode, startTestServer, type TestServer } from '../../sync/realServer.ts';
import { demoSetup, freshApp } from '../helpers.ts';

const TPS = TpsCodeSchema.parse('3509082004001');
const KEY = tallyKey({ tps: TPS, contest: 'PPWP' });
const DESA = findDesa(demoSetup(), '3509082004' as never)!.name;

let db: RekapDb;
let server: TestServer;

const engineFor = (target: RekapDb) =>
  new SyncEngine({ store: new DexieSyncStore(target), lock: localLock(), transportFor: (url, token) => httpTransport({ serverUrl: url, token, fetch: server.fetch }) });

async function enrol(target: RekapDb, actor: string, deviceName: string): Promise<SyncEngine> {
  const engine = engineFor(target);
  const result = await engine.enrol({ serverUrl: 'https://ppk.test', code: await adminCode(server, 'chair'), deviceName, actor });
  if (!result.ok) throw new Error(result.error.en);
  return engine;
}

beforeEach(async () => {
  db = await freshApp();
  server = await startTestServer();
});
afterEach(async () => {
  await server.close();
});

/**
 * Ani (this app) and Budi (another laptop) start from the same version of PUGERKULON TPS 001
 * (paslon 01 = 30). Budi changes it to 33 and Ani meanwhile to 32 — as corrections with reasons
 * once the form is entered, or as plain typing in a draft.
 */
async function concurrentEdit(opts: { entered: boolean }): Promise<SyncEngine> {
  const ani = await enrol(db, 'Ani', 'Laptop Ani');
  setSyncEngine(db, ani);
  await setSetting(db, 'operatorName', 'Ani');
  const typed = await setFigures(db, { tps: TPS, contest: 'PPWP', changes: Object.entries(CLEAN_PPWP).map(([path, value]) => ({ path, value })), actor: 'Ani' });
  expect(typed.ok).toBe(true);
  if (opts.entered) expect((await markEntered(db, KEY, 'Ani', [])).ok).toBe(true);
  await ani.syncNow();

  const other = freshDb();
  const budi = await enrol(other, 'Budi', 'Laptop Budi');
  await budi.syncNow();
  const reason = opts.entered ? 'C.Hasil dibaca ulang: paslon 01 = 33' : null;
  expect((await setFigures(other, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.1', value: 33 }], actor: 'Budi', reason })).ok).toBe(true);
  await budi.syncNow();

  expect((await setFigures(db, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.1', value: 32 }], actor: 'Ani', reason: opts.entered ? 'salah ketik' : null })).ok).toBe(true);
  const round = await ani.syncNow();
  expect(round.kind === 'synced' && round.push.conflicts).toEqual([KEY]);
  return ani;
}

const columns = (row: HTMLElement) => Object.fromEntries([...row.querySelectorAll('td[data-column]')].map((c) => [c.getAttribute('data-column'), c.textContent]));

describe('the conflict card', () => {
  it('names the form in words, shows the start both sides had, the other person and their reason', async () => {
    await concurrentEdit({ entered: true });
    render(<ConflictsScreen setup={demoSetup()} actor="Ani" />);
    const card = await screen.findByTestId(`conflict-${KEY}`);

    expect(within(card).getByRole('heading').textContent).toBe(`${DESA} TPS 001, Presiden`);
    expect(card.textContent).not.toMatch(/\d{13}:[A-Z_]+/);

    const header = within(card).getAllByRole('columnheader').map((h) => h.textContent);
    expect(header).toEqual(['Sel', 'Awal', 'Milik Anda', 'Server (Budi)', 'Nilai yang dipakai']);
    const [row] = within(card).getAllByRole('row').slice(1);
    expect(within(row!).getByRole('rowheader').textContent).toBe('Paslon 01');
    await waitFor(() => expect(columns(row!)).toEqual({ base: '30', local: '32', server: '33' }));

    const reason = await within(card).findByText(/^Alasan Budi \(/);
    expect(reason.textContent).toMatch(/: “C\.Hasil dibaca ulang: paslon 01 = 33”$/);
  });

  it('shows the C.Hasil photo beside the differing cells', async () => {
    await concurrentEdit({ entered: false });
    // Node's Blob: fake-indexeddb clones with Node's structured clone.
    const photo = await attachPhoto(db, { key: KEY, blob: new NodeBlob(['page 1'], { type: 'image/jpeg' }) as unknown as Blob, width: 10, height: 10, actor: 'Ani' });
    expect(photo.ok).toBe(true);
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:page-1', revokeObjectURL: () => undefined }));
    try {
      render(<ConflictsScreen setup={demoSetup()} actor="Ani" />);
      const card = await screen.findByTestId(`conflict-${KEY}`);
      const viewer = await within(card).findByTestId('photo-viewer');
      expect(within(viewer).getByRole('img', { name: 'Foto C.Hasil halaman 1' }).getAttribute('src')).toBe('blob:page-1');
      expect(within(viewer).getByTestId('photo-viewer-page').textContent).toBe('Halaman 1 dari 1');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says when the other person gave no reason', async () => {
    await concurrentEdit({ entered: false });
    render(<ConflictsScreen setup={demoSetup()} actor="Ani" />);
    const card = await screen.findByTestId(`conflict-${KEY}`);
    await waitFor(() => expect(within(card).getByTestId('conflict-other-reason').getAttribute('data-state')).toBe('none'));
    expect(within(card).getByTestId('conflict-other-reason').textContent).toBe('Budi tidak menulis alasan (pengisian biasa, bukan pembetulan).');
  });

  it('keeps the value typed into the labelled field, after a pick filled it', async () => {
    await concurrentEdit({ entered: false });
    const user = userEvent.setup();
    render(<ConflictsScreen setup={demoSetup()} actor="Ani" />);
    const card = await screen.findByTestId(`conflict-${KEY}`);
    const field = within(card).getByLabelText('Nilai yang dipakai untuk Paslon 01') as HTMLInputElement;
    expect(field.value).toBe('');

    await user.click(within(within(card).getByRole('radiogroup', { name: 'Pilihan untuk Paslon 01' })).getByLabelText('server (33)'));
    expect(field.value).toBe('33');
    await user.clear(field);
    await user.type(field, '7');
    expect((within(card).getByLabelText('ketik') as HTMLInputElement).checked).toBe(true);

    await user.type(within(card).getByLabelText('Alasan'), 'dicocokkan dengan C.Hasil');
    await user.click(within(card).getByRole('button', { name: 'Simpan penyelesaian' }));
    expect(await screen.findByText('Tidak ada konflik.')).toBeTruthy();
    const stored = await getTally(db, KEY);
    expect(stored.ok && stored.value?.tally.votes).toEqual({ 1: 7, 2: 50, 3: 35 });
  });

  it('says the start is not known where this device kept no copy of it', async () => {
    await concurrentEdit({ entered: false });
    await db.sync.delete(baseRowKey(KEY));
    render(<ConflictsScreen setup={demoSetup()} actor="Ani" />);
    const card = await screen.findByTestId(`conflict-${KEY}`);
    const [row] = within(card).getAllByRole('row').slice(1);
    await waitFor(() => expect(columns(row!).base).toBe('tidak diketahui'));
    await waitFor(() => expect(card.textContent).toContain('Nilai awal tidak diketahui'));
  });
});
