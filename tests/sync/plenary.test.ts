import { describe, expect, it } from 'vitest';
import { objectionKey } from '../../src/api/records.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import {
  attachPhoto,
  decideObjection,
  desaFinalisationState,
  finaliseDesa,
  getObjection,
  listObjections,
  markEntered,
  recordObjection,
  reopenDesa,
  saveSetup,
  setFigures,
  verifyReadback,
} from '../../src/db/index.ts';
import { resolveConflict, retryFailed, takeServerVersion, TransportError, transportFailure, writeLocalRecord } from '../../src/sync/index.ts';
import { localTally, syncOk, typeUnchecked } from './helpers.ts';
import { BAGON, BAGON_FINALISATION, BAGON_KEYS, BAGON_TPS, cleanPpwp, enterAndVerify, recordAnswers, witnessObjection } from './plenaryHelpers.ts';
import { kecamatanEach, newClient, SERVER_URL, serverChanges, serverTally, STORAGE_CASES, type Kecamatan, type TestServer } from './realServer.ts';

/**
 * Issue 11 (authority): every record of the plenary — forms, objections, finalisations — syncs
 * through the one op protocol, and the server enforces who may do what, whatever a device sends.
 */
describe.each(STORAGE_CASES)('the plenary across devices (real server in-process, $name)', (storage) => {
  let server: TestServer;
  let kec: Kecamatan;
  kecamatanEach(storage, (s, k) => {
    server = s;
    kec = k;
  });

  it('a witness files an objection on its phone; the chair sees it, decides it, and the witness sees the decision; a witness cannot decide', async () => {
    const { chair } = kec;
    const witness = await kec.enrol('Saksi', 'witness');
    const answers = recordAnswers(witness);
    const tps = BAGON_TPS[2]!;

    const filed = await recordObjection(witness.db, witnessObjection(tps), 'Saksi');
    if (!filed.ok) throw new Error(filed.error.kind);
    const id = filed.value.id;
    const key = objectionKey(id);
    await syncOk(witness);
    expect(answers.map((a) => [a.op.key, a.result.status])).toEqual([[key, 'applied']]);

    await syncOk(chair);
    const seen = await listObjections(chair.db, { tps });
    expect(seen.rows.map((r) => r.id)).toEqual([id]);
    expect(seen.rows[0]!.objection).toMatchObject({ filedBy: { name: 'Saksi', role: 'witness' }, decision: { status: 'pending' }, raisedBy: { role: 'witness' } });

    const decided = await decideObjection(chair.db, id, { status: 'rejected', note: 'Sesuai plano, tidak ada perbedaan.' }, 'Ketua');
    expect(decided.ok).toBe(true);
    await syncOk(chair);
    expect((await server.storage.record(server.kecamatan, key))?.version).toBe(2);

    await syncOk(witness);
    const mine = await getObjection(witness.db, id);
    expect(mine.ok && mine.value?.objection.decision).toMatchObject({ status: 'rejected', by: 'Ketua', note: 'Sesuai plano, tidak ada perbedaan.' });
    // The witness's row tells the story: recorded, then decided by the chair.
    expect(mine.ok && mine.value?.history.map((e) => [e.action, e.by])).toEqual([
      ['recorded', 'Saksi'],
      ['decided', 'Ketua'],
    ]);
    expect(await witness.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });

    // The witness's device does not let it decide …
    const refused = await decideObjection(witness.db, id, { status: 'corrected', note: 'Harus dibetulkan.' }, 'Saksi');
    expect(refused.ok ? null : refused.error).toMatchObject({ kind: 'workflow-refused', refusal: { code: 'chair-only' } });
    // … and the server refuses the decision when it is sent past the device.
    const before = await server.storage.record(server.kecamatan, key);
    const objection = mine.ok ? mine.value!.objection : null;
    const forged = { ...objection!, decision: { status: 'corrected' as const, note: 'Harus dibetulkan.', by: 'Saksi', at: new Date().toISOString() } };
    expect(await witness.store.transaction((tx) => writeLocalRecord(tx, { kind: 'objection', key, record: forged }, 'Saksi', 'Harus dibetulkan.'))).toBe(true);
    const round = await syncOk(witness);
    expect(round.push.failed.map((f) => [f.key, f.status])).toEqual([[key, 'rejected']]);
    expect(answers.at(-1)?.result).toMatchObject({ status: 'rejected', code: 'chair-only', server: { key, version: 2 } });
    expect(await server.storage.record(server.kecamatan, key)).toEqual(before);
    // The refusal stays visible until the witness takes the server's copy back.
    expect(await witness.store.counts()).toEqual({ pending: 1, conflicts: 0, failed: 1 });
    const [failed] = await witness.store.transaction((tx) => tx.getMeta('failed'));
    expect(await takeServerVersion(witness.store, failed!.id, 'Saksi')).toBe(true);
    const back = await getObjection(witness.db, id);
    expect(back.ok && back.value?.objection.decision).toMatchObject({ status: 'rejected', by: 'Ketua' });
    expect(await witness.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
  });

  it('the chair finalises BAGON: final on the clerk’s device and locked on the server; reopened, the clerk corrects again', async () => {
    const { chair } = kec;
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    const answers = recordAnswers(clerk);
    for (const [i, tps] of BAGON_TPS.entries()) await enterAndVerify(clerk, tps, i, 'Budi');
    // Entered, then verified before any push: one op per form (folded).
    expect((await syncOk(clerk)).push).toMatchObject({ sent: 17, acknowledged: 17, conflicts: [], failed: [] });

    await syncOk(chair);
    const finalised = await finaliseDesa(chair.db, BAGON, 'PPWP', 'Ketua');
    expect(finalised.ok ? finalised.value.state : finalised.error).toBe('final');
    expect((await syncOk(chair)).push).toMatchObject({ sent: 18, acknowledged: 18, failed: [] });
    expect((await server.storage.record(server.kecamatan, BAGON_FINALISATION))?.record).toMatchObject({ state: 'final', level: 'desa' });
    for (const key of BAGON_KEYS) expect((await serverTally(server, key))?.record.status, key).toBe('final');

    await syncOk(clerk);
    const state = await desaFinalisationState(clerk.db, BAGON, 'PPWP');
    expect(state.ok && state.value.final).toBe(true);
    expect(state.ok && state.value.row?.history.map((e) => [e.action, e.by])).toEqual([['finalised', 'Ketua']]);
    for (const tps of BAGON_TPS) expect((await localTally(clerk, tps, 'PPWP'))?.status, tps).toBe('final');

    // The clerk's device refuses a change …
    const tps = BAGON_TPS[4]!;
    const key = tallyKey({ tps, contest: 'PPWP' });
    const refused = await setFigures(clerk.db, { tps, contest: 'PPWP', changes: [{ path: 'votes.1', value: 40 }], actor: 'Ani', reason: 'salah baca' });
    expect(refused.ok ? null : refused.error.kind).toBe('workflow-refused');
    expect(refused.ok ? null : refused.error.kind === 'workflow-refused' && refused.error.refusal.code).toMatch(/^(desa-final|locked)$/);
    // … and the server locks it when it is sent past the device; its copy is unchanged.
    const held = await serverTally(server, key);
    await typeUnchecked(clerk, tps, 'PPWP', { 'votes.1': 40 });
    const round = await syncOk(clerk);
    expect(round.push.failed.map((f) => [f.key, f.status])).toEqual([[key, 'locked']]);
    expect(answers.at(-1)?.result).toMatchObject({ status: 'locked', code: expect.stringMatching(/^(desa-final|locked)$/), server: { key, version: held!.version } });
    expect(await serverTally(server, key)).toEqual(held);
    const [failed] = await clerk.store.transaction((tx) => tx.getMeta('failed'));
    expect(await takeServerVersion(clerk.store, failed!.id, 'Ani')).toBe(true);
    expect((await localTally(clerk, tps, 'PPWP'))?.votes[1]).toBe(held!.record.votes[1]);

    // The chair reopens (with a reason): the clerk may correct again.
    const noReason = await reopenDesa(chair.db, BAGON, 'PPWP', 'Ketua', ' ');
    expect(noReason.ok ? null : noReason.error.kind).toBe('reason-required');
    const reopened = await reopenDesa(chair.db, BAGON, 'PPWP', 'Ketua', 'Keberatan saksi TPS 005: hitung ulang');
    expect(reopened.ok ? reopened.value.state : reopened.error).toBe('reopened');
    expect((await syncOk(chair)).push).toMatchObject({ acknowledged: 18, failed: [], conflicts: [] });
    expect((await server.storage.record(server.kecamatan, BAGON_FINALISATION))?.record).toMatchObject({ state: 'reopened' });

    await syncOk(clerk);
    const after = await desaFinalisationState(clerk.db, BAGON, 'PPWP');
    expect(after.ok && after.value.row?.state).toBe('reopened');
    expect(after.ok && after.value.final).toBe(false);
    for (const t of BAGON_TPS) expect((await localTally(clerk, t, 'PPWP'))?.status, t).toBe('verified');
    const corrected = await setFigures(clerk.db, { tps, contest: 'PPWP', changes: [{ path: 'votes.1', value: 40 }, { path: 'votes.2', value: 41 }], actor: 'Ani', reason: 'hitung ulang' });
    expect(corrected.ok).toBe(true);
    expect((await syncOk(clerk)).push).toMatchObject({ acknowledged: 1, failed: [], conflicts: [] });
    expect((await serverTally(server, key))?.record).toMatchObject({ status: 'entered', votes: { 1: 40, 2: 41 } });
    expect(await clerk.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
    // Every applied form change came from the clerk or the chair; the finalisation's only from the chair.
    const devices = new Map((await server.storage.listDevices(server.kecamatan)).map((d) => [d.id, d.role]));
    for (const change of await serverChanges(server)) {
      if (change.kind === 'finalisation') expect(devices.get(change.deviceId)).toBe('chair');
      else expect(['chair', 'clerk']).toContain(devices.get(change.deviceId));
    }
  });

  it('a finalised desa locks its forms’ photos: refused on the clerk’s device, and on the server when sent past it', async () => {
    const { chair } = kec;
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    const answers = recordAnswers(clerk);
    for (const [i, tps] of BAGON_TPS.entries()) await enterAndVerify(clerk, tps, i, 'Budi');
    await syncOk(clerk);
    await syncOk(chair);
    expect((await finaliseDesa(chair.db, BAGON, 'PPWP', 'Ketua')).ok).toBe(true);
    await syncOk(chair);
    await syncOk(clerk);

    const tps = BAGON_TPS[2]!;
    const key = tallyKey({ tps, contest: 'PPWP' });
    const photo = await attachPhoto(clerk.db, { key, blob: new Blob(['C.Hasil '.repeat(50)], { type: 'image/jpeg' }), width: 10, height: 10, actor: 'Ani' });
    expect(!photo.ok && photo.error.kind === 'workflow-refused' && photo.error.refusal.code).toBe('desa-final');

    const sha256 = 'a'.repeat(64);
    const forged = { tps, contest: 'PPWP' as const, photos: [{ sha256, mime: 'image/jpeg' as const, bytes: 400, width: 10, height: 10, page: 1, addedBy: 'Ani', addedAt: new Date().toISOString() }] };
    expect(await clerk.store.transaction((tx) => writeLocalRecord(tx, { kind: 'photos', key: `photos:${key}`, record: forged } as never, 'Ani', null))).toBe(true);
    const round = await syncOk(clerk);
    expect(round.push.failed.map((f) => f.key)).toEqual([`photos:${key}`]);
    expect(answers.at(-1)?.result).toMatchObject({ code: 'desa-final' });
    expect(await server.storage.record(server.kecamatan, `photos:${key}`)).toBeFalsy();
  });

  it('a finalisation waits for its forms: after a lost answer the chair’s round sends the forms final first, and the server takes both', async () => {
    const { chair } = kec;
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    for (const [i, tps] of BAGON_TPS.slice(0, -1).entries()) await enterAndVerify(clerk, tps, i, 'Budi');
    await syncOk(clerk);
    await syncOk(chair);
    // The chair enters the last form; its push lands but the answer is lost.
    await enterAndVerify(chair, BAGON_TPS.at(-1)!, 16, 'Dewi');
    let lose = true;
    chair.network.wrap = (t) => ({
      ...t,
      push: async (ops) => {
        const answer = await t.push(ops);
        if (!lose) return answer;
        lose = false;
        throw new TransportError(transportFailure.network('no-answer'));
      },
    });
    expect((await chair.engine.syncNow()).kind).toBe('failed');
    // Finalised before the next round: the last form's finalise waits behind the op in flight.
    const finalised = await finaliseDesa(chair.db, BAGON, 'PPWP', 'Ketua');
    expect(finalised.ok).toBe(true);
    const round = await syncOk(chair);
    expect(round.push).toMatchObject({ conflicts: [], failed: [] });
    expect(await chair.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
    expect((await server.storage.record(server.kecamatan, BAGON_FINALISATION))?.record).toMatchObject({ state: 'final' });
    for (const key of BAGON_KEYS) expect((await serverTally(server, key))?.record.status, key).toBe('final');
  });

  it('the server keeps a desa open while it holds one of its forms in another version than the chair finalised', async () => {
    const { chair } = kec;
    const clerk = await kec.enrol('Ani', 'clerk', 'panel-1');
    for (const [i, tps] of BAGON_TPS.entries()) await enterAndVerify(clerk, tps, i, 'Budi');
    await syncOk(clerk);
    await syncOk(chair);
    // The clerk corrects a verified form and verifies it again; the chair, not having pulled it, finalises.
    const tps = BAGON_TPS[3]!;
    const key = tallyKey({ tps, contest: 'PPWP' });
    expect((await setFigures(clerk.db, { tps, contest: 'PPWP', changes: [{ path: 'votes.1', value: 34 }, { path: 'votes.2', value: 46 }], actor: 'Ani', reason: 'salah baca' })).ok).toBe(true);
    expect((await verifyReadback(clerk.db, key, 'Budi')).ok).toBe(true);
    await syncOk(clerk);
    expect((await finaliseDesa(chair.db, BAGON, 'PPWP', 'Ketua')).ok).toBe(true);
    const round = await syncOk(chair);
    // The form is a conflict; the finalisation is refused (not every form is final on the server) …
    expect(round.push.conflicts).toEqual([key]);
    expect(round.push.failed.map((f) => [f.key, f.status])).toEqual([[BAGON_FINALISATION, 'rejected']]);
    expect(await server.storage.record(server.kecamatan, BAGON_FINALISATION)).toBeNull();
    expect((await serverTally(server, key))?.record).toMatchObject({ status: 'verified', votes: { 1: 34, 2: 46 } });
    // … so the clerk's desa stays open, its correction kept.
    await syncOk(clerk);
    const state = await desaFinalisationState(clerk.db, BAGON, 'PPWP');
    expect(state.ok && state.value.row).toBeNull();
    // The chair takes the clerk's version, finalises its form again and sends the finalisation again.
    expect((await resolveConflict(chair.store, key, { cells: { 'votes.1': { from: 'server' }, 'votes.2': { from: 'server' } }, meta: 'server', actor: 'Ketua', reason: 'pembetulan panel' })).ok).toBe(true);
    expect((await finaliseDesa(chair.db, BAGON, 'PPWP', 'Ketua')).ok).toBe(true);
    const [failed] = await chair.store.transaction((tx) => tx.getMeta('failed'));
    expect(await retryFailed(chair.store, failed!.id, () => crypto.randomUUID())).toBe(true);
    expect((await syncOk(chair)).push).toMatchObject({ acknowledged: 2, conflicts: [], failed: [] });
    expect((await server.storage.record(server.kecamatan, BAGON_FINALISATION))?.record).toMatchObject({ state: 'final' });
    for (const k of BAGON_KEYS) expect((await serverTally(server, k))?.record.status, k).toBe('final');
    await syncOk(clerk);
    const final = await desaFinalisationState(clerk.db, BAGON, 'PPWP');
    expect(final.ok && final.value.final).toBe(true);
    expect((await localTally(clerk, tps, 'PPWP'))?.votes).toMatchObject({ 1: 34, 2: 46 });
  });

  it('a special event decided offline covers the form verified after it: one push, the event first', async () => {
    const { chair } = kec;
    const tps = BAGON_TPS[5]!;
    const key = tallyKey({ tps, contest: 'PPWP' });
    // The paper form breaks its own arithmetic (valid ≠ the sum of the votes: E08); typed first, so
    // the form's op is older than the event's.
    const typed = await setFigures(chair.db, { tps, contest: 'PPWP', changes: Object.entries({ ...cleanPpwp(5), 'votes.1': 36 }).map(([path, value]) => ({ path, value })), actor: 'Ketua' });
    expect(typed.ok).toBe(true);
    const event = await recordObjection(chair.db, { ...witnessObjection(tps), kind: 'special-event', raisedBy: { role: 'ppk-member', name: 'Ketua' } }, 'Ketua');
    if (!event.ok) throw new Error(event.error.kind);
    expect((await decideObjection(chair.db, event.value.id, { status: 'noted', note: 'Plano sesuai; C.Hasil salah jumlah.' }, 'Ketua')).ok).toBe(true);
    expect((await markEntered(chair.db, key, 'Ketua', [])).ok).toBe(true);
    expect((await verifyReadback(chair.db, key, 'Dewi')).ok).toBe(true);
    expect((await syncOk(chair)).push).toMatchObject({ sent: 2, acknowledged: 2, failed: [] });
    expect((await serverTally(server, key))?.record).toMatchObject({ status: 'verified', verifiedBy: 'Dewi', votes: { 1: 36 } });
  });

  it('objections recorded before the device enrolled go to the server on enrolment', async () => {
    const phone = newClient(server, 'Rina');
    expect((await saveSetup(phone.db, server.setup)).ok).toBe(true);
    const a = await recordObjection(phone.db, witnessObjection(BAGON_TPS[0]!, 'Rina'), 'Rina');
    const b = await recordObjection(phone.db, { ...witnessObjection(BAGON_TPS[1]!, 'Rina'), kind: 'special-event' }, 'Rina');
    if (!a.ok || !b.ok) throw new Error('recordObjection');
    // Not enrolled: filed without a device role (the server checks the role it enrols with).
    expect(a.value.objection.filedBy).toBeUndefined();
    // `b` was recorded by an app that did not queue objections yet: no op of its own.
    await phone.db.outbox.where('key').equals(objectionKey(b.value.id)).delete();
    expect(await phone.db.outbox.count()).toBe(1);

    const enrolled = await phone.engine.enrol({ serverUrl: SERVER_URL, code: await kec.code('witness'), deviceName: 'HP Rina', actor: 'Rina' });
    expect(enrolled.ok).toBe(true);
    // Enrolment queued the one the device held without an op (base 0), and kept the other's.
    const ops = await phone.store.transaction(async (tx) => [...(await tx.opsFor(objectionKey(a.value.id))), ...(await tx.opsFor(objectionKey(b.value.id)))]);
    expect(ops.map((op) => [op.key, op.baseVersion])).toEqual([
      [objectionKey(a.value.id), 0],
      [objectionKey(b.value.id), 0],
    ]);
    expect((await syncOk(phone)).push).toMatchObject({ sent: 2, acknowledged: 2, failed: [] });
    for (const row of [a.value, b.value]) {
      const stored = await server.storage.record(server.kecamatan, objectionKey(row.id));
      expect(stored).toMatchObject({ kind: 'objection', version: 1, record: row.objection });
    }
    await syncOk(kec.chair);
    expect((await listObjections(kec.chair.db)).rows.map((r) => r.id).sort()).toEqual([a.value.id, b.value.id].sort());
  });
});
