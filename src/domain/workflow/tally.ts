import { checkTally, isWarningAccepted, type CheckCode, type Finding } from '../checks/index.ts';
import { desaOfTps, type DesaCode } from '../codes/codes.ts';
import { err, ok, type Result } from '../common/result.ts';
import { coversTally } from '../objections/rules.ts';
import type { Objection } from '../objections/schema.ts';
import type { ContestSetup } from '../setup/schema.ts';
import { figurePaths, getFigure } from '../tally/fields.ts';
import { countMissing } from '../tally/missing.ts';
import type { Tally, TallyStatus } from '../tally/tally.ts';
import { TALLY_WRITERS, type Actor } from './actor.ts';
import { refusal, type Refusal } from './refusal.ts';
import { findTransition, type Transition } from './table.ts';

/**
 * What a person does to a C.Hasil form (docs/domain.md, "The recap workflow"):
 * type — figures before "entered"; mark-entered — Selesai dientri; accept-warnings — a warning
 * accepted with a reason; second-entry — a blind second entry stored beside the first (a check,
 * not the record); correct — a change after "entered" (pembetulan), with a reason; verify — read-back
 * or a matching second entry by another person; finalise / reopen — the chair.
 */
export const TALLY_ACTIONS = ['type', 'mark-entered', 'accept-warnings', 'second-entry', 'correct', 'verify', 'finalise', 'reopen'] as const;
export type TallyAction = (typeof TALLY_ACTIONS)[number];

const W = TALLY_WRITERS;

/** The tally workflow: the only place that says which step leads where and for whom. */
export const TALLY_TRANSITIONS: readonly Transition<TallyStatus, TallyAction>[] = [
  { from: 'empty', action: 'type', to: 'draft', roles: W },
  { from: 'draft', action: 'type', to: 'draft', roles: W },
  { from: 'draft', action: 'accept-warnings', to: 'draft', roles: W },
  { from: 'draft', action: 'mark-entered', to: 'entered', roles: W },
  { from: 'entered', action: 'accept-warnings', to: 'entered', roles: W },
  { from: 'entered', action: 'second-entry', to: 'entered', roles: W },
  { from: 'entered', action: 'correct', to: 'entered', roles: W, reason: true },
  { from: 'entered', action: 'verify', to: 'verified', roles: W },
  { from: 'verified', action: 'accept-warnings', to: 'verified', roles: W },
  { from: 'verified', action: 'correct', to: 'entered', roles: W, reason: true },
  { from: 'verified', action: 'finalise', to: 'final', roles: ['chair'] },
  { from: 'final', action: 'reopen', to: 'verified', roles: ['chair'], reason: true },
];

/**
 * How figures change from a status, as the table's rows say: typed freely (a 'type' row: before
 * "entered"), corrected with a reason (a 'correct' row: after it), or not at all (final: only the
 * chair's reopen moves it). The entry form asks it what to offer.
 */
export type FigureMode = 'type' | 'correct' | 'locked';
export function figureMode(status: TallyStatus): FigureMode {
  if (findTransition(TALLY_TRANSITIONS, status, 'type')) return 'type';
  return findTransition(TALLY_TRANSITIONS, status, 'correct') ? 'correct' : 'locked';
}

/** The step a writer asks for when figures change: typing, else a correction (refused as locked when final). */
export const figureAction = (status: TallyStatus): 'type' | 'correct' => (figureMode(status) === 'type' ? 'type' : 'correct');

/**
 * The status a form has once its figures change, as the table's rows say: empty → draft, a
 * verified form back to entered (it must be verified again). A final form's figures change only
 * after its reopen, so the reopen's row applies first (as in tallyActions).
 */
export function statusAfterFigureChange(status: TallyStatus): TallyStatus {
  const from = status === 'final' ? (findTransition(TALLY_TRANSITIONS, status, 'reopen')?.to ?? status) : status;
  return findTransition(TALLY_TRANSITIONS, from, figureAction(from))?.to ?? from;
}

/** Who verified belongs to a verified (or final) form: a form below that must be verified again. */
export const keepsVerifier = (status: TallyStatus): boolean => RANK[status] >= RANK.verified;

/** What the guards need to know about the record a step produces. */
export interface TallyFacts {
  /** Cells not entered. */
  missing: number;
  /** Error findings not covered by a decided objection or special event for the TPS (× contest). */
  uncoveredErrors: CheckCode[];
  /** Warning findings without an accepted reason. */
  unacceptedWarnings: CheckCode[];
  enteredBy: string | null;
  verifiedBy: string | null;
}

const uniq = (codes: CheckCode[]): CheckCode[] => [...new Set(codes)].sort();

