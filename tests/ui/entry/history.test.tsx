// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sealChanges } from '../../../src/domain/audit/index.ts';
import { exportPublicJwk, fingerprint, generateKeyPair, keyHash } from '../../../src/domain/crypto/keys.ts';
import { desaOfTps, KecamatanCodeSchema } from '../../../src/domain/codes/codes.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import { markEntered, reopenDesa, replaceRestoredHistory, sealAudit, setFigure, setFigures, verifyReadback, type RekapDb } from '../../../src/db/index.ts';
import { HistoryPanel } from '../../../src/ui/entry/HistoryPanel.tsx';
import { CLEAN_PPWP, seed, TPS } from './helpers.tsx';

const KEY = tallyKey({ tps: TPS, contest: 'PPWP' });
const DESA = desaOfTps(TPS);

/**
 * The desa finalised on the chair's device and pulled here (the form final, the desa's row final):
 * quicker than verifying every TPS of the demo desa.
 */
async function finalisedElsewhere(db: RekapDb): Promise<void> {
  const row = (await db.tallies.get(KEY))!;
  await db.tallies.put({ ...row, status: 'final', revision: row.revision + 1, tally: { ...row.tally, status: 'final' } });
  const at = '2024-02-18T03:00:00.000Z';
  await db.finalisations.put({
    key: `${DESA}:PPWP`, desa: DESA, contest: 'PPWP', level: 'desa', state: 'final', revision: 1, updatedAt: at, updatedBy: 'Ketua',
    history: [{ action: 'finalised', at, by: 'Ketua', reason: null, tallies: [{ key: KEY, revision: row.revision + 1 }] }],
  });
}

async function device() {
  const pair = await generateKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyHash: await keyHash(publicKey), privateKey: pair.privateKey, publicKey };
}

async function renderPanel(db: RekapDb, extra?: Parameters<typeof HistoryPanel>[0]['extra'], lang: 'id' | 'en' = 'id') {
  const setup = (await db.setup.toArray())[0]!.setup;
  const contest = setup.contests.find((c) => c.id === 'PPWP')!;
  const view = render(<HistoryPanel db={db} tallyKey={KEY} contest={contest} lang={lang} {...(extra ? { extra } : {})} />);
  return Object.assign(screen.getByTestId('history'), { unmount: view.unmount });
}

const rowWith = (history: HTMLElement, content: string) => within(history).getByText(content, { exact: false }).closest('tr')!;

