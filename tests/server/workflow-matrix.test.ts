import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpResult } from '../../src/api/index.ts';
import { checkTally } from '../../src/domain/checks/index.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';
import { findContest, findDesa } from '../../src/domain/setup/lookup.ts';
import { getFigure, setFigure } from '../../src/domain/tally/fields.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import { refusal, TALLY_TRANSITIONS, tallyActions } from '../../src/domain/workflow/index.ts';
import { cleanTally, tpsIn } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { STORAGE_CASES } from './storages.ts';
import {
  afterFor,
  decided,
  desaFinalisation,
  DEVICES,
  domainVerdict,
  enrolHall,
  expectFormNamed,
  expectRefusalWords,
  formIn,
  objectionAbout,
  panel1Tps,
  REASON,
  smallestPanel1Desa,
  tableExpectation,
  type Hall,
} from './workflowFixtures.ts';

/**
 * Issue 11: the server decides every pushed op with the domain's workflow tables. For every row of
 * TALLY_TRANSITIONS and every kind of device, a fresh form is brought to the row's `from` state by
 * the chair and the row's step is pushed by the device: the server's answer must be what the table
 * says and exactly what the domain's own functions (checkTallyChange, tallyLockedFor) say for the
 * same change, so a device and the server never disagree. Then the guards that need other records:
 * open errors and the objections that cover them, and a desa's finalisation.
 */

const only = (results: OpResult[]): OpResult => {
  expect(results).toHaveLength(1);
  return results[0]!;
};

const CASES = TALLY_TRANSITIONS.flatMap((row) => DEVICES.map((device) => ({ row, device })));

