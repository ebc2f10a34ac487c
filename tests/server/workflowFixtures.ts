import { expect } from 'vitest';
import type { OpResult } from '../../src/api/index.ts';
import { tpsCode, tpsNumberOf, desaOfTps, type DesaCode, type TpsCode } from '../../src/domain/codes/codes.ts';
import type { LocalizedText } from '../../src/domain/common/text.ts';
import type { FinalisationRecord } from '../../src/domain/finalisation/record.ts';
import type { Objection } from '../../src/domain/objections/schema.ts';
import { desaOfPanel, findContest, findDesa } from '../../src/domain/setup/lookup.ts';
import type { Setup } from '../../src/domain/setup/schema.ts';
import { getFigure, setFigure } from '../../src/domain/tally/fields.ts';
import type { Tally, TallyStatus } from '../../src/domain/tally/tally.ts';
import {
  actorFor,
  checkTallyChange,
  recordLabel,
  refusal,
  refusalText,
  tallyFacts,
  mayWriteTallies,
  tallyLockedFor,
  type Actor,
  type Refusal,
  type TallyAction,
  type Transition,
} from '../../src/domain/workflow/index.ts';
import { cleanTally, enrol, issueCodeAs, type TestDevice } from './client.ts';
import type { TestServer } from './harness.ts';

/**
 * Helpers of tests/server/workflow-matrix.test.ts: the devices of a plenary hall, forms brought to
 * a state, the record a row of TALLY_TRANSITIONS pushes, and the verdict the domain gives for it.
 */

export const AT = '2024-02-18T10:00:00.000+07:00';

/** The enrolled devices of the matrix (two clerks: panel 1 owns the forms, panel 2 does not). */
export const DEVICES = ['chair', 'clerk1', 'clerk2', 'witness', 'panwas'] as const;
export type DeviceName = (typeof DEVICES)[number];

export interface Hall {
  devices: Record<DeviceName, TestDevice>;
  actors: Record<DeviceName, Actor>;
}

export async function enrolHall(server: TestServer): Promise<Hall> {
  const chair = await enrol(server, server.chairCode, 'Ketua');
  const as = async (role: string, panel: string | null, name: string) => enrol(server, await issueCodeAs(server, chair, role, panel), name);
  const devices: Record<DeviceName, TestDevice> = {
    chair,
    clerk1: await as('clerk', 'panel-1', 'Panel 1'),
    clerk2: await as('clerk', 'panel-2', 'Panel 2'),
    witness: await as('witness', null, 'Saksi'),
    panwas: await as('panwas', null, 'Panwascam'),
  };
  const s = server.setup;
  const actors: Record<DeviceName, Actor> = {
    chair: actorFor(s, 'chair', null),
    clerk1: actorFor(s, 'clerk', 'panel-1'),
    clerk2: actorFor(s, 'clerk', 'panel-2'),
    witness: actorFor(s, 'witness', null),
    panwas: actorFor(s, 'panwas', null),
  };
  return { devices, actors };
}

/** Every TPS of panel 1's desa but those of `except`, in setup order: one fresh form per case. */
export function panel1Tps(setup: Setup, except: readonly DesaCode[]): TpsCode[] {
  return desaOfPanel(setup, 'panel-1')
    .filter((d) => !except.includes(d))
    .flatMap((code) => findDesa(setup, code)!.tps.map((n) => tpsCode(code, n)));
}

/** The desa of panel 1 with the fewest TPS (finalised whole in the test). */
export function smallestPanel1Desa(setup: Setup): DesaCode {
  const desa = desaOfPanel(setup, 'panel-1').map((code) => findDesa(setup, code)!);
  return desa.reduce((a, b) => (b.tps.length < a.tps.length ? b : a)).code;
}

/** One vote moved from the second candidate to the first: the figures change, the form stays check-clean. */
export function nudge(t: Tally): Tally {
  const second = getFigure(t, 'votes.2') ?? 0;
  const [from, to] = second > 0 ? ['votes.2', 'votes.1'] : ['votes.1', 'votes.2'];
  return setFigure(setFigure(t, from, (getFigure(t, from) ?? 0) - 1), to, (getFigure(t, to) ?? 0) + 1);
}

/** The stored form a case starts from (null: nothing stored, the form is empty). */
export const formIn = (setup: Setup, tps: TpsCode, status: TallyStatus): Tally | null => (status === 'empty' ? null : cleanTally(setup, tps, 'PPWP', status));

export const REASON = 'Salah baca angka saat pleno';

/**
 * The form a device pushes to take the row's action from `before` (the chair's complete form of
 * that state; for `empty`, the chair's complete draft). A second entry is stored beside the form,
 * not in it: the pushed form stays as it was (tallyActions derives no step from it).
 */
