import { z } from 'zod';
import { checkTally, isWarningAccepted, type Finding } from '../domain/checks/index.ts';
import { desaOfTps } from '../domain/codes/codes.ts';
import type { Result } from '../domain/common/result.ts';
import { ObjectionSchema, type Objection } from '../domain/objections/schema.ts';
import type { ContestSetup, Setup } from '../domain/setup/schema.ts';
import { tallyKey, type Tally, type TallyStatus } from '../domain/tally/tally.ts';
import {
  recordLabel,
  refusalText,
  stepTally,
  tallyFacts,
  GUARDED_TALLY_ACTIONS,
  NO_FACTS,
  TALLY_TRANSITIONS,
  type Actor,
  type Refusal,
  type TallyAction,
} from '../domain/workflow/index.ts';
import type { RekapDb } from './database.ts';
import { deviceActor } from './deviceActor.ts';
import { dbError, type DbError } from './errors.ts';
import { abortWith } from './storage.ts';
import { missingPaths } from './tallyRows.ts';

/**
 * The db's writers ask the workflow table (src/domain/workflow) before they write; this module reads
 * what the table needs from the database and turns its refusals into the db's typed errors.
 */

/** Tables a tally writer's transaction must include for `tallyGate` (besides 'setup'). */
export const GATE_TABLES = ['objections', 'finalisations', 'sync'] as const;

/**
 * A refusal as a DbError the screens show: the table's own words naming the record ("PUGERKULON TPS
 * 002, Presiden") and the device's role.
 */
export function refusedError(refusal: Refusal, setup: Setup, key: string, actor: Actor): DbError {
  return dbError.workflowRefused(refusal, refusalText(refusal, recordLabel(setup, key), actor, setup));
}

/** Everything a tally step needs besides the record: who acts, whether the desa is final, its objections. */
export interface TallyGate {
  setup: Setup;
  contest: ContestSetup;
  actor: Actor;
  desaFinal: boolean;
  /**
   * The objections recorded for the form's TPS: a decided one keeps an error the paper form itself
   * carries (it cannot be corrected away) from blocking verify and finalise (DESIGN.md §3).
   */
  objections: Objection[];
}

const FinalStateSchema = z.object({ state: z.literal('final') });
const ObjectionOfRowSchema = z.object({ objection: ObjectionSchema });

/** Reads the gate inside the writer's transaction (GATE_TABLES). */
export async function tallyGate(db: RekapDb, setup: Setup, contest: ContestSetup, tps: Tally['tps']): Promise<TallyGate> {
  const actor = await deviceActor(db);
  // The desa × contest finalisation row (key `<desa>:<contest>`, src/db/finalisation.ts).
  const finalisation = await db.finalisations.get(`${desaOfTps(tps)}:${contest.id}`);
  const objections: Objection[] = [];
  for (const raw of await db.objections.where('tps').equals(tps).toArray()) {
    // A damaged row covers nothing; listObjections reports it.
    const parsed = ObjectionOfRowSchema.safeParse(raw);
    if (parsed.success) objections.push(parsed.data.objection);
  }
  return { setup, contest, actor, desaFinal: FinalStateSchema.safeParse(finalisation).success, objections };
}

export interface TallyStepInput {
  from: TallyStatus;
  action: TallyAction;
  /** The record the step produces (for verify: the record being verified). */
  tally: Tally;
  reason?: string | null;
  verifier?: string | null;
}

/** Asks the table for one step of a form: the next status, or why not. */
export function askTally(gate: TallyGate, step: TallyStepInput): Result<TallyStatus, Refusal> {
  return stepTally({
    from: step.from,
    action: step.action,
    actor: gate.actor,
    desa: desaOfTps(step.tally.tps),
    // Typing and corrections have no guard on the figures: no checks run per autosaved keystroke.
    facts: GUARDED_TALLY_ACTIONS.includes(step.action) ? tallyFacts(step.tally, gate.contest, gate.objections) : NO_FACTS,
    reason: step.reason ?? null,
    verifier: step.verifier ?? null,
    desaFinal: gate.desaFinal,
  });
}

/** askTally inside a write: a refusal aborts it (nothing is written) with the db's typed error. */
export function stepTallyOrAbort(gate: TallyGate, step: TallyStepInput): TallyStatus {
  const next = askTally(gate, step);
  return next.ok ? next.value : abortWith(tallyRefusalError(next.error, gate, step));
}

/** The findings a guard refused on, for the errors that list them. */
export function refusedFindings(refusal: Refusal, tally: Tally, contest: ContestSetup): Finding[] {
  const codes = new Set<string>(refusal.codes ?? []);
  return checkTally(tally, contest).filter(
    (f) => codes.has(f.code) && (refusal.code === 'open-errors' ? f.severity === 'error' : f.severity === 'warning' && !isWarningAccepted(f, tally)),
  );
}

/** The states an action leaves from, as the table lists them (for 'wrong-status'). */
const fromStates = (action: TallyAction): TallyStatus[] => [...new Set(TALLY_TRANSITIONS.filter((t) => t.action === action).map((t) => t.from))];

/**
 * A tally refusal as the existing error the screens and tests know ('locked', 'reason-required',
 * 'same-person', …); the refusals of who acts (role, panel, a finalised desa) as 'workflow-refused'.
 */
export function tallyRefusalError(refusal: Refusal, gate: TallyGate, step: TallyStepInput): DbError {
  switch (refusal.code) {
    case 'locked':
      return dbError.locked();
    case 'reason-required':
      return dbError.reasonRequired();
    case 'same-person':
      return dbError.samePerson();
    case 'verifier-missing':
      return dbError.actorRequired();
    case 'incomplete':
      return dbError.incomplete(missingPaths(step.tally));
    case 'warnings-unaccepted':
      return dbError.warningsUnaccepted(refusedFindings(refusal, step.tally, gate.contest));
    case 'open-errors':
      return dbError.hasErrors(refusedFindings(refusal, step.tally, gate.contest));
    case 'not-from-state':
      return dbError.wrongStatus(step.from, fromStates(step.action));
    default:
      return refusedError(refusal, gate.setup, tallyKey(step.tally), gate.actor);
  }
}
