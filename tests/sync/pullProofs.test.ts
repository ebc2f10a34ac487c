import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTESTATION_DOMAIN, PUSH_MANIFEST_DOMAIN, type PullResponse } from '../../src/api/index.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import { TpsCodeSchema } from '../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair, keyHash, signText } from '../../src/domain/crypto/keys.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import type { Database } from '../../src/server/storage/schema.ts';
import type { Storage } from '../../src/server/storage/types.ts';
import type { TestServer } from '../server/harness.ts';
import { enrol as enrolRawDevice, tallyOf } from '../server/client.ts';
import { localTally, syncOk, type } from './helpers.ts';
import { realKecamatan, startTestServer, STORAGE_CASES, type Kecamatan } from './realServer.ts';

// Panel 1 takes desa 3509082004 on day 1 of the Puger demo.
const TPS_A = TpsCodeSchema.parse('3509082004001');
const TPS_B = TpsCodeSchema.parse('3509082004002');
const KEY_A = tallyKey({ tps: TPS_A, contest: 'PPWP' });

/** The server's database as someone with access to it would see it (tests only). */
const rawDb = (storage: Storage): Kysely<Database> => (storage as unknown as { db: Kysely<Database> }).db;

/** Rewrites a stored record's figures in `records` and `changes`, hash recomputed: what a tamperer with the database does. */
async function editStoredFigure(server: TestServer, key: string, votes1: number): Promise<void> {
  const db = rawDb(server.storage);
  const row = await db.selectFrom('records').select(['record', 'version']).where('kecamatan', '=', server.kecamatan).where('key', '=', key).executeTakeFirstOrThrow();
  const tally = JSON.parse(row.record) as Tally;
  const edited = { ...tally, votes: { ...tally.votes, 1: votes1 } };
  const text = canonicalJson(edited);
  const hash = await sha256Hex(text);
  await db.updateTable('records').set({ record: text, hash }).where('kecamatan', '=', server.kecamatan).where('key', '=', key).execute();
  await db.updateTable('changes').set({ record: text, hash }).where('kecamatan', '=', server.kecamatan).where('key', '=', key).where('version', '=', row.version).execute();
}

const refusals = async (client: Kecamatan['chair']) => client.store.transaction((tx) => tx.getMeta('pullRefused'));

