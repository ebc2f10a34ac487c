import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TpsCodeSchema } from '../../src/domain/codes/codes.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import { resolveConflict } from '../../src/sync/index.ts';
import type { TestServer } from '../server/harness.ts';
import { localTally, syncOk, type, typeUnchecked } from './helpers.ts';
import { realKecamatan, startTestServer, STORAGE_CASES } from './realServer.ts';
import { offlineTransport } from './transports.ts';

// Panel 1 takes desa 3509082004 on day 1 of the Puger demo; 3509082001 belongs to panel 2.
const PANEL1_TPS = TpsCodeSchema.parse('3509082004001');
const PANEL2_TPS = TpsCodeSchema.parse('3509082001001');

describe.each(STORAGE_CASES)('the engine against the real server (in-process HTTP, $name)', (storage) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ storage });
  });
  afterEach(async () => {
    await server.close();
  });

  it('a clerk types offline, comes back online, and the chair sees the figures', async () => {
    const { chair, enrol } = await realKecamatan(server);
    const clerk = await enrol('Ani', 'clerk', 'panel-1');
    const enrolment = await clerk.store.transaction((tx) => tx.getMeta('enrolment'));
    expect(enrolment).toMatchObject({ role: 'clerk', panel: 'panel-1' });

    clerk.network.wrap = () => offlineTransport;
    await type(clerk, PANEL1_TPS, 'PPWP', { 'votes.1': 101, 'votes.2': 202 });
    expect((await clerk.engine.syncNow()).kind).toBe('failed');
    clerk.network.wrap = (t) => t;
    expect((await syncOk(clerk)).push.acknowledged).toBe(1);

    await syncOk(chair);
    expect((await localTally(chair, PANEL1_TPS, 'PPWP'))?.votes).toMatchObject({ 1: 101, 2: 202 });
  });

  it('a clerk cannot write another panel’s desa: the op is rejected and stays visible', async () => {
    const { enrol } = await realKecamatan(server);
    const clerk = await enrol('Ani', 'clerk', 'panel-1');
    // Past the app's own check (as an older app or a headless client would send it): the server decides.
    await typeUnchecked(clerk, PANEL2_TPS, 'PPWP', { 'votes.1': 1 });
    const round = await syncOk(clerk);
    expect(round.push.failed.map((f) => f.status)).toEqual(['rejected']);
    expect(await clerk.store.counts()).toMatchObject({ pending: 1, failed: 1 });
  });

  it('two devices editing one TPS get a conflict; resolving it lands a new version on the server', async () => {
    const { chair, enrol } = await realKecamatan(server);
    const clerk = await enrol('Ani', 'clerk', 'panel-1');
    await type(clerk, PANEL1_TPS, 'PPWP', { 'votes.1': 10 });
    await syncOk(clerk);
    await syncOk(chair);
    await type(chair, PANEL1_TPS, 'PPWP', { 'votes.1': 11 });
    await type(clerk, PANEL1_TPS, 'PPWP', { 'votes.1': 12 });
    await syncOk(chair);
    const round = await syncOk(clerk);
    const key = tallyKey({ tps: PANEL1_TPS, contest: 'PPWP' });
    expect(round.push.conflicts).toEqual([key]);
    const resolved = await resolveConflict(clerk.store, key, { cells: { 'votes.1': { from: 'local' } }, meta: 'server', actor: 'Ani', reason: 'sesuai C.Hasil' });
    expect(resolved.ok).toBe(true);
    await syncOk(clerk);
    await syncOk(chair);
    expect((await localTally(chair, PANEL1_TPS, 'PPWP'))?.votes[1]).toBe(12);
    expect(await clerk.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
  });
});
