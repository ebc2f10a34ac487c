import { err, ok, type Result } from '../common/result.ts';
import type { Actor } from './actor.ts';
import { refusal, type Refusal } from './refusal.ts';
import { findTransition, type Transition } from './table.ts';

/**
 * The finalisation of a desa × contest (its forms become final) or of the kecamatan × contest
 * (every desa final): the chair's act, reopened by the chair with a reason.
 */
export const FINALISATION_STATES = ['none', 'final', 'reopened'] as const;
export type FinalisationState = (typeof FINALISATION_STATES)[number];
export const FINALISATION_ACTIONS = ['finalise', 'reopen'] as const;
export type FinalisationAction = (typeof FINALISATION_ACTIONS)[number];

export const FINALISATION_TRANSITIONS: readonly Transition<FinalisationState, FinalisationAction>[] = [
  { from: 'none', action: 'finalise', to: 'final', roles: ['chair'] },
  { from: 'reopened', action: 'finalise', to: 'final', roles: ['chair'] },
  { from: 'final', action: 'reopen', to: 'reopened', roles: ['chair'], reason: true },
];

export interface FinalisationStep {
  from: FinalisationState;
  action: FinalisationAction;
  actor: Actor;
  reason?: string | null;
  /** finalise: how many things still block it (forms not verified, open errors, desa not final). */
  blockers: number;
}

export function stepFinalisation(step: FinalisationStep): Result<FinalisationState, Refusal> {
  const transition = findTransition(FINALISATION_TRANSITIONS, step.from, step.action);
  if (!transition) return err(refusal('not-from-state', { from: step.from, action: step.action }));
  if (!transition.roles.includes(step.actor.role)) return err(refusal('chair-only', { action: step.action }));
  if (transition.reason && !step.reason?.trim()) return err(refusal('reason-required', { action: step.action }));
  if (step.action === 'finalise' && step.blockers > 0) return err(refusal('not-ready', { blockers: step.blockers }));
  return ok(transition.to);
}

/** The synced part of a finalisation record the check reads: its state and its event history. */
export interface FinalisationLike {
  state: 'final' | 'reopened';
  history: readonly { action: 'finalised' | 'reopened'; reason: string | null }[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether a change of a finalisation record is allowed (the server's check): its history only
 * grows, and each new event is a step of the table (finalised → finalise, reopened → reopen with its
 * reason), ending in the record's state.
 */
export function checkFinalisationChange(before: FinalisationLike | null, after: FinalisationLike, actor: Actor, blockers: number): Result<FinalisationState, Refusal> {
  const old = before?.history ?? [];
  if (after.history.length < old.length || !same(after.history.slice(0, old.length), old)) return err(refusal('immutable', { field: 'history' }));
  const fresh = after.history.slice(old.length);
  if (fresh.length === 0 && before && before.state !== after.state) return err(refusal('immutable', { field: 'state' }));
  let state: FinalisationState = before?.state ?? 'none';
  for (const [i, event] of fresh.entries()) {
    const action: FinalisationAction = event.action === 'finalised' ? 'finalise' : 'reopen';
    // Readiness is judged on the records as they are now, so it binds only the last finalise.
    const last = i === fresh.length - 1;
    const next = stepFinalisation({ from: state, action, actor, reason: event.reason, blockers: last ? blockers : 0 });
    if (!next.ok) return next;
    state = next.value;
  }
  if (state !== after.state) return err(refusal('immutable', { field: 'state' }));
  return ok(state);
}