describe.each(STORAGE_CASES)('devices check every pulled record against what its device signed ($name)', (storage) => {
  let server: TestServer;
  let kec: Kecamatan;
  beforeEach(async () => {
    server = await startTestServer({ storage });
    kec = await realKecamatan(server);
  });
  afterEach(async () => {
    await server.close();
  });

  it('takes records whose proofs hold, from manifests and from devices that sign each op', async () => {
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    await type(clerk, TPS_A, 'PPWP', { 'votes.1': 101, 'votes.2': 202 });
    await syncOk(clerk);
    // An older device signs each op alone (no manifest): its proof is the signed message itself.
    const older = await enrolRawDevice(server, await kec.code('chair'), 'Laptop lama');
    const pushed = await older.push([await older.op(tallyOf(server.setup, TPS_B, 'PPWP', [5, 6, 7]), 0)]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied']);

    const round = await syncOk(kec.chair);
    expect(round.pull.refused).toEqual([]);
    expect((await localTally(kec.chair, TPS_A, 'PPWP'))?.votes).toMatchObject({ 1: 101, 2: 202 });
    expect((await localTally(kec.chair, TPS_B, 'PPWP'))?.votes).toMatchObject({ 1: 5, 2: 6, 3: 7 });
    expect(await refusals(kec.chair)).toEqual([]);
  });

  it('refuses a figure edited in the server database, hash recomputed, and keeps what it had; other records still land', async () => {
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    await type(clerk, TPS_A, 'PPWP', { 'votes.1': 101 });
    await type(clerk, TPS_B, 'PPWP', { 'votes.1': 7 });
    await syncOk(clerk);
    await editStoredFigure(server, KEY_A, 999);

    const round = await syncOk(kec.chair);
    expect(round.pull.refused.map((r) => r.key)).toEqual([KEY_A]);
    expect(await localTally(kec.chair, TPS_A, 'PPWP')).toBeNull();
    expect((await localTally(kec.chair, TPS_B, 'PPWP'))?.votes).toMatchObject({ 1: 7 });
    const [kept] = await refusals(kec.chair);
    expect(kept).toMatchObject({ key: KEY_A, version: 1 });
    expect(kept!.why.en).toMatch(/not what the writing device signed/);
    expect(kept!.why.id).toMatch(/bukan yang ditandatangani perangkat penulisnya/);

  });

  it('refuses alone a record no device could hold (a figure past the bound written into the database): the rest of the page lands and sync goes on', async () => {
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    await type(clerk, TPS_A, 'PPWP', { 'votes.1': 101 });
    await type(clerk, TPS_B, 'PPWP', { 'votes.1': 7 });
    await syncOk(clerk);
    const db = rawDb(server.storage);
    const row = await db.selectFrom('changes').select('record').where('kecamatan', '=', server.kecamatan).where('key', '=', KEY_A).executeTakeFirstOrThrow();
    const huge = row.record.replace('"1":101', '"1":1e308');
    expect(huge).not.toBe(row.record);
    await db.updateTable('changes').set({ record: huge }).where('kecamatan', '=', server.kecamatan).where('key', '=', KEY_A).execute();

    const round = await syncOk(kec.chair);
    expect(round.pull.refused.map((r) => [r.key, r.why.en])).toEqual([[KEY_A, expect.stringMatching(/^change 1 of the page is unreadable: .*votes.*whole number 0–999,999/)]]);
    expect(await localTally(kec.chair, TPS_A, 'PPWP')).toBeNull();
    expect((await localTally(kec.chair, TPS_B, 'PPWP'))?.votes).toMatchObject({ 1: 7 });
    // The checkpoint moved past it: the next round is clean.
    expect((await syncOk(kec.chair)).pull.refused).toEqual([]);
  });

  it('refuses a change the server sends without its proof', async () => {
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    await type(clerk, TPS_A, 'PPWP', { 'votes.1': 101 });
    await syncOk(clerk);
    kec.chair.network.wrap = (t) => ({
      ...t,
      pull: async (since, limit) => {
        const page: PullResponse = await t.pull(since, limit);
        return { ...page, changes: page.changes.map(({ proof: _proof, ...c }) => c) };
      },
    });
    const round = await syncOk(kec.chair);
    expect(round.pull.refused.map((r) => [r.key, r.why.en])).toEqual([[KEY_A, 'the server sent no signature of the device that wrote it.']]);
    expect(await localTally(kec.chair, TPS_A, 'PPWP')).toBeNull();
  });

  it('refuses a figure the server forges under a device key swapped in its database, even re-signed with the new key', async () => {
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    await type(clerk, TPS_A, 'PPWP', { 'votes.1': 101 });
    await syncOk(clerk);
    await syncOk(kec.chair);
    const clerkId = (await clerk.store.transaction((tx) => tx.getMeta('enrolment')))!.deviceId;

    // The tamperer swaps the clerk's key for one of theirs, drops the kept attestation (the server
    // then attests the new key) and writes version 2 of the form through a manifest signed with it.
    const db = rawDb(server.storage);
    const forger = await generateKeyPair();
    const forgerJwk = await exportPublicJwk(forger.publicKey);
    const forgerHash = await keyHash(forgerJwk);
    await db.updateTable('devices').set({ public_key: JSON.stringify(forgerJwk), key_hash: forgerHash }).where('id', '=', clerkId).execute();
    const current = await db.selectFrom('records').selectAll().where('kecamatan', '=', server.kecamatan).where('key', '=', KEY_A).executeTakeFirstOrThrow();
    const tally = JSON.parse(current.record) as Tally;
    const text = canonicalJson({ ...tally, votes: { ...tally.votes, 1: 555 } });
    const hash = await sha256Hex(text);
    const opId = randomUUID();
    const manifest = canonicalJson({
      format: PUSH_MANIFEST_DOMAIN,
      kecamatan: server.kecamatan,
      device: forgerHash,
      ops: [{ opId, kind: 'tally', key: KEY_A, baseVersion: 1, hash, schemaVersion: 1, actor: current.actor, at: current.at, reason: null }],
    });
    const batch = await sha256Hex(manifest);
    const seq = (await server.storage.lastSeq(server.kecamatan)) + 1;
    await db.insertInto('push_batches').values({ kecamatan: server.kecamatan, id: batch, device_id: clerkId, manifest, signature: await signText(forger.privateKey, PUSH_MANIFEST_DOMAIN, manifest), received_at: current.at }).execute();
    await db.insertInto('ops').values({ kecamatan: server.kecamatan, op_id: opId, hash, key: KEY_A, device_id: clerkId, status: 'applied', version: 2, seq, received_at: current.at, batch, signature: null, message: null }).execute();
    await db.insertInto('changes').values({ kecamatan: server.kecamatan, seq, key: KEY_A, version: 2, record: text, hash, device_id: clerkId, actor: current.actor, at: current.at }).execute();
    await db.updateTable('records').set({ version: 2, record: text, hash, seq }).where('kecamatan', '=', server.kecamatan).where('key', '=', KEY_A).execute();
    await db.updateTable('kecamatan').set({ last_seq: seq }).where('code', '=', server.kecamatan).execute();

    // The attestation the server signed at enrolment still names the real key: refused.
    const round = await syncOk(kec.chair);
    expect(round.pull.refused.map((r) => [r.key, r.why.en])).toEqual([[KEY_A, 'its manifest names another device key.']]);
    expect((await localTally(kec.chair, TPS_A, 'PPWP'))?.votes).toMatchObject({ 1: 101 });

    // Without it the server has none to send (it never attests a key again by itself): a new device
    // refuses every change of that device, the real one included.
    await db.updateTable('devices').set({ attestation: null }).where('id', '=', clerkId).execute();
    const fresh = await kec.enrol('Budi', 'chair');
    const freshRound = await syncOk(fresh);
    expect(freshRound.pull.refused.map((r) => r.why.en)).toEqual([0, 1].map(() => `the server sent no attestation of device ${clerkId}'s key.`));
    expect(await localTally(fresh, TPS_A, 'PPWP')).toBeNull();

    // Someone holding the server key as well attests the swapped key: a device that met the real key keeps it.
    const attested = { deviceId: clerkId, deviceName: 'Ani', kecamatan: server.kecamatan, role: 'clerk', panel: 'panel-1', publicKey: forgerJwk, issuedAt: current.at };
    await db.updateTable('devices').set({ attestation: JSON.stringify({ ...attested, signature: await server.serverKey.sign(ATTESTATION_DOMAIN, attested) }) }).where('id', '=', clerkId).execute();
    await db.updateTable('kecamatan').set({ last_seq: seq }).where('code', '=', server.kecamatan).execute();
    await kec.chair.store.transaction((tx) => tx.setMeta('checkpoint', seq - 1));
    const pinned = await syncOk(kec.chair);
    expect(pinned.pull.refused.map((r) => r.why.en)).toEqual([`device ${clerkId}'s key changed since it was last seen (swapped on the server).`]);
    expect((await localTally(kec.chair, TPS_A, 'PPWP'))?.votes).toMatchObject({ 1: 101 });
  });
});