describe.each(STORAGE_CASES)('the recap workflow on the server ($name)', (storageCase) => {
  let server: TestServer;
  let hall: Hall;
  let pool: TpsCode[];
  beforeAll(async () => {
    server = await startTestServer({ storage: storageCase });
    hall = await enrolHall(server);
    pool = panel1Tps(server.setup, [smallestPanel1Desa(server.setup)]);
    expect(pool.length).toBeGreaterThan(CASES.length + 2);
  }, 30_000);
  afterAll(async () => server?.close());

  /** The chair stores a form (one op: its steps folded, as a device sends them). */
  async function chairStores(form: Tally, baseVersion = 0): Promise<number> {
    const result = only((await hall.devices.chair.push([await hall.devices.chair.op(form, baseVersion)])).results);
    expect(result).toMatchObject({ status: 'applied' });
    return result.status === 'applied' ? result.version : -1;
  }

  it.each(CASES.map((c, i) => ({ ...c, i, name: `${c.row.from} --${c.row.action}--> ${c.row.to} as ${c.device}` })))('$name', async ({ row, device, i }) => {
    const tps = pool[i]!;
    const key = `${tps}:PPWP`;
    const before = formIn(server.setup, tps, row.from);
    const version = before ? await chairStores(before) : 0;
    const after = afterFor(row, server.setup, tps, before);
    expect(tallyActions(before, after)).toEqual({ ok: true, value: row.action === 'second-entry' ? [] : [row.action] });

    const actor = hall.actors[device];
    const reason = row.reason ? REASON : null;
    const result = only((await hall.devices[device].push([await hall.devices[device].op(after, version, { reason })])).results);

    // The server answers what the domain answers for the same change …
    const domain = domainVerdict(server.setup, before, after, actor, reason);
    expect(result.status).toBe(domain.status);
    // … and the domain answers what the table says.
    const table = tableExpectation(row, device, actor);
    expect(domain.status).toBe(table.status);
    const stored = await server.storage.record(server.kecamatan, key);
    if (domain.status === 'applied') {
      expect(result).toMatchObject({ status: 'applied', version: version + 1 });
      expect(stored).toMatchObject({ version: version + 1, record: after });
      return;
    }
    expect(result).toMatchObject({ code: domain.refusal.code });
    if (table.code) expect(domain.refusal.code).toBe(table.code);
    expectRefusalWords(result, server.setup, key, actor, domain.refusal);
    if (result.status === 'rejected' || result.status === 'locked') expectFormNamed(result.reason, server.setup, tps);
    expect(stored?.version ?? 0).toBe(version);
    if (before) expect(stored?.record).toEqual(before);
  });

  it('refuses to verify a form with an open error (E08) until the chair decides an objection covering its TPS', async () => {
    const { chair, clerk1 } = hall.devices;
    const tps = pool.at(-1)!;
    const clean = cleanTally(server.setup, tps, 'PPWP', 'entered');
    const broken: Tally = setFigure(clean, 'votes.1', (getFigure(clean, 'votes.1') ?? 0) + 1);
    expect(checkTally(broken, findContest(server.setup, 'PPWP')).map((f) => f.code)).toEqual(['E08']);
    // Entered with the error (errors may remain at mark-entered).
    const version = await chairStores(broken);

    const verify = await clerk1.op({ ...broken, status: 'verified', verifiedBy: 'Dewi' }, version);
    const refused = only((await clerk1.push([verify])).results);
    expect(refused).toMatchObject({ status: 'rejected', code: 'open-errors' });
    expect(domainVerdict(server.setup, broken, verify.record as Tally, hall.actors.clerk1, null)).toMatchObject({ status: 'rejected', refusal: { code: 'open-errors', codes: ['E08'] } });
    expectRefusalWords(refused, server.setup, verify.key, hall.actors.clerk1, refusal('open-errors', { codes: ['E08'] }));
    if (refused.status === 'rejected') {
      expectFormNamed(refused.reason, server.setup, tps);
      expect(refused.reason.en).toContain('E08');
    }

    // The chair files an objection about the TPS and decides it.
    const filed = objectionAbout('11111111-e08-cover', tps, { name: 'Ketua', role: 'chair' });
    expect(only((await chair.push([await chair.opOf({ kind: 'objection', record: filed }, 0)])).results)).toMatchObject({ status: 'applied', version: 1 });
    const decision = decided(filed, 'Ketua');
    const decide = await chair.opOf({ kind: 'objection', record: decision }, 1, { reason: decision.decision.status === 'pending' ? null : decision.decision.note });
    expect(only((await chair.push([decide])).results)).toMatchObject({ status: 'applied', version: 2 });
    expect(domainVerdict(server.setup, broken, verify.record as Tally, hall.actors.clerk1, null, [decision])).toEqual({ status: 'applied' });

    // The same op, sent again, now passes: the error is covered.
    expect(only((await clerk1.push([verify])).results)).toMatchObject({ status: 'applied', version: version + 1 });
    expect((await server.storage.record(server.kecamatan, verify.key))?.record).toMatchObject({ status: 'verified', verifiedBy: 'Dewi' });
  });

  it('lets a witness file an objection but only the chair decide it', async () => {
    const { chair, witness } = hall.devices;
    const filed = objectionAbout('22222222-witness', pool.at(-2)!, { name: 'Saksi Paslon 01', role: 'witness' });
    expect(only((await witness.push([await witness.opOf({ kind: 'objection', record: filed }, 0)])).results)).toMatchObject({ status: 'applied', version: 1 });

    const decision = decided(filed, 'Saksi Paslon 01');
    const refused = only((await witness.push([await witness.opOf({ kind: 'objection', record: decision }, 1)])).results);
    expect(refused).toMatchObject({ status: 'rejected', code: 'chair-only' });
    expectRefusalWords(refused, server.setup, `objection:${filed.id}`, hall.actors.witness, refusal('chair-only', { action: 'decide' }));
    if (refused.status === 'rejected') {
      expect(refused.reason.id).toMatch(/^Keberatan\/kejadian khusus 22222222: hanya ketua PPK/);
      expect(refused.reason.en).toMatch(/^Objection\/special event 22222222: only the PPK chair/);
    }
    expect((await server.storage.record(server.kecamatan, `objection:${filed.id}`))?.record).toEqual(filed);

    // Not even a witness filing in the chair's name.
    const forged = objectionAbout('33333333-forged', pool.at(-2)!, { name: 'Ketua', role: 'chair' });
    expect(only((await witness.push([await witness.opOf({ kind: 'objection', record: forged }, 0)])).results)).toMatchObject({ status: 'rejected', code: 'immutable' });

    expect(only((await chair.push([await chair.opOf({ kind: 'objection', record: decided(filed, 'Ketua') }, 1)])).results)).toMatchObject({ status: 'applied', version: 2 });
  });

  it('finalises a desa: the chair only, once every form is verified; then its forms are locked for the clerk', async () => {
    const { chair, clerk1 } = hall.devices;
    const desa = smallestPanel1Desa(server.setup);
    const name = findDesa(server.setup, desa)!.name;
    const tpsList = findDesa(server.setup, desa)!.tps.map((_, i) => tpsIn(server.setup, desa, i));
    const finalisation = { kind: 'finalisation' as const, record: desaFinalisation(desa, 'Ketua') };
    const key = `${desa}:PPWP`;

    // Every form verified but the last, which is only entered.
    const forms = tpsList.map((tps, i) => cleanTally(server.setup, tps, 'PPWP', i === tpsList.length - 1 ? 'entered' : 'verified'));
    const stored = (await chair.push(await Promise.all(forms.map((f) => chair.op(f, 0))))).results;
    expect(stored.every((r) => r.status === 'applied')).toBe(true);

    const byClerk = only((await clerk1.push([await clerk1.opOf(finalisation, 0)])).results);
    expect(byClerk).toMatchObject({ status: 'rejected', code: 'chair-only' });
    expectRefusalWords(byClerk, server.setup, key, hall.actors.clerk1, refusal('chair-only', { action: 'finalise' }));
    if (byClerk.status === 'rejected') {
      expect(byClerk.reason.id).toMatch(new RegExp(`^Desa ${name}, Presiden: hanya ketua PPK`));
      expect(byClerk.reason.en).toMatch(new RegExp(`^Desa ${name}, President: only the PPK chair`));
    }
    // Nor a witness's or Panwascam's phone (issue 16).
    for (const reader of ['witness', 'panwas'] as const) {
      const byReader = only((await hall.devices[reader].push([await hall.devices[reader].opOf(finalisation, 0)])).results);
      expect(byReader).toMatchObject({ status: 'rejected', code: 'chair-only' });
      expectRefusalWords(byReader, server.setup, key, hall.actors[reader], refusal('chair-only', { action: 'finalise' }));
    }
    const early = only((await chair.push([await chair.opOf(finalisation, 0)])).results);
    expect(early).toMatchObject({ status: 'rejected', code: 'not-ready' });
    expectRefusalWords(early, server.setup, key, hall.actors.chair, refusal('not-ready', { blockers: 1 }));
    expect(await server.storage.record(server.kecamatan, key)).toBeNull();

    // The chair verifies the last form (another person's read-back) and finalises every form.
    const finals = forms.map((f) => ({ ...f, status: 'final' as const, verifiedBy: 'Dewi' }));
    const finalised = (await chair.push(await Promise.all(finals.map((f) => chair.op(f, 1))))).results;
    expect(finalised.map((r) => r.status)).toEqual(finals.map(() => 'applied'));
    expect(only((await chair.push([await chair.opOf(finalisation, 0)])).results)).toMatchObject({ status: 'applied', version: 1 });

    // A clerk's correction to a form of the finalised desa: locked, the server's copy unchanged.
    const target = finals[0]!;
    const tally = `${target.tps}:PPWP`;
    const edit = await clerk1.op({ ...setFigure(target, 'votes.1', 1), status: 'entered', verifiedBy: null }, 2, { reason: REASON });
    const locked = only((await clerk1.push([edit])).results);
    expect(locked).toMatchObject({ status: 'locked', code: 'desa-final', server: { key: tally, version: 2, record: target } });
    expectRefusalWords(locked, server.setup, tally, hall.actors.clerk1, refusal('desa-final'));
    if (locked.status === 'locked') expectFormNamed(locked.reason, server.setup, target.tps);
    const pulled = (await chair.pull()).changes.filter((c) => c.key === tally);
    expect(pulled.map((c) => c.version)).toEqual([1, 2]);
    expect(pulled.at(-1)).toMatchObject({ kind: 'tally', version: 2, record: target });
  });
});
