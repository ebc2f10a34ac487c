import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditHeadResponseSchema } from '../../src/api/index.ts';
import { headOf, sealChanges, verifyCheckpoint, type AuditChange, type AuditEntry, type SignedCheckpoint } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { verifyAnchors, type ReceiptFile } from '../../src/server/audit/verifyAnchors.ts';
import { verifyStoredChains } from '../../src/server/audit/verifyStored.ts';
import type { Database } from '../../src/server/storage/schema.ts';
import type { Storage } from '../../src/server/storage/types.ts';
import { enrol, issueCodeAs, tallyOf, tpsIn, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

/**
 * Issue 14, "anchored chains": after each accepted segment the server signs a checkpoint; with the
 * checkpoints (and the receipts devices kept) verify-audit finds what re-verifying a chain alone
 * cannot — a cut tail, a deleted chain, a key swapped and the chain re-signed, an edited column.
 * Tampering is done directly in the database, as someone with access to it would.
 */

const rawDb = (storage: Storage): Kysely<Database> => (storage as unknown as { db: Kysely<Database> }).db;

describe.each(STORAGE_CASES)('anchored audit chains ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  const chains = new Map<TestDevice, AuditEntry[]>();
  /** The last checkpoint each device got back: its receipt. */
  const receipts = new Map<TestDevice, SignedCheckpoint>();

  async function pushChain(device: TestDevice, changes: AuditChange[]): Promise<void> {
    const before = chains.get(device) ?? [];
    const signer = { keyHash: await keyHash(await exportPublicJwk(device.keys.publicKey)), privateKey: device.keys.privateKey };
    const segment = await sealChanges(changes, before.length > 0 ? headOf(before) : null, signer);
    const res = await server.request('/api/audit', { method: 'POST', headers: { ...device.auth, 'content-type': 'application/json' }, body: JSON.stringify({ entries: segment }) });
    expect(res.status).toBe(200);
    const answer = AuditHeadResponseSchema.parse(await res.json());
    receipts.set(device, answer.checkpoint!);
    chains.set(device, [...before, ...segment]);
  }

  const change = (key: string, role: AuditChange['role'], n: number): AuditChange => ({
    at: `2024-02-18T09:0${n}:00.000+07:00`,
    actor: 'Ani',
    role,
    record: { kind: 'tally', key },
    action: 'tally.changed',
    before: { 'votes.1': n },
    after: { 'votes.1': n + 1 },
    reason: null,
  });

  /** A chair and a panel-1 clerk, each with an applied form and a chain of three entries in two segments. */
  async function kecamatan() {
    chains.clear();
    receipts.clear();
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode, 'Ketua');
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const tps = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
    const key = `${tps}:PPWP`;
    expect((await clerk.push([await clerk.op(tallyOf(server.setup, tps), 0)])).results[0]!.status).toBe('applied');
    const chairTps = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-2')[0]!);
    expect((await chair.push([await chair.op(tallyOf(server.setup, chairTps), 0)])).results[0]!.status).toBe('applied');
    await pushChain(clerk, [change(key, 'clerk', 1), change(key, 'clerk', 2)]);
    await pushChain(chair, [change(`${chairTps}:PPWP`, 'chair', 1)]);
    await pushChain(clerk, [change(key, 'clerk', 3)]);
    const clerkKey = await keyHash(await exportPublicJwk(clerk.keys.publicKey));
    names.set(chair, 'Ketua').set(clerk, 'Panel 1');
    return { chair, clerk, clerkKey, key, db: rawDb(server.storage) };
  }

  const names = new Map<TestDevice, string>();
  const receiptFiles = (): ReceiptFile[] => [...receipts].map(([device, cp]) => ({ name: `${names.get(device)}.json`, content: cp }));
  const anchors = async (files = receiptFiles()) => verifyAnchors(server.storage, server.kecamatan, server.serverKey.publicJwk, files);
  const failures = async (files?: ReceiptFile[]) => (await anchors(files)).failures.map((f) => f.en);

  it('signs a numbered, linked checkpoint per accepted segment; as stored everything verifies', async () => {
    const { clerk, chair } = await kecamatan();
    const clerkReceipt = receipts.get(clerk)!;
    expect(clerkReceipt).toMatchObject({ n: 3, chain: headOf(chains.get(clerk)!), size: 4, device: { id: clerk.enrolment.deviceId } });
    expect((await verifyCheckpoint(clerkReceipt, server.serverKey.publicJwk)).ok).toBe(true);
    // Domain-separated and bound to its content: any edit breaks it.
    expect((await verifyCheckpoint({ ...clerkReceipt, size: 5 }, server.serverKey.publicJwk)).ok).toBe(false);
    // GET /api/audit/head answers the caller's latest checkpoint and the kecamatan's.
    const head = AuditHeadResponseSchema.parse(await (await server.request('/api/audit/head', { headers: chair.auth })).json());
    expect([head.checkpoint?.n, head.log?.n]).toEqual([2, 3]);
    expect(await anchors()).toEqual({ checkpoints: 3, receipts: 2, unanchored: 0, failures: [] });
  });

  it('a truncated chain tail passes the chain check alone, and is named by the checkpoints and the receipt', async () => {
    const { clerkKey, db } = await kecamatan();
    await db.deleteFrom('audit_chain').where('key_hash', '=', clerkKey).where('seq', '=', 3).execute();
    expect((await verifyStoredChains(server.storage, server.kecamatan)).every((c) => c.failure === null)).toBe(true);
    const found = await failures();
    expect(found).toContainEqual(expect.stringMatching(/^The audit chain of Panel 1 \([0-9A-F ]+\) was truncated: checkpoint #3 covers up to entry #3, the server holds only up to #2\.$/));
    expect(found).toContainEqual(expect.stringMatching(/was truncated: receipt Panel 1\.json covers up to entry #3/));
  });

  it('a deleted chain is named, and so is the log that counted its entries', async () => {
    const { clerkKey, db } = await kecamatan();
    await db.deleteFrom('audit_chain').where('key_hash', '=', clerkKey).execute();
    expect((await verifyStoredChains(server.storage, server.kecamatan)).every((c) => c.failure === null)).toBe(true);
    const found = await failures();
    expect(found).toContainEqual(expect.stringMatching(/^The audit chain of Panel 1 .* is gone from the server, although checkpoint #3 covers it up to entry #3/));
    expect(found).toContain('The server holds 1 audit entries, although checkpoint #3 counted 4: entries were deleted.');
  });

  it('a key swapped in the devices table with the chain re-signed by the new key is named', async () => {
    const { clerk, clerkKey, db } = await kecamatan();
    const forger = await generateKeyPair();
    const forgerJwk = await exportPublicJwk(forger.publicKey);
    const forgerHash = await keyHash(forgerJwk);
    const id = clerk.enrolment.deviceId;
    await db.updateTable('devices').set({ public_key: JSON.stringify(forgerJwk), key_hash: forgerHash }).where('id', '=', id).execute();
    const rows = await db.selectFrom('audit_chain').selectAll().where('key_hash', '=', clerkKey).orderBy('seq').execute();
    await db.deleteFrom('audit_chain').where('key_hash', '=', clerkKey).execute();
    const changes = rows.map((r) => {
      const { format: _f, device: _d, seq: _s, prev: _p, hash: _h, signature: _sig, ...body } = JSON.parse(r.entry) as AuditEntry;
      return { ...body, after: { 'votes.1': 99 } };
    });
    const resigned = await sealChanges(changes, null, { keyHash: forgerHash, privateKey: forger.privateKey });
    await db
      .insertInto('audit_chain')
      .values(resigned.map((e, i) => ({ ...rows[i]!, key_hash: forgerHash, hash: e.hash, entry: JSON.stringify(e) })))
      .execute();
    // Re-verified with the key the devices table now holds, the forged chain is "valid".
    expect((await verifyStoredChains(server.storage, server.kecamatan)).every((c) => c.failure === null)).toBe(true);
    const found = await failures();
    expect(found).toContainEqual(expect.stringMatching(new RegExp(`^The key of device Panel 1 \\(${id}\\) was swapped: audit checkpoint #3 names key [0-9A-F ]+, the devices table now [0-9A-F ]+\\.$`)));
    expect(found).toContainEqual(expect.stringMatching(/is gone from the server, although checkpoint #3 covers it/));
  });

  it('an edited column of a chain row or a checkpoint is named by the column', async () => {
    const { clerkKey, db } = await kecamatan();
    await db.updateTable('audit_chain').set({ record_key: '3509082001001:DPD' }).where('key_hash', '=', clerkKey).where('seq', '=', 2).execute();
    await db.updateTable('audit_checkpoints').set({ seq: 1 }).where('n', '=', 1).execute();
    const found = await failures();
    expect(found).toContainEqual(expect.stringMatching(/^audit_chain row [0-9A-F ]+ #2: column record_key holds 3509082001001:DPD, but the signed entry says \d{13}:PPWP \(changed in the database\)\.$/));
    expect(found).toContain('Column seq of audit checkpoint #1 holds 1, but the signed checkpoint says 2 (changed in the database).');
  });

  it('a log re-signed with the server key itself (tail cut, checkpoints rebuilt) is still caught by a device receipt', async () => {
    const { clerk, clerkKey, db } = await kecamatan();
    await db.deleteFrom('audit_chain').where('key_hash', '=', clerkKey).where('seq', '=', 3).execute();
    // Whoever holds the server key drops the checkpoint of the cut entry: the stored log agrees again.
    await db.deleteFrom('audit_checkpoints').where('n', '=', 3).execute();
    expect(await failures([])).toEqual([]);
    const found = await failures();
    expect(found).toContain('Checkpoint #3 of receipt Panel 1.json is no longer stored on the server (deleted).');
    expect(found).toContainEqual(expect.stringMatching(/Panel 1 .* was truncated: receipt Panel 1\.json covers up to entry #3, the server holds only up to #2\./));
    // A receipt the server key did not sign.
    const forged = { ...receipts.get(clerk)!, signature: receipts.get(clerk)!.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    expect(await failures([{ name: 'forged.json', content: forged }])).toContain("Receipt forged.json is not signed by this server's key: the server key was replaced, or the receipt is forged.");
  });
});