/**
 * The facts of a tally against its contest and the objections recorded for it. `findings`:
 * checkTally(tally, contest) when the caller has them already (the server checks each pushed form once).
 */
export function tallyFacts(
  tally: Tally,
  contest: ContestSetup | undefined,
  objections: readonly Pick<Objection, 'scope' | 'contest' | 'decision'>[],
  findings: readonly Finding[] = checkTally(tally, contest),
): TallyFacts {
  const covered = objections.some((o) => coversTally(o, tally.tps, tally.contest));
  return {
    missing: countMissing(tally),
    uncoveredErrors: covered ? [] : uniq(findings.filter((f) => f.severity === 'error').map((f) => f.code)),
    unacceptedWarnings: uniq(findings.filter((f) => f.severity === 'warning' && !isWarningAccepted(f, tally)).map((f) => f.code)),
    enteredBy: tally.enteredBy ?? null,
    verifiedBy: tally.verifiedBy ?? null,
  };
}

export interface TallyStep {
  from: TallyStatus;
  action: TallyAction;
  actor: Actor;
  /** The desa of the form (clerks write only their panel's). */
  desa: DesaCode;
  /** Facts of the record the step produces (for verify: the record being verified). */
  facts: TallyFacts;
  reason?: string | null;
  /** verify / second-entry: the person verifying (must not be the one who entered it). */
  verifier?: string | null;
  /** The desa × contest is finalised: only the chair's finalise/reopen steps move its forms. */
  desaFinal?: boolean;
}

export const samePerson = (a: string | null | undefined, b: string | null | undefined): boolean =>
  (a ?? '').trim().toLocaleLowerCase('id') === (b ?? '').trim().toLocaleLowerCase('id');

/** Whether the actor writes figures of this desa at all (before any state is looked at). */
export function mayWriteTallies(actor: Actor, desa: DesaCode): Refusal | null {
  if (!(TALLY_WRITERS as readonly string[]).includes(actor.role)) return refusal('read-only-role');
  if (actor.role === 'clerk' && !actor.desa.includes(desa)) return refusal('other-panel', { desa });
  return null;
}

/** One step of the tally workflow: the next status, or why not. */
export function stepTally(step: TallyStep): Result<TallyStatus, Refusal> {
  const scope = mayWriteTallies(step.actor, step.desa);
  if (scope) return err(scope);
  if (step.desaFinal && step.action !== 'finalise' && step.action !== 'reopen') return err(refusal('desa-final'));
  const transition = findTransition(TALLY_TRANSITIONS, step.from, step.action);
  if (!transition) return err(refusal(step.from === 'final' ? 'locked' : 'not-from-state', { from: step.from, action: step.action }));
  if (!transition.roles.includes(step.actor.role)) return err(refusal(step.from === 'final' ? 'locked' : 'chair-only', { action: step.action }));
  if (transition.reason && !step.reason?.trim()) return err(refusal('reason-required', { action: step.action }));
  const guard = guardOf(step);
  return guard ? err(guard) : ok(transition.to);
}

/**
 * The actions whose guards read the record's facts (guardOf); the others need none, so a writer
 * on the hot path (every autosaved keystroke types or corrects) need not run the checks for them.
 */
export const GUARDED_TALLY_ACTIONS: readonly TallyAction[] = ['mark-entered', 'second-entry', 'verify', 'finalise'];

/** Facts for an action that reads none (see GUARDED_TALLY_ACTIONS). */
export const NO_FACTS: TallyFacts = { missing: 0, uncoveredErrors: [], unacceptedWarnings: [], enteredBy: null, verifiedBy: null };

function guardOf({ action, facts, verifier }: TallyStep): Refusal | null {
  switch (action) {
    case 'type':
    case 'accept-warnings':
    case 'correct':
    case 'reopen':
      return null;
    case 'mark-entered':
      if (facts.missing > 0) return refusal('incomplete', { missing: facts.missing });
      return facts.unacceptedWarnings.length > 0 ? refusal('warnings-unaccepted', { codes: facts.unacceptedWarnings }) : null;
    case 'second-entry':
      if (!verifier?.trim()) return refusal('verifier-missing');
      return samePerson(verifier, facts.enteredBy) ? refusal('same-person') : null;
    case 'verify':
      if (!verifier?.trim()) return refusal('verifier-missing');
      if (samePerson(verifier, facts.enteredBy)) return refusal('same-person');
      return signOffGuard(facts);
    case 'finalise':
      return signOffGuard(facts);
  }
}

