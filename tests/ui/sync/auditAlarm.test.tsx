// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TpsCodeSchema } from '../../../src/domain/codes/codes.ts';
import { setFigures, setSetting, type RekapDb } from '../../../src/db/index.ts';
import type { Database } from '../../../src/server/storage/schema.ts';
import { DexieSyncStore, httpTransport, localLock, SyncEngine } from '../../../src/sync/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { setSyncEngine } from '../../../src/ui/sync/engine.ts';
import { freshApp } from '../helpers.ts';
import { adminCode, startTestServer, type TestServer } from '../../sync/realServer.ts';

const TPS = TpsCodeSchema.parse('3509082004001');

let db: RekapDb;
let server: TestServer;
beforeEach(async () => {
  db = await freshApp();
  server = await startTestServer();
});
afterEach(async () => {
  window.location.hash = '';
  await server.close();
});

describe('the audit receipt and its alarm on the sync screen (issue 14)', () => {
  it('shows the receipt kept; a chain cut on the server raises the alarm in Indonesian, in the header too, until reported', async () => {
    const engine = new SyncEngine({ store: new DexieSyncStore(db), lock: localLock(), transportFor: (url, token) => httpTransport({ serverUrl: url, token, fetch: server.fetch }) });
    setSyncEngine(db, engine);
    const enrolled = await engine.enrol({ serverUrl: 'https://ppk.test', code: await adminCode(server, 'chair'), deviceName: 'Laptop', actor: 'Ani' });
    if (!enrolled.ok) throw new Error(enrolled.error.en);
    await setSetting(db, 'operatorName', 'Ani');
    for (const v of [1, 2]) await setFigures(db, { tps: TPS, contest: 'PPWP', changes: [{ path: 'votes.1', value: v }], actor: 'Ani' });
    expect((await engine.syncNow()).kind).toBe('synced');

    // Someone with the server's database cuts the last entry of this laptop's chain.
    const raw = (server.storage as unknown as { db: Kysely<Database> }).db;
    await raw.deleteFrom('audit_chain').where('seq', '=', 2).execute();
    expect((await engine.syncNow()).kind).toBe('synced');

    window.location.hash = '#/sinkron';
    const user = userEvent.setup();
    render(<App />);
    const card = await screen.findByTestId('sync-audit-receipt');
    expect(within(card).getByTestId('sync-audit-receipt-value').textContent).toMatch(/^titik periksa #\d+, sampai entri #2 \(/);
    expect(within(card).getByRole('button', { name: 'Unduh tanda terima audit' })).toBeTruthy();
    const alarm = within(card).getByTestId('sync-audit-alarm');
    expect(alarm.getAttribute('data-kind')).toBe('truncated');
    expect(alarm.textContent).toMatch(/^Server hanya menyimpan riwayat audit perangkat ini sampai entri #1, padahal tanda terimanya mencatat sampai #2: ujung riwayat dipotong di server\./);
    expect((await screen.findByTestId('sync-audit-alarm-badge')).textContent).toBe('ALARM riwayat audit');

    await user.click(within(card).getByRole('button', { name: 'Sudah dilaporkan' }));
    await waitFor(() => expect(screen.queryByTestId('sync-audit-alarm')).toBeNull());
    await waitFor(() => expect(screen.queryByTestId('sync-audit-alarm-badge')).toBeNull());
  });
});
