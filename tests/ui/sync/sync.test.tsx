// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TpsCodeSchema } from '../../../src/domain/codes/codes.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { getTally, loadSetup, parseOps, setFigures, type RekapDb } from '../../../src/db/index.ts';
import { DexieSyncStore, httpTransport, localLock, SyncEngine, type Transport } from '../../../src/sync/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { setSyncEngine } from '../../../src/ui/sync/engine.ts';
import { ConflictsScreen } from '../../../src/ui/sync/ConflictsScreen.tsx';
import { freshApp, demoSetup } from '../helpers.ts';
import { adminCode, startTestServer, type TestServer } from '../../sync/realServer.ts';
import { offlineTransport, routedTransport } from '../../sync/transports.ts';

const TPS = TpsCodeSchema.parse('3509082004001');
const KEY = tallyKey({ tps: TPS, contest: 'PPWP' });
// Panel 1 takes the TPS's desa (3509082004) in the Puger demo's schedule.
const PANEL = 'panel-1';

let db: RekapDb;
let server: TestServer;
let network: { wrap: (t: Transport) => Transport };

/** The app's engine for this test's database, talking to the real server app in-process. */
function installEngine(target: RekapDb): SyncEngine {
  const engine = new SyncEngine({
    store: new DexieSyncStore(target),
    lock: localLock(),
    transportFor: (url, token) => {
      const direct = httpTransport({ serverUrl: url, token, fetch: server.fetch });
      return routedTransport(() => network.wrap(direct));
    },
  });
  setSyncEngine(target, engine);
  return engine;
}

beforeEach(async () => {
  db = await freshApp();
  server = await startTestServer();
  network = { wrap: (t) => t };
});
afterEach(async () => {
  window.location.hash = '';
  await server.close();
});

async function enrolApp(role: 'chair' | 'clerk' = 'chair') {
  const engine = installEngine(db);
  const code = await adminCode(server, role, role === 'clerk' ? PANEL : null);
  const result = await engine.enrol({ serverUrl: 'https://ppk.test', code, deviceName: 'Laptop', actor: 'Ani' });
  if (!result.ok) throw new Error(result.error.en);
  const { setSetting } = await import('../../../src/db/index.ts');
  await setSetting(db, 'operatorName', 'Ani');
  return engine;
}