describe('entry form: the audit history of a tally', () => {
  it('lists who (with role), when in WIB, field old → new, why, the device and whether it is signed', async () => {
    const db = await seed();
    await db.sync.put({ key: 'enrolment', value: { role: 'clerk' } });
    await setFigures(db, { tps: TPS, contest: 'PPWP', changes: Object.entries(CLEAN_PPWP).map(([path, value]) => ({ path, value })), actor: 'Siti' });
    await markEntered(db, KEY, 'Siti', []);
    await verifyReadback(db, KEY, 'Budi');
    await finalisedElsewhere(db);
    expect((await reopenDesa(db, DESA, 'PPWP', 'Ketua', 'Saksi minta hitung ulang')).ok).toBe(true);
    const me = await device();
    await sealAudit(db, me);
    await setFigure(db, { tps: TPS, contest: 'PPWP', path: 'invalid', value: 11, actor: 'Siti', reason: 'Salah baca saat pleno' });

    const history = await renderPanel(db);
    await waitFor(() => expect(within(history).getByText('Salah baca saat pleno')).toBeTruthy());
    const correction = rowWith(history, 'Salah baca saat pleno');
    expect(correction.textContent).toContain('V.B Jumlah suara tidak sah: 10 → 11');
    expect(correction.textContent).toContain('Siti (Operator)');
    expect(correction.textContent).toMatch(/WIB/);
    expect(correction.textContent).toContain('Angka diubah');
    // Written, not sealed yet: marked so, on this device.
    expect(correction.dataset.sealed).toBe('false');
    expect(correction.textContent).toContain('Belum ditandatangani');
    expect(correction.textContent).toContain('perangkat ini');

    const reopened = rowWith(history, 'Saksi minta hitung ulang');
    expect(reopened.textContent).toContain('Status diubah');
    expect(reopened.textContent).toContain('Status: Final → Terverifikasi');
    expect(reopened.textContent).toContain('Ketua (Operator)');
    expect(reopened.dataset.sealed).toBe('true');
    expect(reopened.textContent).toMatch(/Ditandatangani #\d+/);
    // The device as its fingerprint: the same groups the settings screen shows for the key.
    expect(reopened.textContent).toContain(await fingerprint(me.publicKey));

    // Newest first.
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows[0]).toBe(correction);
  });

  it('shows other devices’ entries given to it, once each, and says when nothing happened yet', async () => {
    const db = await seed();
    const empty = await renderPanel(db);
    expect(within(empty).getByText('Belum ada perubahan.')).toBeTruthy();
    empty.unmount();

    const other = await device();
    const entries = await sealChanges(
      [{ at: '2024-02-18T02:00:00.000Z', actor: 'Dewi', role: 'chair', record: { kind: 'tally', key: KEY }, action: 'tally.resolved', before: { 'votes.1': 30 }, after: { 'votes.1': 31 }, reason: 'cek plano' }],
      null,
      other,
    );
    await setFigure(db, { tps: TPS, contest: 'PPWP', path: 'votes.1', value: 5, actor: 'Siti' });
    const history = await renderPanel(db, [...entries, ...entries], 'en');
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(3));
    const resolved = rowWith(history, 'cek plano');
    expect(resolved.textContent).toContain('Conflict resolved');
    expect(resolved.textContent).toContain('Dewi (PPK chair)');
    expect(resolved.textContent).toContain('30 → 31');
    expect(resolved.textContent).toContain(await fingerprint(other.publicKey));
    expect(resolved.textContent).toContain('Signed #1');
  });

  it('keeps the local revisions (records from the server included) behind a disclosure', async () => {
    const db = await seed();
    const user = userEvent.setup();
    await setFigure(db, { tps: TPS, contest: 'PPWP', path: 'votes.1', value: 5, actor: 'Siti' });
    const history = await renderPanel(db);
    expect(within(history).queryByTestId('history-revisions')).toBeNull();
    await user.click(within(history).getByText('Revisi lokal (termasuk data dari server)'));
    const table = await within(history).findByTestId('history-revisions');
    expect(table.textContent).toContain('Paslon 01kosong → 5');
  });

  it('shows a restored form’s original signed entries, marked with the backup that brought them (issue 15)', async () => {
    const db = await seed();
    const ani = await device();
    const entries = await sealChanges(
      [
        { at: '2024-02-17T02:00:00.000Z', actor: 'Ani', role: 'clerk', record: { kind: 'tally', key: KEY }, action: 'tally.changed', before: { 'votes.1': null }, after: { 'votes.1': 30 }, reason: null },
        { at: '2024-02-17T02:05:00.000Z', actor: 'Ani', role: 'clerk', record: { kind: 'tally', key: KEY }, action: 'tally.changed', before: { 'votes.1': 30 }, after: { 'votes.1': 32 }, reason: 'salah ketik' },
      ],
      null,
      ani,
    );
    const backup = 'ab'.repeat(32);
    const statement = { deviceId: 'd-ani', deviceName: 'Laptop Ani', kecamatan: KecamatanCodeSchema.parse('350908'), role: 'clerk' as const, panel: '1', publicKey: ani.publicKey, issuedAt: '2024-02-16T01:00:00.000Z', signature: 'A'.repeat(86) };
    const chain = { signer: { publicKey: ani.publicKey, keyHash: ani.keyHash, attestation: { serverKey: ani.publicKey, statement } }, backup, entries };

    // Not vouched for by this laptop's server: the typed name only.
    await db.transaction('rw', [db.backupAudit, db.backupSigners], () => replaceRestoredHistory(db, [{ ...chain, attested: false }], null));
    const history = await renderPanel(db);
    const typo = await waitFor(() => rowWith(history, 'salah ketik'));
    expect(typo.textContent).toContain('30 → 32');
    expect(typo.textContent).toContain(await fingerprint(ani.publicKey));
    expect(within(typo).getByTestId('history-from-backup').textContent).toBe(`dari cadangan ${'ab'.repeat(8)}`);
    expect(typo.textContent).toContain('Ani (Operator)');
    expect(typo.textContent).toContain('Ditandatangani #2');
    expect(within(history).getAllByTestId('history-from-backup')).toHaveLength(2);
    history.unmount();

    // Attested at restore: the enrolled device name, with the typed name under it when it differs.
    await db.transaction('rw', [db.backupAudit, db.backupSigners], () => replaceRestoredHistory(db, [{ ...chain, attested: true }], null));
    const attested = await renderPanel(db);
    const row = await waitFor(() => rowWith(attested, 'salah ketik'));
    expect(within(row).getByTestId('history-enrolled').textContent).toBe('Laptop Ani (Operator)');
    expect(within(row).getByTestId('history-typed').textContent).toBe('diketik: Ani');
  });
});
