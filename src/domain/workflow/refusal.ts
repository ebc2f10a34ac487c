import type { DesaCode } from '../codes/codes.ts';

/**
 * Why the workflow refuses a step. Codes are stable (the server answers them, clients and tests
 * switch on them); words come from refusalText.
 */
export const REFUSAL_CODES = [
  'read-only-role',
  'other-panel',
  'chair-only',
  'not-from-state',
  'locked',
  'desa-final',
  'reason-required',
  'incomplete',
  'warnings-unaccepted',
  'open-errors',
  'same-person',
  'verifier-missing',
  'immutable',
  'not-ready',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  code: RefusalCode;
  /** not-from-state: the state the action was tried from, and the action. */
  from?: string;
  action?: string;
  /** open-errors / warnings-unaccepted: the check codes; incomplete: how many cells. */
  codes?: readonly string[];
  missing?: number;
  /** other-panel: the desa; immutable: the field that may not change. */
  desa?: DesaCode;
  field?: string;
  /** not-ready: how many blockers. */
  blockers?: number;
}

export const refusal = (code: RefusalCode, detail: Omit<Refusal, 'code'> = {}): Refusal => ({ code, ...detail });
