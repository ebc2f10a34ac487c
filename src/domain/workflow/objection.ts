import { err, ok, type Result } from '../common/result.ts';
import type { Objection } from '../objections/schema.ts';
import { ROLES, type Actor } from './actor.ts';
import { refusal, type Refusal } from './refusal.ts';
import { findTransition, type Transition } from './table.ts';

/**
 * An objection or special event (Model D.Kejadian Khusus dan/atau Keberatan): filed by anyone
 * enrolled in the plenary, decided by the chair (a decision may be changed later, after a recount
 * say: every decision stays in the history), its corrections linked by the chair.
 */
export const OBJECTION_STATES = ['none', 'filed', 'decided'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];
export const OBJECTION_ACTIONS = ['file', 'decide', 'link'] as const;
export type ObjectionAction = (typeof OBJECTION_ACTIONS)[number];

export const OBJECTION_TRANSITIONS: readonly Transition<ObjectionState, ObjectionAction>[] = [
  { from: 'none', action: 'file', to: 'filed', roles: ROLES },
  { from: 'filed', action: 'decide', to: 'decided', roles: ['chair'], reason: true },
  { from: 'decided', action: 'decide', to: 'decided', roles: ['chair'], reason: true },
  { from: 'filed', action: 'link', to: 'filed', roles: ['chair'] },
  { from: 'decided', action: 'link', to: 'decided', roles: ['chair'] },
];

export const objectionState = (o: Pick<Objection, 'decision'> | null): ObjectionState =>
  o === null ? 'none' : o.decision.status === 'pending' ? 'filed' : 'decided';

/** One step: the next state, or why not. `reason`: the decision's note. */
export function stepObjection(from: ObjectionState, action: ObjectionAction, actor: Actor, reason?: string | null): Result<ObjectionState, Refusal> {
  const transition = findTransition(OBJECTION_TRANSITIONS, from, action);
  if (!transition) return err(refusal('not-from-state', { from, action }));
  if (!transition.roles.includes(actor.role)) return err(refusal('chair-only', { action }));
  if (transition.reason && !reason?.trim()) return err(refusal('reason-required', { action }));
  return ok(transition.to);
}

/** What was filed never changes; only the decision and the linked corrections do. */
const FILED_FIELDS = ['id', 'kind', 'scope', 'contest', 'raisedBy', 'description', 'recordedAt', 'recordedBy', 'filedBy'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Whether a change of an objection is allowed (the server's check of every pushed objection):
 * filing (a pending objection without corrections, filed under the actor's own role), then the
 * chair's decision and links. A device that filed and decided offline sends both steps at once.
 */
export function checkObjectionChange(before: Objection | null, after: Objection, actor: Actor): Result<ObjectionState, Refusal> {
  const actions: ObjectionAction[] = [];
  if (before) {
    const changed = FILED_FIELDS.find((f) => !same(before[f], after[f]));
    if (changed) return err(refusal('immutable', { field: changed }));
  } else {
    actions.push('file');
    if (after.filedBy && after.filedBy.role !== actor.role) return err(refusal('immutable', { field: 'filedBy' }));
  }
  const decisionBefore = before?.decision ?? { status: 'pending' as const };
  if (!same(decisionBefore, after.decision)) {
    if (after.decision.status === 'pending') return err(refusal('not-from-state', { from: 'decided', action: '→ pending' }));
    actions.push('decide');
  }
  if (!same(before?.corrections ?? [], after.corrections)) actions.push('link');
  let state = objectionState(before);
  for (const action of actions) {
    const note = after.decision.status === 'pending' ? null : after.decision.note;
    const next = stepObjection(state, action, actor, note);
    if (!next.ok) return next;
    state = next.value;
  }
  return ok(state);
}
