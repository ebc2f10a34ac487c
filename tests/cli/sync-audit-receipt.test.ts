import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headOf, sealChanges, verifyCheckpoint, type AuditChange } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, keyHash } from '../../src/domain/crypto/keys.ts';
import { issueCode } from '../../src/server/admin.ts';
import type { Database } from '../../src/server/storage/schema.ts';
import { enrol, type TestDevice } from '../server/client.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { readJson, run, tempDir } from './helpers.ts';

/**
 * Issue 14: the headless client keeps the server's latest checkpoint of the kecamatan's audit log
 * as its receipt and writes it to a file for `rekap server verify-audit --receipts`; a log that went
 * back since is an alarm (exit 1).
 */

let server: TestServer;
let url: string;
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  server = await startTestServer();
  url = (await server.listen()).url;
  dir = await tempDir();
});
afterEach(async () => {
  await server.close();
  await dir.cleanup();
});

const change = (n: number): AuditChange => ({
  at: `2024-02-18T09:0${n}:00.000+07:00`,
  actor: 'Siti',
  role: 'chair',
  record: { kind: 'tally', key: '3509082004001:PPWP' },
  action: 'tally.changed',
  before: null,
  after: { 'votes.1': n },
  reason: null,
});

async function pushChain(device: TestDevice, changes: AuditChange[], from: Parameters<typeof sealChanges>[1]) {
  const segment = await sealChanges(changes, from, { keyHash: await keyHash(await exportPublicJwk(device.keys.publicKey)), privateKey: device.keys.privateKey });
  const res = await server.request('/api/audit', { method: 'POST', headers: { ...device.auth, 'content-type': 'application/json' }, body: JSON.stringify({ entries: segment }) });
  expect(res.status).toBe(200);
  return segment;
}

describe('rekap sync … audit-receipt', () => {
  it('writes the kecamatan log’s latest checkpoint, signed by the server; a log that went back since exits 1 with the alarm', async () => {
    const chair = await enrol(server, server.chairCode, 'Ketua');
    const first = await pushChain(chair, [change(1)], null);
    await pushChain(chair, [change(2)], headOf(first));
    const issued = await issueCode({ storage: server.storage, now: server.clock.now }, { kecamatan: server.kecamatan, role: 'witness', panel: null, createdBy: 'test' });
    if (!issued.ok) throw new Error(issued.error.en);

    const out = dir.path('receipt.json');
    const ok = await run('sync', '--server', url, '--state', dir.path('saksi'), '--code', issued.value.code, 'audit-receipt', '-o', out, '--lang', 'en');
    expect(ok.err).toBe('');
    expect(ok.out).toBe(`Audit receipt: checkpoint #2 (2 entries in the kecamatan's log) written to ${out}.\n`);
    expect(ok.code).toBe(0);
    const receipt = await readJson(out);
    expect((await verifyCheckpoint(receipt, server.serverKey.publicJwk)).ok).toBe(true);

    // Someone with the server's database takes the last segment and its checkpoint away.
    const db = (server.storage as unknown as { db: Kysely<Database> }).db;
    await db.deleteFrom('audit_checkpoints').where('n', '=', 2).execute();
    await db.deleteFrom('audit_chain').where('seq', '=', 2).execute();
    const again = await run('sync', '--state', dir.path('saksi'), 'audit-receipt', '-o', dir.path('again.json'), '--lang', 'en');
    expect(again.code).toBe(1);
    expect(again.err).toContain("ALARM: The kecamatan's audit checkpoint log on the server went back from #2 to #1");
    // The receipt written is still the one that shows it.
    expect(((await readJson(dir.path('again.json'))) as { n: number }).n).toBe(2);
  });
});
