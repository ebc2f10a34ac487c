import { afterEach, describe, expect, it } from 'vitest';
import type { PushRequest } from '../../src/api/index.ts';
import { parseOps } from '../../src/db/index.ts';
import { pushAll, type Transport } from '../../src/sync/index.ts';
import { desaOfPanel } from '../../src/domain/setup/lookup.ts';
import { tpsIn } from '../server/client.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { type } from './helpers.ts';
import { adminCode, directTransport, enrolledWith } from './realServer.ts';

const until = async (check: () => Promise<boolean>, ms = 3000): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
};

describe('a push overlaps the device and the server (issue 13)', () => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('freezes and signs the next batch while one is in flight, and sends it only after that answer is settled', async () => {
    server = await startTestServer();
    const clerk = await enrolledWith(server, 'Ani', await adminCode(server, 'clerk', 'panel-1'));
    const desa = desaOfPanel(server.setup, 'panel-1')[0]!;
    const forms = [0, 1, 2, 3, 4].map((i) => tpsIn(server.setup, desa, i));
    for (const tps of forms) await type(clerk, tps, 'PPWP', { 'votes.1': 10, 'votes.2': 20, 'votes.3': 30 });

    const enrolment = await clerk.store.transaction((tx) => tx.getMeta('enrolment'));
    const real = directTransport(server, enrolment!.token);
    const sent = async () => parseOps(await clerk.db.outbox.toArray()).filter((op) => op.state === 'sent').map((op) => op.key);
    const requests: string[][] = [];
    const overlapped: boolean[] = [];
    const settledBefore: boolean[] = [];
    const transport: Transport = {
      ...real,
      async push(request: PushRequest) {
        const keys = request.ops.map((op) => op.key);
        // Every earlier request's ops were settled (acknowledged: gone from the outbox) before this one left.
        const outbox = (await clerk.db.outbox.toArray()).map((op) => op.key as string);
        settledBefore.push(requests.flat().every((key) => !outbox.includes(key)));
        requests.push(keys);
        const remaining = forms.length - requests.flat().length;
        // While this one is "on the wire", the next batch is frozen (state `sent`) beside it.
        overlapped.push(await until(async () => (await sent()).length === keys.length + Math.min(2, remaining)));
        return real.push(request);
      },
    };

    const report = await pushAll({ store: clerk.store, transport, batchSize: 2 });
    expect(report).toMatchObject({ sent: 5, acknowledged: 5, conflicts: [], failed: [] });
    expect(requests.map((r) => r.length)).toEqual([2, 2, 1]);
    expect(overlapped).toEqual([true, true, true]);
    expect(settledBefore).toEqual([true, true, true]);
    expect((await server.storage.changes(server.kecamatan, 0, 100)).changes.map((c) => c.key).sort()).toEqual(forms.map((t) => `${t}:PPWP`).sort());
  });

  it('a batch frozen while the one before was lost goes again on the next push, and nothing is doubled', async () => {
    server = await startTestServer();
    const clerk = await enrolledWith(server, 'Ani', await adminCode(server, 'clerk', 'panel-1'));
    const desa = desaOfPanel(server.setup, 'panel-1')[0]!;
    const forms = [0, 1, 2, 3].map((i) => tpsIn(server.setup, desa, i));
    for (const tps of forms) await type(clerk, tps, 'PPWP', { 'votes.1': 10, 'votes.2': 20, 'votes.3': 30 });
    const enrolment = await clerk.store.transaction((tx) => tx.getMeta('enrolment'));
    const real = directTransport(server, enrolment!.token);
    let calls = 0;
    const lossy: Transport = {
      ...real,
      async push(request) {
        calls += 1;
        // The first answer is lost after the server stored the batch.
        const answer = await real.push(request);
        if (calls === 1) throw new Error('connection reset');
        return answer;
      },
    };
    await expect(pushAll({ store: clerk.store, transport: lossy, batchSize: 2 })).rejects.toThrow('connection reset');
    const report = await pushAll({ store: clerk.store, transport: real, batchSize: 2 });
    expect(report.acknowledged).toBe(4);
    expect((await clerk.store.counts()).pending).toBe(0);
    const feed = (await server.storage.changes(server.kecamatan, 0, 100)).changes;
    expect(feed.map((c) => c.key).sort()).toEqual(forms.map((t) => `${t}:PPWP`).sort());
  });
});
