import fc from 'fast-check';
import { expect } from 'vitest';
import { recordHash, type Change, type OpResult, type ServerRecord } from '../../src/api/index.ts';
import { objectionKey } from '../../src/api/records.ts';
import type { KeyedRecord } from '../../src/db/index.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { desaOfTps } from '../../src/domain/codes/codes.ts';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../../src/domain/objections/index.ts';
import { emptyTally, getFigure, setFigure } from '../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { decideObjection, finaliseDesa, getObjection, markEntered, recordObjection, reopenDesa, setFigures, verifyReadback } from '../../src/db/index.ts';
import { conflictCells, resolveConflict, resolveRecordConflict, takeServerVersion, writeLocal, writeLocalRecord } from '../../src/sync/index.ts';
import { typeUnchecked } from './helpers.ts';
import { deliverDelayed, heal, lossy, newNetwork, type Fault, type Network } from './lossyNetwork.ts';
import { BAGON, BAGON_FINALISATION, BAGON_KEYS, BAGON_TPS, cleanPpwp, enterForm, witnessObjection } from './plenaryHelpers.ts';
import { realKecamatan, serverChanges, type Client, type TestServer } from './realServer.ts';

/**
 * The world of the plenary property test (tests/sync/plenaryConvergence.test.ts): the chair, a
 * panel-1 clerk and a witness on their own devices, against the real server, over all three record
 * kinds of BAGON's PPWP recap. BAGON's TPS 1–16 are verified before the schedule starts, so that
 * finalising the desa is a few steps away; the schedule works on the last three (LIVE).
 */

export const CHAIR = 0;
export const CLERK = 1;
export const WITNESS = 2;
const NAMES = ['Ketua', 'Ani', 'Saksi'] as const;
/** Who reads back what each writer entered (never the person who entered it). */
const VERIFIERS = ['Dewi', 'Budi'] as const;

/** TPS 15–17 of BAGON: 15 and 16 are verified at the start (with 1–14), 17 is empty. */
const LIVE_FROM = 14;
const BASELINE = 16;
const LIVE = BAGON_TPS.slice(LIVE_FROM);
/** Votes per LIVE form and variant, none equal to another TPS's of the desa (votesFor stays positive). */
const variantOf = (live: number, variant: number) => BAGON_TPS.length + 3 * live + variant;

type Writer = typeof CHAIR | typeof CLERK;
type Anyone = Writer | typeof WITNESS;

export type Action =
  /** A whole clean form (a correction, with a reason, once entered). */
  | { kind: 'enter'; who: Writer; tps: number; variant: number }
  /** One cell: the clean value or one off (an open error, E08). */
  | { kind: 'cell'; who: Writer; tps: number; off: boolean }
  | { kind: 'mark-entered'; who: Writer; tps: number }
  | { kind: 'verify'; who: Writer; tps: number }
  /** Enter, mark entered and verify in a row (each as far as the workflow allows). */
  | { kind: 'complete'; who: Writer; tps: number; variant: number }
  | { kind: 'file'; who: Anyone; tps: number }
  /** The chair decides; the witness tries (its device refuses). */
  | { kind: 'decide'; who: typeof CHAIR | typeof WITNESS; objection: number; outcome: DecisionOutcome }
  /** The witness's decision written through the sync store, past its device's workflow. */
  | { kind: 'force-decide'; objection: number }
  /** The witness's figures written through the sync store. */
  | { kind: 'force-type'; tps: number; value: number }
  /** The clerk's finalisation of BAGON written through the sync store. */
  | { kind: 'force-finalise' }
  | { kind: 'finalise' }
  | { kind: 'reopen' }
  | { kind: 'sync'; who: Anyone; fault: Fault }
  | { kind: 'toggle'; who: Anyone }
  | { kind: 'deliver-delayed'; index: number };

const writer = fc.constantFrom<Writer>(CHAIR, CLERK);
const anyone = fc.constantFrom<Anyone>(CHAIR, CLERK, WITNESS);
/** The empty TPS 17 more often: finalising needs it verified. */
const tps = fc.constantFrom(0, 1, 2, 2);
const variant = fc.nat(2);

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('enter' as const), who: writer, tps, variant }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cell' as const), who: writer, tps, off: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mark-entered' as const), who: writer, tps }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('verify' as const), who: writer, tps }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('complete' as const), who: writer, tps, variant }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('file' as const), who: anyone, tps }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('decide' as const), who: fc.constantFrom<typeof CHAIR | typeof WITNESS>(CHAIR, CHAIR, WITNESS), objection: fc.nat(3), outcome: fc.constantFrom(...DECISION_OUTCOMES) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('force-decide' as const), objection: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('force-type' as const), tps, value: fc.integer({ min: 0, max: 200 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'force-finalise' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'finalise' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'reopen' as const }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('sync' as const), who: anyone, fault: fc.constantFrom<Fault>('none', 'none', 'none', 'lose-request', 'lose-answer', 'duplicate', 'delay') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), who: anyone }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deliver-delayed' as const), index: fc.nat(3) }) },
);

