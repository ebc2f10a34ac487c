import { describe, expect, it, vi } from 'vitest';
import { DesaCodeSchema, TpsCodeSchema } from '../../src/domain/codes/codes.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import { auditOfRecord, getHistory, loadSetup, markEntered, setFigures, verifyReadback } from '../../src/db/index.ts';
import { DexieSyncStore, localLock, pullAll, resolveConflict, retryFailed, SyncEngine, takeServerVersion, TransportError, transportFailure, writeLocal } from '../../src/sync/index.ts';
import { freshDb, KEY1, TPS1, TPS2, TPS_OTHER_DESA, typeForm } from '../db/fixtures.ts';
import { concurrentEdit, localTally, syncOk, type, typeUnchecked } from './helpers.ts';
import { kecamatanEach, directTransport, newClient, SERVER_URL, serverChanges, serverTally, STORAGE_CASES, tokenOf, type Kecamatan, type TestServer } from './realServer.ts';
import { offlineTransport } from './transports.ts';

// The Puger demo's schedule gives panel 2 desa 3509082001 (TPS1, TPS2) and 3509082002
// (TPS_OTHER_DESA); desa 3509082004 belongs to panel 1.
const DESA1 = DesaCodeSchema.parse('3509082001');
const PANEL = 'panel-2';
const TPS_OTHER_PANEL = TpsCodeSchema.parse('3509082004001');

