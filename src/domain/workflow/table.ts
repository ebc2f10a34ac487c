import type { Role } from './actor.ts';

/**
 * One row of a workflow table: from a state, an action leads to a state, for these roles.
 * `reason`: the step must carry a non-blank reason (kept in the history and the audit chain).
 */
export interface Transition<S extends string, A extends string> {
  from: S;
  action: A;
  to: S;
  roles: readonly Role[];
  reason?: boolean;
}

export function findTransition<S extends string, A extends string>(table: readonly Transition<S, A>[], from: S, action: A): Transition<S, A> | undefined {
  return table.find((t) => t.from === from && t.action === action);
}