export interface World {
  server: TestServer;
  devices: Client[];
  net: Network;
  /** Objection ids in the order they were filed (decisions pick from them by index). */
  objections: string[];
  /** Every push answer that reached a device. */
  answers: { key: string; opId: string; result: OpResult }[];
  /** Each device's last local write per record key (canonical JSON of the record). */
  lastWrite: Map<string, string>[];
  /** What the schedule reached (for tuning, and to see that the property is not vacuous). */
  reached: Set<string>;
}

/** A form as a writer would have typed, entered and verified it: the baseline's forms. */
function verifiedForm(world: World, tpsIndex: number): Tally {
  const contest = world.server.setup.contests.find((c) => c.id === 'PPWP')!;
  let tally = emptyTally(BAGON_TPS[tpsIndex]!, contest);
  for (const [path, value] of Object.entries(cleanPpwp(tpsIndex))) tally = setFigure(tally, path, value);
  return { ...tally, status: 'verified', enteredBy: NAMES[CLERK], verifiedBy: VERIFIERS[CLERK] };
}

/**
 * The server with its three devices, every device's network lossy as the schedule says, and
 * BAGON's TPS 1–16 verified by the clerk (sent as its device would after a day's work) and pulled
 * by everyone.
 */
export async function newWorld(server: TestServer): Promise<World> {
  const { chair, enrol } = await realKecamatan(server);
  const devices = [chair, await enrol(NAMES[CLERK], 'clerk', 'panel-1'), await enrol(NAMES[WITNESS], 'witness')];
  const answers: World['answers'] = [];
  const net = newNetwork(devices.length, (ops, answer) => {
    for (const result of answer.results) answers.push({ key: ops.find((o) => o.opId === result.opId)!.key, opId: result.opId, result });
  });
  const world: World = { server, devices, net, objections: [], answers, lastWrite: devices.map(() => new Map()), reached: new Set() };
  devices.forEach((device, i) => {
    const wrapOnce = device.network.wrap;
    device.network.wrap = (t) => lossy(net, i, wrapOnce(t));
  });
  const clerk = devices[CLERK]!;
  await clerk.store.transaction(async (tx) => {
    for (let i = 0; i < BASELINE; i++) await writeLocal(tx, verifiedForm(world, i), NAMES[CLERK], null);
  });
  for (const i of [CLERK, CHAIR, WITNESS]) {
    const outcome = await devices[i]!.engine.syncNow();
    if (outcome.kind !== 'synced') throw new Error(`baseline: ${NAMES[i]} ${outcome.kind}`);
  }
  expect(await clerk.store.counts()).toEqual({ pending: 0, conflicts: 0, failed: 0 });
  return world;
}

const liveKey = (i: number) => tallyKey({ tps: LIVE[i]!, contest: 'PPWP' });

async function recordOf(device: Client, key: string): Promise<KeyedRecord | null> {
  return device.store.transaction((tx) => tx.record(key));
}

/**
 * Runs a device's write and notes, for every key it may touch, the record it left when that
 * changed: the device's last write of that record, which must never vanish silently.
 */
async function written(world: World, who: number, keys: readonly string[], write: () => Promise<unknown>): Promise<void> {
  const device = world.devices[who]!;
  const before = await Promise.all(keys.map(async (k) => canonicalOrNull(await recordOf(device, k))));
  await write();
  for (const [i, key] of keys.entries()) {
    const after = canonicalOrNull(await recordOf(device, key));
    if (after !== null && after !== before[i]) world.lastWrite[who]!.set(key, after);
  }
}

const canonicalOrNull = (keyed: KeyedRecord | null) => (keyed ? canonicalJson(keyed.record) : null);

const ok = (world: World, label: string) => (r: { ok: boolean }) => {
  if (r.ok) world.reached.add(label);
  return r.ok;
};

/** The `index`-th (modulo) of the objections a device holds, in the order they were filed. */
async function heldObjection(world: World, device: Client, index: number): Promise<string | undefined> {
  const held: string[] = [];
  for (const id of world.objections) if (await recordOf(device, objectionKey(id))) held.push(id);
  return held[index % Math.max(1, held.length)];
}

