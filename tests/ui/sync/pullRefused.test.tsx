// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical/json.ts';
import { sha256Hex } from '../../../src/domain/canonical/hash.ts';
import { TpsCodeSchema } from '../../../src/domain/codes/codes.ts';
import { tallyKey, type Tally } from '../../../src/domain/tally/tally.ts';
import { getTally, setSetting, type RekapDb } from '../../../src/db/index.ts';
import type { Database } from '../../../src/server/storage/schema.ts';
import { DexieSyncStore, httpTransport, localLock, SyncEngine } from '../../../src/sync/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { setSyncEngine } from '../../../src/ui/sync/engine.ts';
import { enrol as enrolDevice, tallyOf } from '../../server/client.ts';
import { freshApp } from '../helpers.ts';
import { adminCode, startTestServer, type TestServer } from '../../sync/realServer.ts';

const TPS = TpsCodeSchema.parse('3509082004001');
const KEY = tallyKey({ tps: TPS, contest: 'PPWP' });

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

describe('a record the server altered', () => {
  it('is not stored, and the sync screen and the header say so in Indonesian, naming the form', async () => {
    const engine = new SyncEngine({ store: new DexieSyncStore(db), lock: localLock(), transportFor: (url, token) => httpTransport({ serverUrl: url, token, fetch: server.fetch }) });
    setSyncEngine(db, engine);
    const enrolled = await engine.enrol({ serverUrl: 'https://ppk.test', code: await adminCode(server, 'chair'), deviceName: 'Laptop', actor: 'Ani' });
    if (!enrolled.ok) throw new Error(enrolled.error.en);
    await setSetting(db, 'operatorName', 'Ani');

    // Another laptop sends the form; then someone with the server's database raises a vote, hash recomputed.
    const other = await enrolDevice(server, await adminCode(server, 'chair'), 'Laptop lain');
    expect((await other.push([await other.op(tallyOf(server.setup, TPS, 'PPWP', [10, 20, 30]), 0)])).results[0]?.status).toBe('applied');
    const raw = (server.storage as unknown as { db: Kysely<Database> }).db;
    const row = await raw.selectFrom('records').select('record').where('key', '=', KEY).executeTakeFirstOrThrow();
    const tally = JSON.parse(row.record) as Tally;
    const edited = canonicalJson({ ...tally, votes: { ...tally.votes, 1: 110 } });
    const hash = await sha256Hex(edited);
    await raw.updateTable('records').set({ record: edited, hash }).where('key', '=', KEY).execute();
    await raw.updateTable('changes').set({ record: edited, hash }).where('key', '=', KEY).execute();

    expect((await engine.syncNow()).kind).toBe('synced');
    const stored = await getTally(db, KEY);
    expect(stored.ok && stored.value).toBeNull();

    window.location.hash = '#/sinkron';
    render(<App />);
    expect((await screen.findByTestId('sync-pull-refused-badge')).textContent).toBe('1 data server ditolak');
    const card = await screen.findByTestId('sync-pull-refused');
    expect(within(card).getByRole('heading').textContent).toBe('Data dari server yang ditolak perangkat ini (1)');
    const item = within(card).getByRole('alert');
    expect(item.textContent).toMatch(/TPS 001.*versi 1 \(perubahan #1, perangkat [0-9a-f-]+\): isinya bukan yang ditandatangani perangkat penulisnya \(diubah di server\)\./);
    expect(item.textContent).not.toMatch(/signed|changed on the server/);
  });
});