describe.each(STORAGE_CASES)('the sync engine against the real server ($name)', (storage) => {
  let server: TestServer;
  let kec: Kecamatan;
  kecamatanEach(storage, (s, k) => {
    server = s;
    kec = k;
  });

  describe('enrolment', () => {
    it('installs the server’s setup, keeps the role and refuses a second enrolment', async () => {
      const clerk = await kec.enrol('Ani', 'clerk', PANEL);
      const setup = await loadSetup(clerk.db);
      expect(setup.ok && setup.value?.kecamatan.code).toBe('350908');
      const enrolment = await clerk.store.transaction((tx) => tx.getMeta('enrolment'));
      // The server gives a clerk the desa of its panel over the whole schedule.
      expect(enrolment).toMatchObject({ role: 'clerk', panel: PANEL, desa: desaOfPanel(server.setup, PANEL), serverUrl: SERVER_URL });
      expect(enrolment?.desa).toContain(DESA1);
      const again = await clerk.engine.enrol({ serverUrl: SERVER_URL, code: await kec.code('chair'), deviceName: 'x', actor: 'Ani' });
      expect(!again.ok && again.error.en).toMatch(/already connected/);
    });

    it('stores nothing when the code is refused, and says so', async () => {
      const client = newClient(server, 'Ani');
      const result = await client.engine.enrol({ serverUrl: SERVER_URL, code: 'no-such-code', deviceName: 'x', actor: 'Ani' });
      expect(result.ok).toBe(false);
      expect(await client.store.transaction((tx) => tx.getMeta('enrolment'))).toBeNull();
      expect((await loadSetup(client.db)).ok && (await loadSetup(client.db))).toMatchObject({ value: null });
    });

    it('refuses an answer whose attestation does not cover this device’s key', async () => {
      const genuine = directTransport(server, null);
      // Another device's genuine attestation, replayed into this device's enrolment answer.
      const other = await kec.enrol('Mallory', 'chair');
      const foreign = (await other.store.transaction((tx) => tx.getMeta('enrolment')))!.attestation;
      const client = newClient(server, 'Ani');
      client.network.wrap = () => ({ ...genuine, enrol: async (req) => ({ ...(await genuine.enrol(req)), attestation: foreign }) });
      const result = await client.engine.enrol({ serverUrl: SERVER_URL, code: await kec.code('chair'), deviceName: 'x', actor: 'Ani' });
      expect(!result.ok && result.error.en).toMatch(/NOT enrolled/);
      expect(await client.store.transaction((tx) => tx.getMeta('enrolment'))).toBeNull();
      expect((await loadSetup(client.db)).ok && (await loadSetup(client.db))).toMatchObject({ value: null });
    });
  });

  describe('push and pull', () => {
    it('a clerk types offline; once online the chair pulls exactly those figures', async () => {
      const clerk = await kec.enrol('Ani', 'clerk', PANEL);
      const { chair } = kec;
      clerk.network.wrap = () => offlineTransport;
      await type(clerk, TPS1, 'PPWP', { 'votes.1': 30, 'votes.2': 50 });
      await type(clerk, TPS1, 'PPWP', { 'votes.3': 35 });
      const offline = await clerk.engine.syncNow();
      expect(offline.kind).toBe('failed');
      expect((await clerk.store.counts()).pending).toBe(1);
      expect(await clerk.store.transaction((tx) => tx.getMeta('lastError'))).toMatchObject({ en: expect.stringMatching(/unreachable/) });

      clerk.network.wrap = (t) => t;
      const online = await syncOk(clerk);
      // Three writes while offline travel as one op: the record as it is now.
      expect(online.push).toMatchObject({ sent: 1, acknowledged: 1 });
      expect((await clerk.store.counts()).pending).toBe(0);
      expect(await clerk.store.transaction((tx) => tx.getMeta('lastError'))).toBeNull();

      await syncOk(chair);
      expect((await localTally(chair, TPS1, 'PPWP'))?.votes).toEqual({ 1: 30, 2: 50, 3: 35 });
      // The chair's history says where the figures came from.
      const history = await getHistory(chair.db, KEY1);
      expect(history.at(-1)).toMatchObject({ kind: 'import', by: 'Ani' });
    });

    it('a lost answer is resent under the same op id and counted once (duplicate)', async () => {
      const clerk = await kec.enrol('Ani', 'clerk', PANEL);
      await type(clerk, TPS1, 'PPWP', { 'votes.1': 7 });
      let lose = true;
      clerk.network.wrap = (t) => ({
        ...t,
        push: async (ops) => {
          const answer = await t.push(ops);
          if (lose) {
            lose = false;
            throw new TransportError(transportFailure.network('no-answer'));
          }
          return answer;
        },
      });
      expect((await clerk.engine.syncNow()).kind).toBe('failed');
      expect((await serverTally(server, KEY1))?.version).toBe(1);
      // Typed meanwhile: a new op behind the one in flight, not folded into it.
      await type(clerk, TPS1, 'PPWP', { 'votes.2': 8 });
      await syncOk(clerk);
      expect((await serverTally(server, KEY1))?.version).toBe(2);
      expect((await serverTally(server, KEY1))?.record.votes).toEqual({ 1: 7, 2: 8, 3: null });
      expect((await serverChanges(server)).map((c) => c.version)).toEqual([1, 2]);
      expect((await clerk.store.counts()).pending).toBe(0);
    });

    it('a concurrent edit of one record becomes a conflict, resolved cell by cell into a new version', async () => {
      const { a, b, round } = await concurrentEdit(kec, { shared: { 'votes.1': 30, 'votes.2': 50 }, a: { 'votes.1': 31 }, b: { 'votes.1': 32, 'votes.2': 49 } });
      expect(round.push.conflicts).toEqual([KEY1]);
      // Nothing silently overwritten on either side.
      expect((await serverTally(server, KEY1))?.record.votes).toMatchObject({ 1: 31, 2: 50 });
      expect((await localTally(b, TPS1, 'PPWP'))?.votes).toMatchObject({ 1: 32, 2: 49 });
      const [conflict] = await b.store.conflicts();
      expect(conflict).toMatchObject({ key: KEY1, source: 'push', server: { version: 2 } });
      // Until resolved, the record sends nothing more.
      await type(b, TPS1, 'PPWP', { 'votes.3': 5 });
      expect((await syncOk(b)).push.sent).toBe(0);

      const missing = await resolveConflict(b.store, KEY1, { cells: { 'votes.1': { from: 'server' } }, meta: 'server', actor: 'Budi', reason: 'cek C.Hasil' });
      expect(!missing.ok && missing.error.en).toMatch(/every differing cell/);
      const resolved = await resolveConflict(b.store, KEY1, {
        cells: { 'votes.1': { from: 'server' }, 'votes.2': { from: 'typed', value: 48 }, 'votes.3': { from: 'local' } },
        meta: 'server',
        actor: 'Budi',
        reason: 'cek C.Hasil',
      });
      expect(resolved).toEqual({ ok: true, value: { kind: 'new-version', baseVersion: 2 } });
      expect(await b.store.conflicts()).toEqual([]);
      await syncOk(b);
      expect(await serverTally(server, KEY1)).toMatchObject({ version: 3, record: { votes: { 1: 31, 2: 48, 3: 5 } } });
      await syncOk(a);
      expect((await localTally(a, TPS1, 'PPWP'))?.votes).toEqual({ 1: 31, 2: 48, 3: 5 });
      const history = await getHistory(b.db, KEY1);
      expect(history.at(-1)).toMatchObject({ kind: 'correction', reason: 'cek C.Hasil', by: 'Budi' });
    });

    it('a pull never overwrites a record with pending local ops: it becomes a conflict', async () => {
      const a = await kec.enrol('Ani', 'chair');
      const b = await kec.enrol('Budi', 'chair');
      await type(a, TPS2, 'PPWP', { 'votes.1': 1 });
      await syncOk(a);
      b.network.wrap = (t) => ({ ...t, push: () => Promise.reject(new TransportError(transportFailure.server(503))) });
      await type(b, TPS2, 'PPWP', { 'votes.1': 2 });
      // Push fails; pull alone (what a round does after a failed push is stop; so pull directly).
      const report = await pullAll({ store: b.store, transport: directTransport(server, await tokenOf(b)) });
      expect(report.conflicts).toEqual([tallyKey({ tps: TPS2, contest: 'PPWP' })]);
      expect((await localTally(b, TPS2, 'PPWP'))?.votes[1]).toBe(2);
      expect(report.checkpoint).toBe(1);
    });

    it('the same figures typed on two laptops are no conflict', async () => {
      const a = await kec.enrol('Ani', 'chair');
      const b = await kec.enrol('Budi', 'chair');
      await type(a, TPS1, 'DPR', { 'votes.1.partyOnly': 4 });
      await type(b, TPS1, 'DPR', { 'votes.1.partyOnly': 4 });
      await syncOk(a);
      const round = await syncOk(b);
      expect(round.push.conflicts).toEqual([]);
      expect(await b.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
    });

    it('a clerk’s op outside its panel is rejected and kept visible, never dropped', async () => {
      const clerk = await kec.enrol('Ani', 'clerk', PANEL);
      // The app refuses it before anything is stored …
      const refused = await setFigures(clerk.db, { tps: TPS_OTHER_PANEL, contest: 'PPWP', changes: [{ path: 'votes.1', value: 3 }], actor: 'Ani' });
      expect(refused.ok ? null : refused.error.kind).toBe('workflow-refused');
      // … and the server refuses it too when it arrives another way (a device on older rules, a headless client).
      await typeUnchecked(clerk, TPS_OTHER_PANEL, 'PPWP', { 'votes.1': 3 });
      // Another desa, but one of the panel's: accepted.
      await type(clerk, TPS_OTHER_DESA, 'PPWP', { 'votes.1': 4 });
      const round = await syncOk(clerk);
      expect(round.push.failed.map((f) => [f.key, f.status])).toEqual([[tallyKey({ tps: TPS_OTHER_PANEL, contest: 'PPWP' }), 'rejected']]);
      expect(round.push.acknowledged).toBe(1);
      expect(await clerk.store.counts()).toEqual({ pending: 1, conflicts: 0, failed: 1 });
      // Retrying is a person's decision; it goes out again under a new op id.
      const [failed] = await clerk.store.transaction((tx) => tx.getMeta('failed'));
      expect(await retryFailed(clerk.store, failed!.id, () => crypto.randomUUID())).toBe(true);
      expect((await syncOk(clerk)).push.failed).toHaveLength(1);
    });

    it('a final record on the server is locked; a person may take the server’s version', async () => {
      const { chair } = kec;
      await typeForm(chair.db, TPS1, 'Ketua');
      expect((await markEntered(chair.db, KEY1, 'Ketua', [])).ok).toBe(true);
      await syncOk(chair);
      const clerk = await kec.enrol('Ani', 'clerk', PANEL);
      // The clerk starts from the server's copy (pulled) …
      await syncOk(clerk);
      // … which the chair then verifies and finalises: final on the server, locked.
      expect((await verifyReadback(chair.db, KEY1, 'Dewi')).ok).toBe(true);
      // Finalising a whole desa needs all its forms; the chair's sync store writes this one final
      // directly, as a headless chair would, and the server's workflow takes it (verified → final).
      const verified = await localTally(chair, TPS1, 'PPWP');
      expect(await chair.store.transaction((tx) => writeLocal(tx, { ...verified!, status: 'final' }, 'Ketua', null))).toBe(true);
      await syncOk(chair);
      expect((await serverTally(server, KEY1))?.record.status).toBe('final');
      await type(clerk, TPS1, 'PPWP', { 'votes.1': 31 }, 'salah baca');
      const round = await syncOk(clerk);
      expect(round.push.failed.map((f) => f.status)).toEqual(['locked']);
      const [failed] = await clerk.store.transaction((tx) => tx.getMeta('failed'));
      expect(await takeServerVersion(clerk.store, failed!.id, 'Ani')).toBe(true);
      expect((await localTally(clerk, TPS1, 'PPWP'))?.status).toBe('final');
      // Who gave up the local change is in the audit trail, with the figure going back.
      const last = (await auditOfRecord(clerk.db, KEY1)).at(-1)!.change;
      expect(last).toMatchObject({ actor: 'Ani', action: 'tally.resolved', before: { 'votes.1': 31 } });
      expect((last.after as Record<string, unknown>)['votes.1']).not.toBe(31);
      expect(last.reason).toMatch(/^server locked: /);
      expect(await clerk.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
    });
  });

  describe('the schedule', () => {
    it('after a failure it waits (backoff) and retries by itself; the network coming back retries at once', async () => {
      const db = freshDb();
      let pushes = 0;
      let online = false;
      const engine = new SyncEngine({
        store: new DexieSyncStore(db),
        lock: localLock(),
        random: () => 0.999,
        backoff: { baseMs: 400, capMs: 60_000 },
        transportFor: (_url, token) => {
          const direct = directTransport(server, token);
          return {
            ...direct,
            push: (ops) => {
              pushes++;
              return online ? direct.push(ops) : offlineTransport.push(ops);
            },
          };
        },
      });
      online = true;
      const enrolledResult = await engine.enrol({ serverUrl: SERVER_URL, code: await kec.code('chair'), deviceName: 'x', actor: 'Ani' });
      expect(enrolledResult.ok).toBe(true);
      online = false;
      await setFigures(db, { tps: TPS1, contest: 'PPWP', changes: [{ path: 'votes.1', value: 1 }], actor: 'Ani' });
      engine.start();
      try {
        await vi.waitFor(() => expect(engine.getState().phase).toBe('waiting'));
        expect(pushes).toBe(1);
        expect(engine.getState().retryAt).toBeGreaterThan(Date.now());
        // The retry's round ends (its failure recorded) a few storage writes after its push.
        await vi.waitFor(() => expect(engine.getState()).toMatchObject({ phase: 'waiting', failures: 2 }), { timeout: 5_000 });
        expect(pushes).toBe(2);
        online = true;
        engine.kick('online');
        await vi.waitFor(() => expect(engine.getState()).toMatchObject({ phase: 'idle', failures: 0, reachable: true }));
        expect(pushes).toBe(3);
        expect((await serverTally(server, KEY1))?.version).toBe(1);
      } finally {
        engine.stop();
      }
    });
  });
});