export async function act(world: World, action: Action): Promise<void> {
  switch (action.kind) {
    case 'enter':
    case 'cell':
    case 'mark-entered':
    case 'verify':
    case 'complete':
      return tallyAction(world, action);
    case 'file': {
      const device = world.devices[action.who]!;
      const draft = action.who === WITNESS ? witnessObjection(LIVE[action.tps]!, NAMES[WITNESS]) : { ...witnessObjection(LIVE[action.tps]!), kind: 'special-event' as const, raisedBy: { role: 'ppk-member' as const, name: NAMES[action.who] } };
      const filed = await recordObjection(device.db, draft, NAMES[action.who]);
      if (!filed.ok) throw new Error(`${NAMES[action.who]} filing: ${filed.error.kind}`);
      world.objections.push(filed.value.id);
      world.lastWrite[action.who]!.set(objectionKey(filed.value.id), canonicalJson(filed.value.objection));
      world.reached.add('filed');
      return;
    }
    case 'decide': {
      const device = world.devices[action.who]!;
      const id = await heldObjection(world, device, action.objection);
      if (id === undefined) return;
      await written(world, action.who, [objectionKey(id)], async () => {
        const decided = await decideObjection(device.db, id, { status: action.outcome, note: `Keputusan: ${action.outcome}` }, NAMES[action.who]);
        if (action.who === WITNESS) expect(decided.ok ? 'decided' : decided.error.kind, 'a witness’s device refuses a decision').not.toBe('decided');
        else ok(world, 'decided')(decided);
      });
      return;
    }
    case 'force-decide': {
      const witness = world.devices[WITNESS]!;
      const id = await heldObjection(world, witness, action.objection);
      if (id === undefined) return;
      const row = await getObjection(witness.db, id);
      if (!row.ok || !row.value) return;
      const record = { ...row.value.objection, decision: { status: 'noted' as const, note: 'dicatat saksi', by: NAMES[WITNESS], at: new Date().toISOString() } };
      await written(world, WITNESS, [objectionKey(id)], () => witness.store.transaction((tx) => writeLocalRecord(tx, { kind: 'objection', key: objectionKey(id), record }, NAMES[WITNESS], 'dicatat saksi')));
      world.reached.add('force-decide');
      return;
    }
    case 'force-type':
      await written(world, WITNESS, [liveKey(action.tps)], () => typeUnchecked(world.devices[WITNESS]!, LIVE[action.tps]!, 'PPWP', { 'votes.1': action.value }));
      world.reached.add('force-type');
      return;
    case 'force-finalise': {
      const clerk = world.devices[CLERK]!;
      const held = await recordOf(clerk, BAGON_FINALISATION);
      const history = held?.kind === 'finalisation' ? held.record.history : [];
      const record = { desa: BAGON, contest: 'PPWP' as const, level: 'desa' as const, state: 'final' as const, history: [...history, { action: 'finalised' as const, at: new Date().toISOString(), by: NAMES[CLERK], reason: null, tallies: [] }] };
      await written(world, CLERK, [BAGON_FINALISATION], () => clerk.store.transaction((tx) => writeLocalRecord(tx, { kind: 'finalisation', key: BAGON_FINALISATION, record }, NAMES[CLERK], null)));
      world.reached.add('force-finalise');
      return;
    }
    case 'finalise':
      await written(world, CHAIR, [...BAGON_KEYS, BAGON_FINALISATION], async () => ok(world, 'finalised')(await finaliseDesa(world.devices[CHAIR]!.db, BAGON, 'PPWP', NAMES[CHAIR])));
      return;
    case 'reopen':
      await written(world, CHAIR, [...BAGON_KEYS, BAGON_FINALISATION], async () => ok(world, 'reopened')(await reopenDesa(world.devices[CHAIR]!.db, BAGON, 'PPWP', NAMES[CHAIR], 'hitung ulang')));
      return;
    case 'sync': {
      const link = world.net.links[action.who]!;
      link.fault = action.fault;
      await world.devices[action.who]!.engine.syncNow();
      link.fault = 'none';
      return;
    }
    case 'toggle': {
      const link = world.net.links[action.who]!;
      link.online = !link.online;
      return;
    }
    case 'deliver-delayed':
      await deliverDelayed(world.net, action.index);
      return;
  }
}