describe('connecting to a server', () => {
  it('a scanned enrolment link opens the form with the code; connecting brings the setup', async () => {
    installEngine(db);
    const code = await adminCode(server, 'clerk', PANEL);
    window.location.hash = `#/daftar/${code}`;
    const user = userEvent.setup();
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Hubungkan ke server' })).toBeTruthy();
    expect((screen.getByLabelText('Kode pendaftaran') as HTMLInputElement).value).toBe(code);
    await user.click(screen.getByRole('button', { name: 'Hubungkan' }));
    // The operator's name is asked on first run.
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Isi alamat server, kode pendaftaran dan nama operator.');
    await user.type(screen.getByLabelText('Nama operator'), 'Ani');
    const serverField = screen.getByLabelText('Alamat server');
    await user.clear(serverField);
    await user.type(serverField, 'https://ppk.test');
    await user.click(screen.getByRole('button', { name: 'Hubungkan' }));
    expect((await screen.findByTestId('enrolled')).textContent).toMatch(/^Terhubung sebagai Petugas panel di kecamatan 350908\./);
    expect(await screen.findByTestId('header-kecamatan')).toHaveProperty('textContent', 'Kec. PUGER');
    const setup = await loadSetup(db);
    expect(setup.ok && setup.value?.kecamatan.code).toBe('350908');
  });

  it('a refused code says why and stores nothing', async () => {
    installEngine(db);
    window.location.hash = '#/daftar';
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText('Nama operator'), 'Ani');
    await user.clear(screen.getByLabelText('Alamat server'));
    await user.type(screen.getByLabelText('Alamat server'), 'https://ppk.test');
    await user.type(screen.getByLabelText('Kode pendaftaran'), 'SALAH-123');
    await user.click(screen.getByRole('button', { name: 'Hubungkan' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Kode pendaftaran tidak diterima. Periksa ketikannya; bila sudah benar, kode itu mungkin sudah dipakai, sudah kedaluwarsa, atau terkunci karena terlalu sering dicoba dengan salah. Minta kode baru kepada ketua PPK.');
    expect((await loadSetup(db)).ok && (await loadSetup(db))).toMatchObject({ value: null });
  });
});

describe('sync status in the header', () => {
  it('shows what waits to be sent, an unreachable server, then the last sync', async () => {
    const engine = await enrolApp();
    network.wrap = () => offlineTransport;
    await setFigures(db, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.1', value: 5 }], actor: 'Ani' });
    render(<App />);
    expect(await screen.findByTestId('sync-pending')).toHaveProperty('textContent', '1 menunggu dikirim');
    await engine.syncNow();
    expect(await screen.findByText('Server tidak terjangkau')).toBeTruthy();
    expect(screen.getByTestId('sync-error').textContent).toBe('galat sinkron');

    network.wrap = (t) => t;
    await engine.syncNow();
    await waitFor(() => expect(screen.queryByTestId('sync-pending')).toBeNull());
    await waitFor(() => expect(within(screen.getByTestId('sync-status')).getByRole('status').textContent).toMatch(/^Tersinkron .* WIB$/));
    expect(screen.queryByTestId('sync-error')).toBeNull();
  });

  it('links open conflicts to the conflicts screen', async () => {
    const engine = await enrolApp();
    await setFigures(db, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.1', value: 5 }], actor: 'Ani' });
    await seedServerVersion({ 'votes.1': 6 });
    await engine.syncNow();
    render(<App />);
    const link = await screen.findByTestId('sync-conflicts');
    expect(link.textContent).toBe('1 konflik');
    expect(link.getAttribute('href')).toBe('#/konflik');
  });
});

/** Another device's version of the record lands on the server first. */
async function seedServerVersion(values: Record<string, number>) {
  const { DexieSyncStore: Store, SyncEngine: Engine } = await import('../../../src/sync/index.ts');
  const { freshDb } = await import('../../db/fixtures.ts');
  const other = freshDb();
  const engine = new Engine({ store: new Store(other), lock: localLock(), transportFor: (url, token) => httpTransport({ serverUrl: url, token, fetch: server.fetch }) });
  const enrolled = await engine.enrol({ serverUrl: 'https://ppk.test', code: await adminCode(server, 'chair'), deviceName: 'Other', actor: 'Budi' });
  if (!enrolled.ok) throw new Error(enrolled.error.en);
  await setFigures(other, { tps: TPS, contest: 'PPWP', changes: Object.entries(values).map(([path, value]) => ({ path, value })), actor: 'Budi' });
  await engine.syncNow();
}

describe('the conflicts screen', () => {
  it('shows both versions cell by cell with the form’s labels, and saves the person’s choice as a new version', async () => {
    const engine = await enrolApp();
    await setFigures(db, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.1', value: 5 }, { path: 'votes.2', value: 7 }], actor: 'Ani' });
    await seedServerVersion({ 'votes.1': 6, 'votes.2': 7, 'votes.3': 1 });
    const round = await engine.syncNow();
    expect(round.kind === 'synced' && round.push.conflicts).toEqual([KEY]);

    const user = userEvent.setup();
    render(<ConflictsScreen setup={demoSetup()} actor="Ani" />);
    const card = await screen.findByTestId(`conflict-${KEY}`);
    expect(within(card).getByRole('heading').textContent).toMatch(/^.+ TPS 001, Presiden$/);
    const rows = within(card).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Paslon 01', 'Paslon 03']);
    await waitFor(() =>
      expect(rows.map((r) => [...r.querySelectorAll('td.num')].map((c) => c.textContent))).toEqual([
        ['—', '5', '6'],
        ['—', '—', '1'],
      ]),
    );

    // Every differing cell needs a choice.
    await user.click(within(card).getByRole('button', { name: 'Simpan penyelesaian' }));
    expect(await within(card).findByRole('alert')).toHaveProperty('textContent', 'Tuliskan alasan penyelesaian konflik.');
    await user.type(within(card).getByLabelText('Alasan'), 'dicocokkan dengan C.Hasil');
    await user.click(within(card).getByRole('button', { name: 'Simpan penyelesaian' }));
    expect(await within(card).findByRole('alert')).toHaveProperty('textContent', 'Pilih nilai untuk setiap sel yang berbeda (2 belum dipilih).');

    const paslon1 = within(card).getByRole('radiogroup', { name: 'Pilihan untuk Paslon 01' });
    await user.click(within(paslon1).getByLabelText('ketik'));
    await user.type(within(card).getByLabelText('Nilai yang dipakai untuk Paslon 01'), '8');
    await user.click(within(within(card).getByRole('radiogroup', { name: 'Pilihan untuk Paslon 03' })).getByLabelText('server (1)'));
    await user.click(within(card).getByRole('button', { name: 'Simpan penyelesaian' }));

    expect(await screen.findByText('Tidak ada konflik.')).toBeTruthy();
    const row = await getTally(db, KEY);
    expect(row.ok && row.value?.tally.votes).toEqual({ 1: 8, 2: 7, 3: 1 });
    const [op] = parseOps(await db.outbox.toArray());
    expect(op).toMatchObject({ baseVersion: 1, reason: 'dicocokkan dengan C.Hasil', state: 'queued' });
  });
});

describe('the chair issues enrolment codes', () => {
  it('creates a clerk code for a panel, with its link and QR code', async () => {
    await enrolApp('chair');
    window.location.hash = '#/sinkron';
    const user = userEvent.setup();
    render(<App />);
    expect(await screen.findByTestId('sync-server')).toHaveProperty('textContent', 'https://ppk.test');
    await user.selectOptions(screen.getByLabelText('Peran'), 'clerk');
    await user.selectOptions(screen.getByLabelText('Panel'), 'panel-2');
    await user.click(screen.getByRole('button', { name: 'Buat kode' }));
    const issued = await screen.findByTestId('issued-code');
    const code = within(issued).getByTestId('code-text').textContent!;
    // The server's code: 10 characters of Crockford base32 in two groups.
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(within(issued).getByTestId('code-link').getAttribute('href')).toBe(`https://ppk.test/#/daftar/${code}`);
    expect(within(issued).getByRole('img', { name: 'Kode QR pendaftaran untuk Petugas panel' }).innerHTML).toMatch(/^<svg/);
  });
});

describe('the audit trail through the server', () => {
  it('a tally’s history shows another device’s signed change, fetched from the server', async () => {
    const engine = await enrolApp();
    await seedServerVersion({ 'votes.1': 6 });
    await engine.syncNow();
    window.location.hash = `#/tps/${TPS}/PPWP`;
    render(<App />);
    const history = await screen.findByTestId('history');
    // Who: the device and role the server enrolled (issue 14), the name typed on it below.
    const row = await within(history).findByText((_, el) => el?.tagName === 'TD' && el.textContent === 'Other (Ketua PPK)diketik: Budi');
    expect(within(row).getByTestId('history-enrolled').textContent).toBe('Other (Ketua PPK)');
    expect(row.closest('tr')?.textContent).toMatch(/Paslon 01: kosong → 6/);
    expect(row.closest('tr')?.getAttribute('data-sealed')).toBe('true');
  });

  it('the sync screen shows how far the chain reached; a refused chain is shown until a person sends it again', async () => {
    const engine = await enrolApp();
    await setFigures(db, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.1', value: 5 }], actor: 'Ani' });
    await engine.syncNow();
    await engine.store.transaction((tx) => tx.setMeta('auditRefused', { message: { id: 'Entri audit #1 ditolak.', en: 'Audit entry #1 refused.' }, at: new Date().toISOString() }));
    window.location.hash = '#/sinkron';
    const user = userEvent.setup();
    render(<App />);
    expect((await screen.findByTestId('sync-audit-sent')).textContent).toBe('sampai entri #1');
    const card = await screen.findByTestId('sync-audit-refused');
    expect(within(card).getByRole('alert').textContent).toMatch(/^Entri audit #1 ditolak\./);

    await setFigures(db, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.2', value: 6 }], actor: 'Ani' });
    const retry = within(card).getByRole('button', { name: 'Kirim ulang riwayat audit' });
    // The app's own round (started on render) disables the button while it runs.
    await waitFor(() => expect((retry as HTMLButtonElement).disabled).toBe(false));
    await user.click(retry);
    await waitFor(() => expect(screen.queryByTestId('sync-audit-refused')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('sync-audit-sent').textContent).toBe('sampai entri #2'));
  });
});

describe('#/riwayat: the kecamatan’s change history from the server', () => {
  it('lists every device’s signed changes newest first, links each form, and narrows to a desa', async () => {
    const engine = await enrolApp();
    await seedServerVersion({ 'votes.1': 6 });
    await engine.syncNow();
    // Newest first is by when the server received an entry: Ani's arrive a minute after Budi's.
    server.clock.advance(60_000);
    await setFigures(db, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.2', value: 9 }], actor: 'Ani' });
    await engine.syncNow();
    window.location.hash = '#/riwayat';
    const user = userEvent.setup();
    render(<App />);
    expect((await screen.findByRole('link', { name: 'Riwayat' })).getAttribute('aria-current')).toBe('page');
    const table = await screen.findByTestId('audit-log');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelectorAll('td')[4]!.textContent)).toEqual(['Laptop (Ketua PPK)diketik: Ani', 'Other (Ketua PPK)diketik: Budi']);
    expect(rows[0]!.textContent).toContain('Paslon 02: kosong → 9');
    expect(rows[1]!.textContent).toContain('Paslon 01: kosong → 6');
    const link = within(rows[1]!).getByRole('link');
    expect(link.textContent).toMatch(/, TPS 001 · Presiden$/);
    expect(link.getAttribute('href')).toBe(`#/tps/${TPS}/PPWP`);

    const other = demoSetup().desa.find((d) => d.code !== TPS.slice(0, 10))!;
    await user.selectOptions(screen.getByLabelText('Desa'), other.code);
    expect(await screen.findByText('Belum ada perubahan yang tercatat di server.')).toBeTruthy();
  });

  it('offline, says the server cannot be reached', async () => {
    await enrolApp();
    network.wrap = () => offlineTransport;
    window.location.hash = '#/riwayat';
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Server tidak terjangkau/);
  });
});