export function afterFor(row: Transition<TallyStatus, TallyAction>, setup: Setup, tps: TpsCode, before: Tally | null): Tally {
  const base = before ?? cleanTally(setup, tps, 'PPWP', 'draft');
  switch (row.action) {
    case 'type':
      return before ? nudge(before) : base;
    case 'accept-warnings':
      return { ...base, acceptedWarnings: [{ code: 'W03', reason: 'Banyak surat suara rusak menurut saksi', by: 'Ani', at: AT }] };
    case 'mark-entered':
      return { ...base, status: 'entered', enteredBy: 'Ani' };
    case 'second-entry':
      return base;
    case 'correct':
      return { ...nudge(base), status: row.to, verifiedBy: null };
    case 'verify':
      return { ...base, status: 'verified', verifiedBy: 'Dewi' };
    case 'finalise':
      return { ...base, status: 'final' };
    case 'reopen':
      return { ...base, status: 'verified' };
    default: {
      const never: never = row.action;
      throw new Error(`no pushed form for ${String(never)}`);
    }
  }
}

export type Verdict = { status: 'applied' } | { status: 'rejected' | 'locked'; refusal: Refusal };

/**
 * What the domain says of a pushed form, composed as the server composes it: a form the workflow
 * locks for the actor (tallyLockedFor) is locked whatever the change; otherwise checkTallyChange.
 */
export function domainVerdict(setup: Setup, before: Tally | null, after: Tally, actor: Actor, reason: string | null, objections: readonly Objection[] = []): Verdict {
  // Who may write the form at all comes first, then the lock, then the change itself.
  const scope = mayWriteTallies(actor, desaOfTps(after.tps));
  if (scope) return { status: 'rejected', refusal: scope };
  if (before && tallyLockedFor(before.status, after.status, actor, false)) return { status: 'locked', refusal: refusal('locked') };
  const facts = tallyFacts(after, findContest(setup, after.contest), objections);
  const checked = checkTallyChange({ before, after, actor, facts, reason, desaFinal: false });
  return checked.ok ? { status: 'applied' } : { status: 'rejected', refusal: checked.error };
}

/**
 * What the table says, before any guard: a role in the row's roles takes it (a clerk in its own
 * panel's desa); another panel's clerk is refused other-panel; witnesses and Panwascam write no
 * figures (both whatever the state); nobody else but the chair leaves final (locked). Else the
 * domain's code (e.g. chair-only).
 */
export function tableExpectation(row: Transition<TallyStatus, TallyAction>, device: DeviceName, actor: Actor): { status: string; code?: string } {
  if (actor.role === 'witness' || actor.role === 'panwas') return { status: 'rejected', code: 'read-only-role' };
  if (device === 'clerk2') return { status: 'rejected', code: 'other-panel' };
  if (row.from === 'final' && actor.role !== 'chair') return { status: 'locked', code: 'locked' };
  return row.roles.includes(actor.role) ? { status: 'applied' } : { status: 'rejected' };
}

/** A refusal's words: the domain's text, naming the form ("BAGON TPS 004, Presiden") in both languages. */
export function expectFormNamed(reason: LocalizedText, setup: Setup, tps: TpsCode): void {
  const desa = findDesa(setup, desaOfTps(tps))!.name;
  const number = `TPS ${String(tpsNumberOf(tps)).padStart(3, '0')}`;
  expect(reason.id).toContain(desa);
  expect(reason.id).toContain(number);
  expect(reason.en).toContain(`${desa} ${number}, President`);
  expect(reason.id).toContain(`${desa} ${number}, Presiden:`);
  expect(reason.id).not.toBe(reason.en);
}

/** The words the server must answer with: refusalText for the refusal, naming the record by its key. */
export function expectRefusalWords(result: OpResult, setup: Setup, key: string, actor: Actor, r: Refusal): void {
  if (result.status !== 'rejected' && result.status !== 'locked') throw new Error(`expected a refusal, got ${result.status}`);
  expect(result.reason).toEqual(refusalText(r, recordLabel(setup, key), actor, setup));
}

/** An objection about a TPS × PPWP, filed on a device of the role, pending. */
export function objectionAbout(id: string, tps: TpsCode, filedBy: Objection['filedBy'] & object): Objection {
  return {
    id,
    kind: 'objection',
    scope: { level: 'tps', tps },
    contest: 'PPWP',
    raisedBy: filedBy.role === 'witness' ? { role: 'witness', of: { kind: 'pair', number: 1 }, name: filedBy.name } : { role: 'ppk-member', name: filedBy.name },
    description: 'Jumlah suara sah tidak sama dengan jumlah perolehan suara',
    recordedAt: AT,
    recordedBy: filedBy.name,
    decision: { status: 'pending' },
    corrections: [],
    filedBy,
  };
}

export const decided = (o: Objection, by: string): Objection => ({ ...o, decision: { status: 'noted', note: 'Dicatat; angka sesuai C.Hasil plano', by, at: AT } });

/** The chair's finalisation of a desa × PPWP, as a device writes it. */
export const desaFinalisation = (desa: DesaCode, by: string): FinalisationRecord => ({
  desa,
  contest: 'PPWP',
  level: 'desa',
  state: 'final',
  history: [{ action: 'finalised', at: AT, by, reason: null, tallies: [] }],
});