async function tallyAction(world: World, action: Extract<Action, { who: Writer; tps: number }>): Promise<void> {
  const device = world.devices[action.who]!;
  const name = NAMES[action.who];
  const key = liveKey(action.tps);
  const tps = LIVE[action.tps]!;
  const enter = async (v: number) => (await enterForm(device, tps, variantOf(action.tps, v), 'sesuai C.Hasil')).ok;
  const markIt = async () => ok(world, 'entered')(await markEntered(device.db, key, name, []));
  const verifyIt = async () => ok(world, 'verified')(await verifyReadback(device.db, key, VERIFIERS[action.who]));
  await written(world, action.who, [key], async () => {
    switch (action.kind) {
      case 'enter':
        return enter(action.variant);
      case 'cell': {
        // votes.1 as the other figures of the form want it (E08 clean), or one off.
        const form = await recordOf(device, key);
        if (form?.kind !== 'tally') return;
        const figure = (path: string) => getFigure(form.record, path) ?? 0;
        const clean = figure('valid') - figure('votes.2') - figure('votes.3');
        return setFigures(device.db, { tps, contest: 'PPWP', changes: [{ path: 'votes.1', value: Math.max(0, action.off ? clean + 1 : clean) }], actor: name, reason: 'salah baca' });
      }
      case 'mark-entered':
        return markIt();
      case 'verify':
        return verifyIt();
      case 'complete':
        // Each step as far as the workflow lets it go (a corrected form is entered already).
        await enter(action.variant);
        await markIt();
        return verifyIt();
    }
  });
}

/** The network heals; everyone syncs twice. */
export async function quiesce(world: World): Promise<void> {
  await heal(world.net);
  for (let pass = 0; pass < 2; pass++) {
    for (const [i, device] of world.devices.entries()) {
      const outcome = await device.engine.syncNow();
      if (outcome.kind !== 'synced') throw new Error(`${NAMES[i]}: ${outcome.kind}${outcome.kind === 'failed' ? ` ${outcome.failure.message.en}` : ''}`);
    }
  }
}

/**
 * People settle what their devices show: every conflict resolved to the server's version (a form
 * cell by cell), every refused op given up for the server's copy when it sent one.
 */
export async function settle(world: World): Promise<void> {
  for (const [i, device] of world.devices.entries()) {
    const actor = NAMES[i]!;
    for (const conflict of await device.store.conflicts()) {
      let resolved;
      if (conflict.kind === 'tally') {
        const local = await recordOf(device, conflict.key);
        const cells = conflictCells(local?.kind === 'tally' ? local.record : conflict.local, conflict.server.record).map((c) => [c.path, { from: 'server' as const }]);
        resolved = await resolveConflict(device.store, conflict.key, { cells: Object.fromEntries(cells), meta: 'server', actor, reason: 'pakai versi server' });
      } else {
        resolved = await resolveRecordConflict(device.store, conflict.key, 'server', actor, 'pakai versi server');
      }
      if (!resolved.ok) throw new Error(`${actor} resolving ${conflict.key}: ${resolved.error.en}`);
      expect(resolved.value.kind, `${actor} ${conflict.key}`).toBe('server-kept');
      world.lastWrite[i]!.delete(conflict.key);
    }
    for (const failed of await device.store.transaction((tx) => tx.getMeta('failed'))) {
      if (failed.server && (await takeServerVersion(device.store, failed.id, actor))) world.lastWrite[i]!.delete(failed.key);
    }
  }
}

/** After settling: no conflict is left, and a refusal only where the server had no copy to take. */
export async function checkSettled(world: World): Promise<void> {
  for (const [i, device] of world.devices.entries()) {
    expect(await device.store.conflicts(), NAMES[i]).toEqual([]);
    const failed = await device.store.transaction((tx) => tx.getMeta('failed'));
    expect(failed.filter((f) => f.server !== null).map((f) => f.key), NAMES[i]).toEqual([]);
  }
  await checkDevices(world);
}

/** The server's change feed and current records, from its storage. */
async function serverState(world: World): Promise<{ changes: Change[]; current: Map<string, ServerRecord>; history: Map<string, Set<string>> }> {
  const changes = await serverChanges(world.server);
  const current = new Map<string, ServerRecord>();
  const history = new Map<string, Set<string>>();
  for (const c of changes) {
    current.set(c.key, c);
    history.set(c.key, (history.get(c.key) ?? new Set()).add(c.hash));
  }
  return { changes, current, history };
}

/**
 * At quiescence: every device holds the server's record of every kind, except where it shows a
 * conflict or a refused op; a device's last write is on the server or visible that way.
 */
