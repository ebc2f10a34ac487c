// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealChanges, type AuditChange } from '../../../src/domain/audit/index.ts';
import { exportPublicJwk, keyHash } from '../../../src/domain/crypto/keys.ts';
import { desaOfPanel } from '../../../src/domain/setup/lookup.ts';
import { tallyKey } from '../../../src/domain/tally/tally.ts';
import type { LocalAuditEntry, RekapDb } from '../../../src/db/index.ts';
import { DexieSyncStore, fetchRecordAudit, httpTransport, localLock, SyncEngine } from '../../../src/sync/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { HistoryPanel, historyItems } from '../../../src/ui/entry/HistoryPanel.tsx';
import { setSyncEngine } from '../../../src/ui/sync/engine.ts';
import { enrol, tallyOf, tpsIn, type TestDevice } from '../../server/client.ts';
import { adminCode, startTestServer, type TestServer } from '../../sync/realServer.ts';
import { demoSetup, freshApp } from '../helpers.ts';

/**
 * Issue 11 on screen: a panel 2 clerk's edit of a panel 1 form, refused by the server, is in its
 * signed chain; the kecamatan's Riwayat and the form's history show it as refused — badge, values
 * struck through, "Tidak diterapkan" with the reason in words — not as a change.
 */

let db: RekapDb;
let server: TestServer;

const setup = demoSetup();
const OTHER_TPS = tpsIn(setup, desaOfPanel(setup, 'panel-1')[0]!);
const OWN_TPS = tpsIn(setup, desaOfPanel(setup, 'panel-2')[0]!);
const REFUSED_KEY = tallyKey({ tps: OTHER_TPS, contest: 'PPWP' });
const APPLIED_KEY = tallyKey({ tps: OWN_TPS, contest: 'PPWP' });

beforeEach(async () => {
  db = await freshApp();
  server = await startTestServer();
});
afterEach(async () => {
  window.location.hash = '';
  await server.close();
});

/** This app's database enrolled as the chair, talking to the real server app in-process. */
async function enrolApp(): Promise<SyncEngine> {
  const engine = new SyncEngine({ store: new DexieSyncStore(db), lock: localLock(), transportFor: (url, token) => httpTransport({ serverUrl: url, token, fetch: server.fetch }) });
  setSyncEngine(db, engine);
  const result = await engine.enrol({ serverUrl: 'https://ppk.test', code: await adminCode(server, 'chair'), deviceName: 'Laptop', actor: 'Ketua' });
  if (!result.ok) throw new Error(result.error.en);
  return engine;
}

const change = (key: string, value: number): AuditChange => ({
  at: '2024-02-18T09:00:00.000+07:00',
  actor: 'Dewi',
  role: 'clerk',
  record: { kind: 'tally', key },
  action: 'tally.changed',
  before: { 'votes.1': null },
  after: { 'votes.1': value },
  reason: null,
});

/** Panel 2 writes a form of panel 1's desa (refused: other-panel) and one of its own (applied), then sends its chain. */
async function panel2Edits(): Promise<TestDevice> {
  const clerk = await enrol(server, await adminCode(server, 'clerk', 'panel-2'), 'Tablet panel 2');
  const pushed = await clerk.push([await clerk.op(tallyOf(setup, OTHER_TPS, 'PPWP', [77], 'draft'), 0), await clerk.op(tallyOf(setup, OWN_TPS, 'PPWP', [12], 'draft'), 0)]);
  expect(pushed.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
  const signer = { keyHash: await keyHash(await exportPublicJwk(clerk.keys.publicKey)), privateKey: clerk.keys.privateKey };
  const chain = await sealChanges([change(REFUSED_KEY, 77), change(APPLIED_KEY, 12)], null, signer);
  const res = await server.request('/api/audit', { method: 'POST', headers: { ...clerk.auth, 'content-type': 'application/json' }, body: JSON.stringify({ entries: chain }) });
  expect(res.status).toBe(200);
  return clerk;
}

describe('refused edits in the history (issue 11)', () => {
  it('#/riwayat shows a refused entry as refused, in Indonesian words, and an applied one as a change', async () => {
    await enrolApp();
    await panel2Edits();
    window.location.hash = '#/riwayat';
    render(<App />);
    const table = await screen.findByTestId('audit-log');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const refused = rows.find((r) => r.dataset.refused !== undefined)!;
    const applied = rows.find((r) => r.dataset.refused === undefined)!;
    expect(refused.dataset.refused).toBe('other-panel');

    expect(within(refused).getByTestId('refused-badge').textContent).toBe('Ditolak server');
    expect(within(refused).getByTestId('refused-reason').textContent).toBe('Tidak diterapkan: desa ini dikerjakan panel lain.');
    // The values are there (the device did record them) but struck through.
    expect(refused.querySelector('del')?.textContent).toBe('kosong → 77');
    // No workflow code on an Indonesian screen.
    expect(refused.textContent).not.toContain('other-panel');

    expect(within(applied).queryByTestId('refused-badge')).toBeNull();
    expect(applied.querySelector('del')).toBeNull();
    expect(applied.textContent).toContain('Paslon 01: kosong → 12');
  });

  it('a form’s history marks the server’s refused entries; in English too', async () => {
    const engine = await enrolApp();
    await panel2Edits();
    const fetched = await fetchRecordAudit((await engine.transport())!, REFUSED_KEY);
    expect([...fetched.refused.values()]).toEqual(['other-panel']);
    const contest = setup.contests.find((c) => c.id === 'PPWP')!;

    const view = render(<HistoryPanel db={db} tallyKey={REFUSED_KEY} contest={contest} lang="id" extra={fetched.entries} refused={fetched.refused} />);
    const history = screen.getByTestId('history');
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(2));
    const row = within(history).getAllByRole('row')[1]!;
    expect(row.className).toBe('entry-history-refused');
    expect(row.textContent).toContain('Angka diubah Ditolak server');
    expect(row.querySelector('del')?.textContent).toBe('kosong → 77');
    expect(within(row).getByTestId('refused-reason').textContent).toBe('Tidak diterapkan: desa ini dikerjakan panel lain.');
    view.unmount();

    render(<HistoryPanel db={db} tallyKey={REFUSED_KEY} contest={contest} lang="en" extra={fetched.entries} refused={fetched.refused} />);
    const english = within(screen.getByTestId('history')).getAllByRole('row')[1]!;
    expect(within(english).getByTestId('refused-badge').textContent).toBe('Refused by the server');
    expect(within(english).getByTestId('refused-reason').textContent).toBe('Not applied: the desa belongs to another panel.');
  });

  it('marks this device’s own sealed entry too when the server refused it (it is shown from the local row)', async () => {
    const clerk = await panel2Edits();
    const fetched = await fetchRecordAudit(clerkTransport(clerk), REFUSED_KEY);
    const [entry] = fetched.entries;
    const { format: _f, device: _d, seq: _s, prev: _p, hash: _h, signature: _g, ...own } = entry!;
    const local: LocalAuditEntry[] = [{ id: 1, change: own, entry: entry! }];
    expect(historyItems(local, fetched.entries, fetched.refused).map((i) => [i.id, i.refused])).toEqual([[`${entry!.device}#1`, 'other-panel']]);
    expect(historyItems(local, fetched.entries).map((i) => i.refused)).toEqual([null]);
  });
});

function clerkTransport(clerk: TestDevice) {
  return httpTransport({ serverUrl: 'https://ppk.test', token: clerk.token, fetch: server.fetch });
}
