// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listObjections, recordObjection, setFigure, type RekapDb } from '../../../src/db/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { ObjectionsAttachment } from '../../../src/ui/objections/ObjectionsAttachment.tsx';
import { DexieSyncStore, httpTransport, localLock, SyncEngine } from '../../../src/sync/index.ts';
import { adminCode, startTestServer, type TestServer } from '../../sync/realServer.ts';
import { BAGON, bagonTps, importBagon, seedPuger } from './seed.ts';

let db: RekapDb;
let setup: Setup;
/** The real server app in-process, for the tests that enrol the device. */
let server: TestServer | null = null;
beforeEach(async () => {
  ({ db, setup } = await seedPuger());
});
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Every form control of `root` has an accessible name from a label. */
function expectAllLabelled(root: HTMLElement) {
  const controls = [...root.querySelectorAll('input, select, textarea')] as (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[];
  expect(controls.length).toBeGreaterThan(5);
  for (const c of controls) expect(c.labels?.length ?? 0, `${c.tagName} ${c.id}`).toBeGreaterThan(0);
}

describe('#/keberatan', () => {
  it('on an enrolled witness device, says objections recorded here reach the chair, who decides them; the chair’s device does not', async () => {
    const real = await startTestServer();
    server = real;
    const enrolAs = async (role: 'witness' | 'chair') => {
      const engine = new SyncEngine({ store: new DexieSyncStore(db), lock: localLock(), transportFor: (url, token) => httpTransport({ serverUrl: url, token, fetch: real.fetch }) });
      const r = await engine.enrol({ serverUrl: 'https://ppk.test', code: await adminCode(real, role), deviceName: 'Laptop', actor: 'Joko' });
      if (!r.ok) throw new Error(r.error.en);
    };
    await enrolAs('witness');
    window.location.hash = '#/keberatan';
    const view = render(<App />);
    expect((await screen.findByTestId('objections-synced')).textContent).toMatch(/^Catatan yang dibuat di perangkat ini dikirim ke server .*Ketua PPK yang memutuskannya/);
    view.unmount();

    ({ db, setup } = await seedPuger());
    await enrolAs('chair');
    window.location.hash = '#/keberatan';
    render(<App />);
    await screen.findByRole('heading', { name: 'Keberatan dan kejadian khusus' });
    expect(screen.queryByTestId('objections-synced')).toBeNull();
  });

  it('records an objection for the TPS the link came from, then the plenary’s decision', async () => {
    const user = userEvent.setup();
    window.location.hash = `#/keberatan/${bagonTps(5)}/PPWP`;
    render(<App />);
    await screen.findByRole('heading', { name: 'Keberatan dan kejadian khusus' });
    const form = screen.getByRole('form', { name: 'Catat keberatan atau kejadian khusus' });
    expectAllLabelled(form);
    expect((within(form).getByLabelText('Cakupan') as HTMLSelectElement).value).toBe('tps');
    expect((within(form).getByLabelText('Desa') as HTMLSelectElement).value).toBe(BAGON);
    expect((within(form).getByLabelText('TPS') as HTMLSelectElement).value).toBe('5');
    expect((within(form).getByLabelText('Jenis pemilihan') as HTMLSelectElement).value).toBe('PPWP');

    // Nothing chosen, nothing described: refused, nothing stored.
    await user.click(within(form).getByRole('button', { name: 'Simpan catatan' }));
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('Uraian wajib diisi.');
    expect(alert.textContent).toContain('Pilih pasangan/partai/calon yang diwakili saksi');
    expect((await listObjections(db)).rows).toHaveLength(0);

    // Only the PPWP pairs are offered for a PPWP objection.
    const witness = within(form).getByLabelText('Saksi dari (nomor urut)') as HTMLSelectElement;
    expect([...witness.querySelectorAll('optgroup')].map((g) => g.label)).toEqual(['Pasangan calon (PPWP)']);
    await user.selectOptions(witness, 'pair:2');
    await user.type(within(form).getByLabelText('Nama (boleh kosong)'), 'Joko');
    await user.type(within(form).getByLabelText('Uraian'), 'Paslon 2: 98 atau 89?');
    await user.click(within(form).getByRole('button', { name: 'Simpan catatan' }));
    expect(await within(form).findByText('Catatan tersimpan.')).toBeTruthy();

    const card = await screen.findByTestId('objection');
    expect(within(card).getByRole('heading').textContent).toBe('No. 1 · Keberatan · BAGON, TPS 005 · Presiden');
    expect(card.textContent).toContain('Saksi paslon 2 (Prabowo Subianto – Gibran Rakabuming Raka) — Joko');
    expect(within(card).getByTestId('objection-decision').textContent).toBe('Belum diputuskan');
    expect(within(card).getByRole('link', { name: 'Buka formulir C.Hasil TPS ini' }).getAttribute('href')).toBe(`#/tps/${bagonTps(5)}/PPWP`);

    await user.selectOptions(await within(card).findByLabelText('Keputusan untuk catatan no. 1'), 'rejected');
    await user.click(within(card).getByRole('button', { name: 'Simpan keputusan no. 1' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('Catatan keputusan wajib diisi.');
    await user.type(within(card).getByLabelText('Catatan keputusan no. 1'), 'Plano: 89, sesuai.');
    await user.click(within(card).getByRole('button', { name: 'Simpan keputusan no. 1' }));
    await waitFor(() => expect(within(card).getByTestId('objection-decision').textContent).toMatch(/^Ditolak — Plano: 89, sesuai\. \(Ketua PPK, /));
    expect(card.dataset.decision).toBe('rejected');
  });

  it('links the corrections the objection caused, chosen among the TPS’s recent corrections', async () => {
    const user = userEvent.setup();
    await importBagon(db, setup, { entered: [5] });
    const key = tallyKey({ tps: bagonTps(5), contest: 'PPWP' });
    expect((await setFigure(db, { tps: bagonTps(5), contest: 'PPWP', path: 'votes.2', value: 97, actor: 'Ketua PPK', reason: 'Keberatan saksi paslon 2: dihitung ulang' })).ok).toBe(true);
    expect((await setFigure(db, { tps: bagonTps(5), contest: 'PPWP', path: 'votes.1', value: 55, actor: 'Ketua PPK', reason: 'Salah ketik' })).ok).toBe(true);
    // Another TPS's correction is not offered.
    expect((await setFigure(db, { tps: bagonTps(6), contest: 'PPWP', path: 'votes.3', value: 24, actor: 'Ketua PPK', reason: 'Lain' })).ok).toBe(true);
    const recorded = await recordObjection(
      db,
      { kind: 'objection', scope: { level: 'tps', tps: bagonTps(5) }, contest: 'PPWP', raisedBy: { role: 'witness', of: { kind: 'pair', number: 2 }, name: null }, description: 'Minta hitung ulang' },
      'Ketua PPK',
    );
    expect(recorded.ok).toBe(true);

    window.location.hash = '#/keberatan';
    render(<App />);
    const card = await screen.findByTestId('objection');
    const linker = await within(card).findByRole('group', { name: 'Pembetulan yang diakibatkan catatan no. 1' });
    const boxes = await within(linker).findAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    const recount = within(linker).getByLabelText(/Paslon 02: 96 → 97/, { selector: 'input' });
    expect(recount.closest('label')!.textContent).toContain('Keberatan saksi paslon 2: dihitung ulang');
    await user.click(recount);
    await user.click(within(card).getByRole('button', { name: 'Simpan tautan pembetulan no. 1' }));
    expect(await within(card).findByText('Tautan pembetulan tersimpan.')).toBeTruthy();
    const stored = (await listObjections(db)).rows[0]!.objection.corrections;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.key).toBe(key);
    await waitFor(() => expect(card.querySelector('.linked-corrections')?.textContent).toContain('Paslon 02: 96 → 97'));
  });

  it('filters the list by contest, desa, kind and decision', async () => {
    const user = userEvent.setup();
    const base = { raisedBy: { role: 'panwascam' as const, name: null }, description: 'Catatan' };
    await recordObjection(db, { ...base, kind: 'objection', scope: { level: 'tps', tps: bagonTps(1) }, contest: 'PPWP' }, 'Ketua PPK');
    await recordObjection(db, { ...base, kind: 'special-event', scope: { level: 'desa', desa: '3509082001' as never }, contest: null }, 'Ketua PPK');
    await recordObjection(db, { ...base, kind: 'special-event', scope: { level: 'kecamatan' }, contest: 'DPR' }, 'Ketua PPK');
    window.location.hash = '#/keberatan';
    render(<App />);
    await waitFor(() => expect(screen.getAllByTestId('objection')).toHaveLength(3));
    const filters = screen.getByRole('group', { name: 'Saring daftar' });
    await user.selectOptions(within(filters).getByLabelText('Jenis pemilihan'), 'DPR');
    // DPR and the one naming every contest; numbers stay those of the full list.
    expect(screen.getAllByTestId('objection').map((c) => within(c).getByRole('heading').textContent!.split(' · ')[0])).toEqual(['No. 2', 'No. 3']);
    await user.selectOptions(within(filters).getByLabelText('Jenis pemilihan'), '');
    await user.selectOptions(within(filters).getByLabelText('Desa'), BAGON);
    expect(screen.getAllByTestId('objection')).toHaveLength(1);
    await user.selectOptions(within(filters).getByLabelText('Desa'), '');
    await user.selectOptions(within(filters).getByLabelText('Jenis catatan'), 'special-event');
    expect(screen.getAllByTestId('objection')).toHaveLength(2);
    await user.selectOptions(within(filters).getByLabelText('Keputusan pleno'), 'noted');
    expect(screen.getByText('Belum ada catatan untuk pilihan ini.')).toBeTruthy();
  });
});

describe('ObjectionsAttachment', () => {
  it('lists the desa’s objections of the contest (and those for every contest) for the printed D.Hasil', async () => {
    const base = { raisedBy: { role: 'witness' as const, of: { kind: 'party' as const, number: 3 }, name: 'Slamet' }, description: 'Suara PDIP TPS 002 kurang 6' };
    await recordObjection(db, { ...base, kind: 'objection', scope: { level: 'tps', tps: bagonTps(2) }, contest: 'DPR' }, 'Ketua PPK');
    await recordObjection(db, { kind: 'special-event', scope: { level: 'desa', desa: BAGON }, contest: null, raisedBy: { role: 'ppk-member', name: null }, description: 'Kotak suara TPS 009 tiba tanpa segel' }, 'Ketua PPK');
    await recordObjection(db, { kind: 'special-event', scope: { level: 'tps', tps: '3509082001001' as never }, contest: 'DPR', raisedBy: { role: 'panwascam', name: null }, description: 'Di desa lain' }, 'Ketua PPK');

    const { unmount } = render(<ObjectionsAttachment desa={BAGON} contest="DPR" />);
    const attachment = await screen.findByTestId('objections-attachment');
    expect(within(attachment).getByRole('heading').textContent).toBe('Lampiran: Model D.Kejadian Khusus dan/atau Keberatan');
    await waitFor(() => expect(within(attachment).getAllByRole('row')).toHaveLength(3));
    expect(attachment.textContent).toContain('Saksi partai 3 (PDIP) — Slamet');
    expect(attachment.textContent).toContain('Kotak suara TPS 009 tiba tanpa segel');
    expect(attachment.textContent).not.toContain('Di desa lain');
    unmount();

    // PPWP: only the one for every contest; the kecamatan (null) has all three for DPR.
    const ppwp = render(<ObjectionsAttachment desa={BAGON} contest="PPWP" />);
    await waitFor(() => expect(within(screen.getByTestId('objections-attachment')).getAllByRole('row')).toHaveLength(2));
    ppwp.unmount();
    render(<ObjectionsAttachment desa={null} contest="DPR" />);
    await waitFor(() => expect(within(screen.getByTestId('objections-attachment')).getAllByRole('row')).toHaveLength(4));
  });

  it('says so when there is nothing to attach', async () => {
    render(<ObjectionsAttachment desa={BAGON} contest="PPWP" />);
    expect(await screen.findByText('Tidak ada kejadian khusus dan/atau keberatan.')).toBeTruthy();
  });
});