export async function checkDevices(world: World): Promise<void> {
  const { current, history } = await serverState(world);
  for (const [i, device] of world.devices.entries()) {
    const conflicts = new Set((await device.store.conflicts()).map((c) => c.key));
    const failed = await device.store.transaction((tx) => tx.getMeta('failed'));
    const failedKeys = new Set(failed.map((f) => f.key));
    const local = new Map((await device.store.records()).map((r) => [r.key, r]));
    for (const key of conflicts) world.reached.add(`conflict:${key === BAGON_FINALISATION ? 'finalisation' : key.startsWith('objection:') ? 'objection' : 'tally'}`);
    for (const f of failed) world.reached.add(`failed:${f.status}`);
    for (const key of new Set([...current.keys(), ...local.keys()])) {
      const pending = await device.store.transaction((tx) => tx.opsFor(key));
      const visible = conflicts.has(key) || failedKeys.has(key);
      if (pending.length > 0) {
        expect(visible, `${NAMES[i]} ${key}: ops pending without a visible reason (${pending.map((op) => op.state).join(', ')})`).toBe(true);
      } else {
        const server = current.get(key);
        expect(canonicalOrNull(local.get(key) ?? null), `${NAMES[i]} ${key} differs from the server's`).toBe(server ? canonicalJson(server.record) : null);
      }
      const last = world.lastWrite[i]!.get(key);
      if (last !== undefined && !visible) {
        const hash = await recordHash(JSON.parse(last) as KeyedRecord['record']);
        expect(history.get(key)?.has(hash), `${NAMES[i]}'s last write of ${key} vanished`).toBe(true);
      }
    }
    // What a device lists as refused never landed on the server.
    const audit = await world.server.storage.audit(world.server.kecamatan);
    const applied = new Set(audit.filter((a) => a.action === 'applied').map((a) => a.opId));
    for (const f of failed) expect(applied.has(f.opId), `${NAMES[i]}'s refused op ${f.key} was applied`).toBe(false);
  }
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * The server's authority, read from its storage: every change in its feed is an applied op of a
 * device allowed to make it (no witness's form, no clerk's form outside its panel or made final,
 * decisions, links and finalisations only from the chair); refused ops changed nothing; a desa
 * the server holds final has every form final.
 */
export async function checkServer(world: World): Promise<void> {
  const { server } = world;
  const roles = new Map((await server.storage.listDevices(server.kecamatan)).map((d) => [d.id, d]));
  const { changes, current } = await serverState(world);
  const audit = await server.storage.audit(server.kecamatan);
  const appliedAudit = audit.filter((a) => a.action === 'applied');
  // Every change is exactly one applied op; refused, locked and conflicting ops wrote no version.
  expect(changes.map((c) => `${c.key}@${c.version}:${c.hash}`).sort()).toEqual(appliedAudit.map((a) => `${a.key}@${a.version}:${a.hash}`).sort());
  const previous = new Map<string, Change>();
  for (const change of changes) {
    const device = roles.get(change.deviceId);
    const role = device?.role;
    const what = `${change.key}@${change.version} by ${change.actor} (${role})`;
    const before = previous.get(change.key);
    switch (change.kind) {
      case 'tally':
        expect(['chair', 'clerk'], what).toContain(role);
        if (role === 'clerk') {
          expect(change.record.status, what).not.toBe('final');
          expect(server.setup.schedule.days.flatMap((d) => d.assignments).filter((a) => a.panel === device!.panel).flatMap((a) => a.desa), what).toContain(desaOfTps(change.record.tps));
        }
        break;
      case 'objection': {
        const prior = before?.kind === 'objection' ? before.record : null;
        const decided = !same(prior?.decision ?? { status: 'pending' }, change.record.decision) || !same(prior?.corrections ?? [], change.record.corrections);
        if (decided) expect(role, `${what}: decision or links`).toBe('chair');
        if (!prior && change.record.filedBy) expect(change.record.filedBy.role, what).toBe(role);
        break;
      }
      case 'finalisation':
        expect(role, what).toBe('chair');
        break;
    }
    previous.set(change.key, change);
  }
  for (const answer of world.answers) {
    if (answer.result.status !== 'rejected' && answer.result.status !== 'locked') continue;
    world.reached.add(`refused:${answer.result.code ?? answer.result.status}`);
  }
  const finalisation = current.get(BAGON_FINALISATION);
  if (finalisation?.kind === 'finalisation' && finalisation.record.state === 'final') {
    world.reached.add('server-final');
    for (const key of BAGON_KEYS) {
      const form = current.get(key);
      expect(form?.kind === 'tally' ? form.record.status : null, `${key} of a finalised desa on the server`).toBe('final');
    }
  }
}
