import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/storage/schema.ts';
import { enrol, tallyOf, tpsIn } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

describe.each(STORAGE_CASES)('a stored record that no longer reads ($name)', (storage) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('refuses in words the ops on that form alone, never a 500, and decides the others', async () => {
    server = await startTestServer({ storage });
    const chair = await enrol(server, server.chairCode);
    const desa = server.setup.desa[0]!.code;
    const [a, b] = [tpsIn(server.setup, desa, 0), tpsIn(server.setup, desa, 1)];
    const first = await chair.push([await chair.op(tallyOf(server.setup, a, 'PPWP', [1, 2, 3]), 0), await chair.op(tallyOf(server.setup, b, 'PPWP', [1, 2, 3]), 0)]);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);

    // Someone edits the stored text of form a: a figure no form can hold.
    const db = (server.storage as unknown as { db: Kysely<Database> }).db;
    const row = await db.selectFrom('records').select('record').where('key', '=', `${a}:PPWP`).executeTakeFirstOrThrow();
    await db.updateTable('records').set({ record: row.record.replace('"1":1', '"1":1e308') }).where('key', '=', `${a}:PPWP`).execute();

    const second = await chair.push([await chair.op(tallyOf(server.setup, a, 'PPWP', [4, 5, 6]), 1), await chair.op(tallyOf(server.setup, b, 'PPWP', [4, 5, 6]), 1)]);
    expect(second.status).toBe(200);
    expect(second.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    const refused = second.results[0]!;
    expect(refused.status === 'rejected' && refused.code).toBe('stored-damaged');
    expect(refused.status === 'rejected' && refused.reason.id).toMatch(/^Salinan server untuk .*TPS 001.* rusak \(tidak terbaca\)/);
    expect(server.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
