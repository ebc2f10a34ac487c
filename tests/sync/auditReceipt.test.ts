import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TpsCodeSchema } from '../../src/domain/codes/codes.ts';
import { auditHead } from '../../src/db/index.ts';
import type { Database } from '../../src/server/storage/schema.ts';
import type { Storage } from '../../src/server/storage/types.ts';
import type { Transport } from '../../src/sync/index.ts';
import type { TestServer } from '../server/harness.ts';
import { syncOk, type, type Client } from './helpers.ts';
import { realKecamatan, startTestServer, STORAGE_CASES } from './realServer.ts';

/**
 * Issue 14, "anchored chains" on the device: the server's checkpoint of this device's chain comes
 * back with every audit push; the device keeps it as its receipt and compares every later answer
 * with it and with its own chain. A cut tail, a deleted chain or a checkpoint the pinned server key
 * did not sign raises the alarm (kept, shown, reported to the server's log).
 */

const TPS = TpsCodeSchema.parse('3509082004001');
const rawDb = (storage: Storage): Kysely<Database> => (storage as unknown as { db: Kysely<Database> }).db;
const meta = (client: Client) => client.store.transaction(async (tx) => ({ receipt: await tx.getMeta('auditReceipt'), alarm: await tx.getMeta('auditAlarm') }));

describe.each(STORAGE_CASES)('audit receipts on the device ($name)', (storage) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ storage });
  });
  afterEach(async () => {
    await server.close();
  });

  async function clerkWithReceipt() {
    const { enrol } = await realKecamatan(server);
    const clerk = await enrol('Ani', 'clerk', 'panel-1');
    for (const v of [1, 2, 3]) await type(clerk, TPS, 'PPWP', { 'votes.1': v });
    await syncOk(clerk);
    const head = await auditHead(clerk.db);
    const { receipt, alarm } = await meta(clerk);
    expect(receipt?.chain).toEqual(head);
    expect(alarm).toBeNull();
    return { clerk, head: head! };
  }

  it('keeps the checkpoint as its receipt and raises no alarm while the server agrees', async () => {
    const { clerk } = await clerkWithReceipt();
    await type(clerk, TPS, 'PPWP', { 'votes.2': 4 });
    const round = await syncOk(clerk);
    expect(round.audit.alarm).toBe(false);
    const { receipt } = await meta(clerk);
    expect(receipt?.chain).toEqual(await auditHead(clerk.db));
    expect(receipt?.n).toBeGreaterThan(1);
  });

  it('a chain tail cut in the server database raises the alarm on the next sync, reported to the server', async () => {
    const { clerk, head } = await clerkWithReceipt();
    await rawDb(server.storage).deleteFrom('audit_chain').where('seq', '=', head.seq).execute();
    const round = await syncOk(clerk);
    expect(round.audit.alarm).toBe(true);
    const { alarm } = await meta(clerk);
    expect(alarm?.kind).toBe('truncated');
    expect(alarm?.message.en).toBe(`The server holds this device's audit trail only up to entry #${head.seq - 1}, although its receipt covers up to #${head.seq}: the end of the trail was cut on the server.`);
    expect(alarm?.message.id).toMatch(/dipotong di server/);
    expect(server.logs.some((l) => l.msg === 'audit receipt alarm')).toBe(true);
    // The alarm stays until a person acknowledges it, whatever later rounds bring.
    await syncOk(clerk);
    expect((await meta(clerk)).alarm?.kind).toBe('truncated');
    await clerk.engine.acknowledgeAuditAlarm();
    expect((await meta(clerk)).alarm).toBeNull();
  });

  it('a deleted chain raises the alarm', async () => {
    const { clerk } = await clerkWithReceipt();
    await rawDb(server.storage).deleteFrom('audit_chain').execute();
    await syncOk(clerk);
    expect((await meta(clerk)).alarm?.kind).toBe('deleted');
  });

  it('a checkpoint not signed by the server key pinned at enrolment raises the alarm', async () => {
    const { clerk } = await clerkWithReceipt();
    clerk.network.wrap = (t: Transport) => ({
      ...t,
      auditHead: async () => {
        const answer = await t.auditHead();
        return { ...answer, checkpoint: answer.checkpoint ? { ...answer.checkpoint, size: answer.checkpoint.size + 1 } : null };
      },
    });
    await syncOk(clerk);
    expect((await meta(clerk)).alarm?.kind).toBe('bad-signature');
  });
});
