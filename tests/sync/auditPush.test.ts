import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TpsCodeSchema } from '../../src/domain/codes/codes.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import { auditHead } from '../../src/db/index.ts';
import { fetchRecordAudit, type Transport } from '../../src/sync/index.ts';
import type { TestServer } from '../server/harness.ts';
import { syncOk, type, type Client } from './helpers.ts';
import { realKecamatan, startTestServer, STORAGE_CASES } from './realServer.ts';
import { offlineTransport } from './transports.ts';

// Panel 1 takes desa 3509082004 of the Puger demo.
const TPS = TpsCodeSchema.parse('3509082004001');
const KEY = tallyKey({ tps: TPS, contest: 'PPWP' });

/** What the server holds of a client's chain (GET /api/audit/head with its own token). */
async function serverHead(client: Client) {
  return (await (await client.engine.transport())!.auditHead()).head;
}

/** Counts the client's audit pushes from now on. */
function countAuditPushes(client: Client): { calls: number } {
  const counter = { calls: 0 };
  client.network.wrap = (t: Transport) => ({
    ...t,
    pushAudit: (entries) => {
      counter.calls += 1;
      return t.pushAudit(entries);
    },
  });
  return counter;
}

describe.each(STORAGE_CASES)('audit chain sync against the real server ($name)', (storage) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ storage });
  });
  afterEach(async () => {
    await server.close();
  });

  describe('the audit chain goes to the server with the ops (issue 6)', () => {
    it('after a round the server holds the clerk’s whole chain, and the chair reads the tally’s history from it, signatures checked', async () => {
      const { chair, enrol } = await realKecamatan(server);
      const clerk = await enrol('Ani', 'clerk', 'panel-1');
      await type(clerk, TPS, 'PPWP', { 'votes.1': 101 });
      await type(clerk, TPS, 'PPWP', { 'votes.2': 202 });

      const round = await syncOk(clerk);
      const local = await auditHead(clerk.db);
      expect(local?.seq).toBeGreaterThanOrEqual(2);
      expect(round.audit.sent).toBe(local!.seq);
      expect(await serverHead(clerk)).toEqual(local);
      expect((await clerk.store.transaction((tx) => tx.getMeta('auditSent')))).toBe(local!.seq);

      const history = await fetchRecordAudit((await chair.engine.transport())!, KEY);
      expect(history.rejected).toBe(0);
      expect(history.entries.map((e) => [e.actor, e.role, e.after])).toEqual([
        ['Ani', 'clerk', { 'votes.1': 101, status: 'draft' }],
        ['Ani', 'clerk', { 'votes.2': 202 }],
      ]);

      // Nothing new: the next round sends nothing.
      const again = countAuditPushes(clerk);
      expect((await syncOk(clerk)).audit.sent).toBe(0);
      expect(again.calls).toBe(0);
    });

    it('offline, the chain waits; the round after reconnecting sends it once', async () => {
      const { enrol } = await realKecamatan(server);
      const clerk = await enrol('Ani', 'clerk', 'panel-1');
      clerk.network.wrap = () => offlineTransport;
      await type(clerk, TPS, 'PPWP', { 'votes.1': 7 });
      expect((await clerk.engine.syncNow()).kind).toBe('failed');
      clerk.network.wrap = (t) => t;
      await syncOk(clerk);
      expect(await serverHead(clerk)).toEqual(await auditHead(clerk.db));
    });

    it('when the server holds less than acknowledged (restored from an older backup), the client goes on from the server’s head', async () => {
      const { enrol } = await realKecamatan(server);
      const clerk = await enrol('Ani', 'clerk', 'panel-1');
      clerk.network.wrap = () => offlineTransport;
      for (const v of [1, 2, 3]) await type(clerk, TPS, 'PPWP', { 'votes.1': v });
      await clerk.engine.syncNow();
      clerk.network.wrap = (t) => t;
      // This device believes entries 1–2 arrived; the server has none of them.
      await clerk.store.transaction((tx) => tx.setMeta('auditSent', 2));

      const round = await syncOk(clerk);
      expect(round.audit.refused).toBe(false);
      expect(await serverHead(clerk)).toEqual(await auditHead(clerk.db));
    });

    it('a chain altered on the device is refused with the entry named, the ops still sync, and it is not sent again until asked', async () => {
      const { chair, enrol } = await realKecamatan(server);
      const clerk = await enrol('Ani', 'clerk', 'panel-1');
      await type(clerk, TPS, 'PPWP', { 'votes.1': 50 });
      await clerk.store.audit!.seal();
      // Someone edits the stored entry: the figure it records, not its hash or signature.
      const row = (await clerk.db.audit.toCollection().first())!;
      await clerk.db.audit.update(row.id!, { entry: { ...row.entry!, after: { 'votes.1': 5 } } });

      const pushes = countAuditPushes(clerk);
      const round = await syncOk(clerk);
      expect(round.audit.refused).toBe(true);
      expect(round.push.acknowledged).toBe(1);
      const refused = await clerk.store.transaction((tx) => tx.getMeta('auditRefused'));
      expect(refused?.message.en).toMatch(/#1\b/);
      expect(await serverHead(clerk)).toBeNull();
      expect(pushes.calls).toBe(1);

      await type(clerk, TPS, 'PPWP', { 'votes.2': 60 });
      await syncOk(clerk);
      expect(pushes.calls).toBe(1);

      // The chair's history shows nothing forged.
      expect((await fetchRecordAudit((await chair.engine.transport())!, KEY)).entries).toEqual([]);

      // A person asks again: sent once more, refused again (the device's storage still disagrees).
      const retried = await clerk.engine.retryAudit();
      expect(retried.kind === 'synced' && retried.audit.refused).toBe(true);
      expect(pushes.calls).toBe(2);
    });
  });

  describe('fetchRecordAudit', () => {
    it('leaves out an entry whose signature does not verify with its device’s enrolled key, and counts it', async () => {
      const { chair, enrol } = await realKecamatan(server);
      const clerk = await enrol('Ani', 'clerk', 'panel-1');
      await type(clerk, TPS, 'PPWP', { 'votes.1': 9 });
      await syncOk(clerk);
      const real = (await chair.engine.transport())!;
      const lying: Transport = {
        ...real,
        recordAudit: async (key) => {
          const answer = await real.recordAudit(key);
          return { ...answer, items: answer.items.map((i) => ({ ...i, entry: { ...i.entry, actor: 'Budi' } })) };
        },
      };
      expect(await fetchRecordAudit(lying, KEY)).toEqual({ entries: [], rejected: 1, more: false, refused: new Map(), deviceIds: new Map(), devices: new Map() });
    });
  });
});