function signOffGuard(facts: TallyFacts): Refusal | null {
  if (facts.missing > 0) return refusal('incomplete', { missing: facts.missing });
  if (facts.uncoveredErrors.length > 0) return refusal('open-errors', { codes: facts.uncoveredErrors });
  if (facts.unacceptedWarnings.length > 0) return refusal('warnings-unaccepted', { codes: facts.unacceptedWarnings });
  return null;
}

const RANK: Record<TallyStatus, number> = { empty: 0, draft: 1, entered: 2, verified: 3, final: 4 };
const FORWARD: Partial<Record<TallyStatus, TallyAction>> = { empty: 'type', draft: 'mark-entered', entered: 'verify', verified: 'finalise' };
const SIGN_OFFS = ['enteredBy', 'verifiedBy'] as const;

function sameFigures(a: Tally | null, b: Tally): boolean {
  return figurePaths(b).every((p) => (a ? (getFigure(a, p) ?? null) : null) === (getFigure(b, p) ?? null));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The steps that turn one stored version of a tally into another. A device folds the writes made
 * while offline into one op, so one change may be several steps (typed, entered and verified);
 * each must be allowed. Derived from the two records: leaving final is a reopen; changed figures
 * are typing before "entered" and a correction after; then the forward steps up to the new status.
 */
export function tallyActions(before: Tally | null, after: Tally): Result<TallyAction[], Refusal> {
  let current: TallyStatus = before?.status ?? 'empty';
  const actions: TallyAction[] = [];
  const figuresChanged = !sameFigures(before, after);
  const signOffsChanged = SIGN_OFFS.some((k) => !same(before?.[k], after[k]));
  if (current === 'final') {
    if (after.status === 'final' && !figuresChanged && !signOffsChanged && same(before?.acceptedWarnings, after.acceptedWarnings)) return ok([]);
    actions.push('reopen');
    current = 'verified';
  }
  if (figuresChanged || (signOffsChanged && RANK[after.status] <= RANK[current])) {
    const action: TallyAction = current === 'entered' || current === 'verified' ? 'correct' : 'type';
    actions.push(action);
    current = action === 'correct' ? 'entered' : 'draft';
  }
  if (RANK[after.status] < RANK[current]) {
    if (current !== 'verified' || after.status !== 'entered') return err(refusal('not-from-state', { from: current, action: `→ ${after.status}` }));
    actions.push('correct');
    current = 'entered';
  }
  while (current !== after.status) {
    const action: TallyAction | undefined = FORWARD[current];
    if (!action) return err(refusal('not-from-state', { from: current, action: `→ ${after.status}` }));
    actions.push(action);
    current = findTransition(TALLY_TRANSITIONS, current, action)?.to ?? after.status;
  }
  if (actions.length === 0 && !same(before?.acceptedWarnings, after.acceptedWarnings)) actions.push('accept-warnings');
  return ok(actions);
}

export interface TallyChange {
  before: Tally | null;
  after: Tally;
  actor: Actor;
  facts: TallyFacts;
  reason: string | null;
  desaFinal?: boolean;
}

/**
 * Whether a whole change of a tally is allowed (the server's check of every pushed tally): each
 * step it takes, from the stored status, for the actor; guards are checked on the new record.
 */
export function checkTallyChange(change: TallyChange): Result<TallyStatus, Refusal> {
  const desa = desaOfTps(change.after.tps);
  const scope = mayWriteTallies(change.actor, desa);
  if (scope) return err(scope);
  const actions = tallyActions(change.before, change.after);
  if (!actions.ok) return actions;
  let status: TallyStatus = change.before?.status ?? 'empty';
  if (actions.value.length === 0 && status === 'final' && change.actor.role !== 'chair') return err(refusal('locked'));
  for (const action of actions.value) {
    const next = stepTally({
      from: status,
      action,
      actor: change.actor,
      desa,
      facts: change.facts,
      reason: change.reason,
      verifier: change.after.verifiedBy ?? null,
      desaFinal: change.desaFinal,
    });
    if (!next.ok) return next;
    status = next.value;
  }
  return ok(status);
}

/**
 * Whether a stored form is locked for this actor whatever the change (the server answers `locked`
 * before looking at versions): it is final and the actor has no step out of final, or its desa is
 * finalised and the change is not the chair's finalise/reopen (a form going to or leaving final).
 */
export function tallyLockedFor(stored: TallyStatus, pushed: TallyStatus, actor: Actor, desaFinal: boolean): boolean {
  const exits = TALLY_TRANSITIONS.filter((t) => t.from === 'final' && t.roles.includes(actor.role));
  if (stored === 'final' && exits.length === 0) return true;
  if (!desaFinal) return false;
  const chairStep = actor.role === 'chair' && (stored === 'final' || pushed === 'final');
  return !chairStep;
}
