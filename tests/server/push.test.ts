import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, recordHash, type OpResult } from '../../src/api/index.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';
import { generateKeyPair } from '../../src/domain/crypto/keys.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { setFigure } from '../../src/domain/tally/fields.ts';
import { cleanTally, enrol, issueCodeAs, signedOp, tallyOf, tpsIn, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';

const only = (results: OpResult[]): OpResult => {
  expect(results).toHaveLength(1);
  return results[0]!;
};

describe.each(STORAGE_CASES)('push ($name)', (storageCase) => {
  let server: TestServer;
  let chair: TestDevice;
  let tps: TpsCode;
  afterEach(async () => server?.close());

  const start = async () => {
    server = await startTestServer({ storage: storageCase });
    chair = await enrol(server, server.chairCode, 'Laptop ketua');
    tps = tpsIn(server.setup, desaOfPanel(server.setup, 'panel-1')[0]!);
  };

  it('applies an op on top of its base version, stores it and appends it to the change feed', async () => {
    await start();
    const record = tallyOf(server.setup, tps);
    const first = await chair.op(record, 0);
    expect(only((await chair.push([first])).results)).toEqual({ opId: first.opId, status: 'applied', version: 1, seq: 1 });

    const changed = setFigure(record, 'votes.1', 11);
    const second = await chair.op(changed, 1);
    expect(only((await chair.push([second])).results)).toEqual({ opId: second.opId, status: 'applied', version: 2, seq: 2 });

    const stored = await server.storage.record(server.kecamatan, `${tps}:PPWP`);
    expect(stored).toMatchObject({ version: 2, record: changed, hash: await recordHash(changed), deviceId: chair.enrolment.deviceId, actor: 'Siti Aminah' });
    const audit = await server.storage.audit(server.kecamatan);
    expect(audit.filter((a) => a.action === 'applied').map((a) => a.version)).toEqual([1, 2]);
  });

  it('decides the ops of one push in order: a later op builds on an earlier one, a repeated op is a duplicate, a stale base a conflict', async () => {
    await start();
    const record = tallyOf(server.setup, tps);
    const first = await chair.op(record, 0);
    const changed = setFigure(record, 'votes.1', 11);
    const second = await chair.op(changed, 1);
    const stale = await chair.op(setFigure(record, 'votes.1', 12), 1);
    const { results } = await chair.push([first, second, first, stale]);
    expect(results).toEqual([
      { opId: first.opId, status: 'applied', version: 1, seq: 1 },
      { opId: second.opId, status: 'applied', version: 2, seq: 2 },
      { opId: first.opId, status: 'duplicate', version: 1, seq: 1 },
      { opId: stale.opId, status: 'conflict', server: expect.objectContaining({ version: 2, hash: await recordHash(changed) }) },
    ]);
    expect(await server.storage.record(server.kecamatan, `${tps}:PPWP`)).toMatchObject({ version: 2, record: changed });
    const feed = await server.storage.changes(server.kecamatan, 0, 10);
    expect(feed.changes.map((c) => [c.seq, c.version])).toEqual([[1, 1], [2, 2]]);
    // The next push continues the sequence.
    const third = await chair.op(setFigure(changed, 'votes.2', 5), 2);
    expect(only((await chair.push([third])).results)).toMatchObject({ status: 'applied', version: 3, seq: 3 });
  });

  it('stores a record whose figures break the form\'s arithmetic, noting the findings in the audit', async () => {
    await start();
    const broken = setFigure(setFigure(tallyOf(server.setup, tps), 'valid', 61), 'invalid', 0);
    const op = await chair.op(setFigure(broken, 'total', 70), 0);
    expect(only((await chair.push([op])).results).status).toBe('applied');
    expect((await server.storage.record(server.kecamatan, op.key))?.record).toEqual(op.record);
    const applied = (await server.storage.audit(server.kecamatan)).find((a) => a.opId === op.opId);
    expect(JSON.parse(applied?.detail ?? '{}').findings).toEqual(expect.arrayContaining(['E06', 'E08']));
  });

  it('answers a replayed op as a duplicate with its first result and writes nothing new', async () => {
    await start();
    const op = await chair.op(tallyOf(server.setup, tps), 0);
    await chair.push([op]);
    expect(only((await chair.push([op])).results)).toEqual({ opId: op.opId, status: 'duplicate', version: 1, seq: 1 });
    expect(only((await chair.push([op])).results).status).toBe('duplicate');
    const feed = await chair.pull();
    expect(feed.changes).toHaveLength(1);
    expect(feed.lastSeq).toBe(1);
  });

  it('refuses an op id reused for other content, leaving the record as it was', async () => {
    await start();
    const record = tallyOf(server.setup, tps);
    const op = await chair.op(record, 0);
    await chair.push([op]);
    const other = await chair.op(setFigure(record, 'votes.2', 99), 0, { opId: op.opId });
    const result = only((await chair.push([other])).results);
    expect(result).toMatchObject({ opId: op.opId, status: 'rejected' });
    expect(result.status === 'rejected' && result.reason.en).toMatch(/already used for different content/);
    expect((await server.storage.record(server.kecamatan, op.key))?.record).toEqual(record);
  });

  it('keeps a concurrent edit as a conflict and answers with the server copy, never overwriting it', async () => {
    await start();
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const record = tallyOf(server.setup, tps);
    const mine = setFigure(record, 'votes.1', 12);
    const theirs = setFigure(record, 'votes.1', 21);
    const a = await clerk.op(mine, 0);
    const b = await chair.op(theirs, 0);
    expect(only((await clerk.push([a])).results).status).toBe('applied');
    const conflict = only((await chair.push([b])).results);
    expect(conflict.status).toBe('conflict');
    if (conflict.status !== 'conflict') return;
    expect(conflict.server).toMatchObject({ key: a.key, version: 1, record: mine, deviceId: clerk.enrolment.deviceId });
    expect((await server.storage.record(server.kecamatan, a.key))?.record).toEqual(mine);

    const kept = await server.storage.conflicts(server.kecamatan);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ opId: b.opId, baseVersion: 0, serverVersion: 1, record: theirs, deviceId: chair.enrolment.deviceId });

    // Sent again (e.g. the answer was lost): the same conflict, not a second one.
    expect(only((await chair.push([b])).results).status).toBe('conflict');
    expect(await server.storage.conflicts(server.kecamatan)).toHaveLength(1);

    // Resolved by a person into a new version on top of the server's.
    const resolved = await chair.op(setFigure(mine, 'votes.1', 15), 1);
    expect(only((await chair.push([resolved])).results)).toMatchObject({ status: 'applied', version: 2 });
  });

  it('locks a final record: only the chair reopening it moves it', async () => {
    await start();
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    // Typed, entered, verified by another person and finalised: the chair's steps, folded into one op.
    const final = cleanTally(server.setup, tps, 'PPWP', 'final');
    expect(only((await chair.push([await chair.op(final, 0)])).results)).toMatchObject({ status: 'applied', version: 1 });

    const edit = await clerk.op({ ...setFigure(final, 'votes.1', 99), status: 'entered' }, 1, { reason: 'Salah ketik' });
    const locked = only((await clerk.push([edit])).results);
    expect(locked).toMatchObject({ status: 'locked', code: 'locked', server: { version: 1, record: final } });
    expect(locked.status === 'locked' && locked.reason.id).toMatch(/final/);
    expect(only((await clerk.push([edit])).results).status).toBe('locked');

    // The chair changing figures while keeping it final is a reopen without its reason: refused.
    const chairEditKeepingFinal = await chair.op(setFigure(final, 'votes.1', 98), 1);
    expect(only((await chair.push([chairEditKeepingFinal])).results)).toMatchObject({ status: 'rejected', code: 'reason-required' });
    expect(await server.storage.record(server.kecamatan, `${final.tps}:PPWP`)).toMatchObject({ version: 1, record: final });

    const reopen = await chair.op({ ...final, status: 'verified' }, 1, { reason: 'Salah baca saksi' });
    expect(only((await chair.push([reopen])).results)).toMatchObject({ status: 'applied', version: 2 });
    expect(await server.storage.record(server.kecamatan, reopen.key)).toMatchObject({ kind: 'tally', version: 2, record: { status: 'verified' } });
  });

  it('rejects ops with a bad signature, a wrong hash, a wrong key, or a record that is not in the setup', async () => {
    await start();
    const record = tallyOf(server.setup, tps);
    const stranger = await generateKeyPair();
    const badSignature = await signedOp(stranger.privateKey, record, 0);
    const wrongHash = await chair.op(record, 0, { hash: await recordHash(setFigure(record, 'votes.1', 1)) });
    const otherTps = `${tps.slice(0, 10)}999` as TpsCode;
    const wrongKey = await chair.op(record, 0, { key: `${otherTps}:PPWP` });
    const notInSetup = await chair.op(tallyOf(server.setup, otherTps), 0);
    const extraCell = { ...record, votes: { ...record.votes, '4': 5 } } as typeof record;
    const extraCandidate = await chair.op(extraCell, 0);
    const results = (await chair.push([badSignature, wrongHash, wrongKey, notInSetup, extraCandidate])).results;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    const reasons = results.map((r) => (r.status === 'rejected' ? r.reason.en : ''));
    expect(reasons[0]).toMatch(/signature/);
    expect(reasons[1]).toMatch(/hash/);
    expect(reasons[2]).toMatch(/does not match its content/);
    expect(reasons[3]).toMatch(/not in this kecamatan's setup/);
    expect(reasons[4]).toMatch(/\+votes\.4/);
    expect(await server.storage.record(server.kecamatan, `${tps}:PPWP`)).toBeNull();
    expect((await chair.pull()).changes).toHaveLength(0);
  });

  it('rejects an op built on a version the server never had', async () => {
    await start();
    const op = await chair.op(tallyOf(server.setup, tps), 3);
    const result = only((await chair.push([op])).results);
    expect(result.status === 'rejected' && result.reason.en).toMatch(/no version 3/);
    expect(await server.storage.record(server.kecamatan, op.key)).toBeNull();
  });

  it('answers a malformed op as rejected and still processes the rest of the batch', async () => {
    await start();
    const good = await chair.op(tallyOf(server.setup, tps), 0);
    const malformedId = randomUUID();
    const { results } = await chair.push([{ opId: malformedId, key: 'nonsense' }, good]);
    expect(results[0]).toMatchObject({ opId: malformedId, status: 'rejected' });
    expect(results[1]).toMatchObject({ opId: good.opId, status: 'applied' });
  });

  it('processes nothing when an op has no usable op id', async () => {
    await start();
    const good = await chair.op(tallyOf(server.setup, tps), 0);
    const res = await chair.push([good, { ...good, opId: 'not-a-uuid' }]);
    expect(res.status).toBe(400);
    const body = ApiErrorSchema.parse(res.body);
    expect(body.error.issues?.[0]?.path).toBe('ops.1.opId');
    expect(await server.storage.record(server.kecamatan, good.key)).toBeNull();
  });

  it('gives concurrent pushes of one kecamatan distinct, gap-free sequence numbers', async () => {
    await start();
    const clerk = await enrol(server, await issueCodeAs(server, chair, 'clerk', 'panel-1'), 'Panel 1');
    const desa = desaOfPanel(server.setup, 'panel-1')[0]!;
    const contests = ['PPWP', 'DPD'] as const;
    const pushes = [0, 1, 2, 3, 4].flatMap((i) =>
      contests.map(async (contest) => {
        const device = i % 2 === 0 ? chair : clerk;
        const votes = contest === 'PPWP' ? [i, i, i] : [];
        return device.push([await device.op(tallyOf(server.setup, tpsIn(server.setup, desa, i), contest, votes), 0)]);
      }),
    );
    const results = (await Promise.all(pushes)).map((p) => only(p.results));
    const seqs = results.map((r) => (r.status === 'applied' ? r.seq : -1)).sort((a, b) => a - b);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const feed = await chair.pull();
    expect(feed.changes.map((c) => c.seq)).toEqual(seqs);
  });
});
