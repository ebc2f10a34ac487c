import { afterEach, describe, expect, it } from 'vitest';
import { manifestSigningMessage, PushResponseSchema, type Op, type OpResult, type UnsignedOp } from '../../src/api/index.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { setFigure } from '../../src/domain/tally/fields.ts';
import { verifyStoredOps } from '../../src/server/audit/verifyOps.ts';
import { signPush, type SignedPush } from '../../src/sync/sign.ts';
import { enrol, issueCodeAs, signedOp, tallyOf, tpsIn, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

/** One signature per push (issue 13): the manifest lists the ops; the server keeps it with them. */
describe.each(STORAGE_CASES)('a push signed once, by its manifest ($name)', (storageCase) => {
  let server: TestServer;
  let chair: TestDevice;
  let tpsList: TpsCode[];
  afterEach(async () => server?.close());

  const start = async () => {
    server = await startTestServer({ storage: storageCase });
    chair = await enrol(server, server.chairCode, 'Laptop ketua');
    const desa = desaOfPanel(server.setup, 'panel-1')[0]!;
    tpsList = [tpsIn(server.setup, desa, 0), tpsIn(server.setup, desa, 1), tpsIn(server.setup, desa, 2)];
  };

  const unsignedOps = async (device: TestDevice, votes = [10, 20, 30]): Promise<UnsignedOp[]> =>
    Promise.all(
      tpsList.map(async (tps) => {
        const { signature: _alone, ...op } = await device.op(tallyOf(server.setup, tps, 'PPWP', votes), 0);
        return op as UnsignedOp;
      }),
    );

  const signedBy = async (device: TestDevice, ops: UnsignedOp[]): Promise<SignedPush> =>
    signPush(ops, { privateKey: device.keys.privateKey, keyHash: await keyHash(await exportPublicJwk(device.keys.publicKey)), kecamatan: device.enrolment.kecamatan });

  const send = async (device: TestDevice, body: unknown): Promise<OpResult[]> => {
    const res = await server.request('/api/push', { method: 'POST', headers: { ...device.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return PushResponseSchema.parse(await res.json()).results;
  };

  const feed = async () => (await chair.pull()).changes;

  it('applies every op under the one signature and keeps the manifest, so each op stays provable on its own', async () => {
    await start();
    const push = await signedBy(chair, await unsignedOps(chair));
    const results = await send(chair, push);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const message = manifestSigningMessage(push.manifest);
    const id = await sha256Hex(message);
    const proofs = await server.storage.appliedOpProofs(server.kecamatan);
    expect(proofs).toHaveLength(3);
    for (const proof of proofs) {
      expect(proof.batch).toEqual({ id, manifest: message, signature: push.signature });
      expect(proof.signature).toBeNull();
      expect(push.manifest.ops.find((e) => e.opId === proof.opId)?.hash).toBe(proof.hash);
    }

    // The same push again (its answer lost): the same manifest, one stored row, every op a duplicate.
    const again = await send(chair, await signedBy(chair, push.ops));
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect((await verifyStoredOps(server.storage, server.kecamatan))).toMatchObject({ records: 3, provenOps: 3, batches: 1, unprovenOps: 0, failures: [] });
  });

  it('refuses the whole push when the signature or the manifest was changed on the way, storing nothing', async () => {
    await start();
    const push = await signedBy(chair, await unsignedOps(chair));
    const other = await signedBy(chair, await unsignedOps(chair, [11, 20, 30]));

    const swappedSignature = await send(chair, { ...push, signature: other.signature });
    expect(swappedSignature.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(new Set(swappedSignature.map((r) => (r.status === 'rejected' ? r.code : null)))).toEqual(new Set(['bad-signature']));

    const editedManifest = { ...push.manifest, ops: push.manifest.ops.map((e, i) => (i === 1 ? { ...e, baseVersion: 3 } : e)) };
    const edited = await send(chair, { ...push, manifest: editedManifest });
    expect(edited.every((r) => r.status === 'rejected' && r.code === 'bad-signature')).toBe(true);

    const shorter = await send(chair, { ...push, ops: push.ops.slice(0, 2) });
    expect(shorter.every((r) => r.status === 'rejected' && r.code === 'bad-manifest')).toBe(true);
    const unsigned = await send(chair, { ops: push.ops });
    expect(unsigned.every((r) => r.status === 'rejected' && r.code === 'bad-signature')).toBe(true);
    expect(await feed()).toEqual([]);
  });

  it('refuses an op that is not what the manifest lists, and takes the others', async () => {
    await start();
    const ops = await unsignedOps(chair);
    const push = await signedBy(chair, ops);
    const changedRecord = setFigure(ops[1]!.record as Parameters<typeof setFigure>[0], 'votes.1', 99);
    const { hash } = (await chair.op(changedRecord, 0)) as Op;
    const tampered = push.ops.map((op, i) => (i === 1 ? { ...op, record: changedRecord, hash } : op));
    const results = await send(chair, { ...push, ops: tampered });
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['applied', 'not-in-manifest', 'applied']);
    expect((await feed()).map((c) => c.key)).toEqual([`${tpsList[0]}:PPWP`, `${tpsList[2]}:PPWP`]);
  });

  it("refuses another device's signed push replayed under this device's token", async () => {
    await start();
    const thief = await enrol(server, await issueCodeAs(server, chair, 'chair'), 'Laptop lain');
    const stolen = await signedBy(chair, await unsignedOps(chair));
    const results = await send(thief, stolen);
    expect(results.every((r) => r.status === 'rejected' && r.code === 'bad-manifest')).toBe(true);
    // Signed by the thief's own key but naming the chair's device: the manifest names the signer.
    const forged = await signPush(stolen.ops, { privateKey: thief.keys.privateKey, keyHash: stolen.manifest.device, kecamatan: chair.enrolment.kecamatan });
    expect((await send(thief, forged)).every((r) => r.status === 'rejected' && r.code === 'bad-manifest')).toBe(true);
    expect(await feed()).toEqual([]);
  });

  it('answers text that cannot be signed (a lone UTF-16 surrogate) for its op or its push, never with a 500', async () => {
    await start();
    const ops = await unsignedOps(chair);
    const broken = ops.map((op, i) => (i === 1 ? { ...op, actor: 'Siti \ud800' } : op));
    // Signed op by op (no manifest): the broken op alone is refused.
    const alone = await Promise.all(broken.map(async (op) => ({ ...op, signature: (await chair.op(op.record as Parameters<TestDevice['op']>[0], 0)).signature })));
    const res = await server.request('/api/push', { method: 'POST', headers: { ...chair.auth, 'content-type': 'application/json' }, body: JSON.stringify({ ops: alone }) });
    expect(res.status).toBe(200);
    const results = PushResponseSchema.parse(await res.json()).results;
    expect(results[1]).toMatchObject({ status: 'rejected', code: 'malformed' });
    // In a manifest: the whole push is refused, as for any manifest that does not hold.
    const push = await signedBy(chair, ops);
    const manifest = { ...push.manifest, ops: push.manifest.ops.map((e, i) => (i === 1 ? { ...e, actor: 'Siti \ud800' } : e)) };
    const refused = await send(chair, { ...push, manifest });
    expect(refused.every((r) => r.status === 'rejected' && r.code === 'bad-manifest')).toBe(true);
  });

  it('still takes a push whose ops are each signed (a device from before batch signing)', async () => {
    await start();
    const op = await chair.op(tallyOf(server.setup, tpsList[0]!), 0);
    expect((await chair.push([op])).results.map((r) => r.status)).toEqual(['applied']);
    const stray = await generateKeyPair();
    const { signature: _own, ...bare } = op;
    const wrongKey = await signedOp(stray.privateKey, tallyOf(server.setup, tpsList[1]!), 0);
    const results = (await chair.push([{ ...bare, opId: crypto.randomUUID() }, wrongKey])).results;
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['bad-signature', 'bad-signature']);
  });
});
