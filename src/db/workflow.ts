import { checkDesaDuplicates, checkTally, checkTpsContests, compareEntries, type Finding } from '../domain/checks/index.ts';
import { desaOfTps } from '../domain/codes/codes.ts';
import { err, type Result } from '../domain/common/result.ts';
import type { ContestSetup } from '../domain/setup/schema.ts';
import { TallySchema, tallyKey, type Tally, type TallyKey, type WarningAcceptance } from '../domain/tally/tally.ts';
import { tallyFacts } from '../domain/workflow/tally.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { AUDIT_TABLES, appendAudit, changeMaps } from './audit.ts';
import { appendOutbox, OUTBOX_TABLES } from './outbox.ts';
import { requireSetupRow } from './setupStore.ts';
import { stableStringify } from './stable.ts';
import { abortWith, runWrite } from './storage.ts';
import { contestFor, missingPaths, nextRow, readTallyRow, sameCells, splitKey } from './tallyRows.ts';
import type { Change, Revision, TallyRow } from './types.ts';
import { askTally, GATE_TABLES, refusedFindings, stepTallyOrAbort, tallyGate, tallyRefusalError, type TallyGate } from './workflowGate.ts';

/**
 * The workflow steps of a form other than typing (src/db/tallies.ts). Each asks the workflow table
 * (src/domain/workflow) for the next status, for this device's actor; a refusal writes nothing.
 */

interface Loaded {
  row: TallyRow;
  contest: ContestSetup;
  gate: TallyGate;
}

/** Reads setup, row and what the table needs inside the current transaction, aborting with the expected errors. */
async function load(db: RekapDb, key: TallyKey): Promise<Loaded> {
  const setupRow = await requireSetupRow(db);
  if (!setupRow.ok) return abortWith(setupRow.error);
  const { tps, contest } = splitKey(key);
  const contestSetup = contestFor(setupRow.value.setup, tps, contest);
  if (!contestSetup.ok) return abortWith(contestSetup.error);
  const stored = await readTallyRow(db, key);
  if (!stored.ok) return abortWith(stored.error);
  if (!stored.value) return abortWith(dbError.notFound(key));
  const gate = await tallyGate(db, setupRow.value.setup, contestSetup.value, stored.value.tps);
  return { row: stored.value, contest: contestSetup.value, gate };
}

function requireActor(actor: string): void {
  if (!actor.trim()) abortWith(dbError.actorRequired());
}

/**
 * Adds acceptances (blank reasons ignored; `by`/`at` filled in) for warnings that are open now;
 * an acceptance already stored for the same code is replaced by the newer one.
 */
function withAcceptances(
  tally: Tally,
  contest: ContestSetup,
  acceptances: readonly WarningAcceptance[],
  actor: string,
  at: string,
  openCodes: ReadonlySet<string> = new Set(checkTally(tally, contest).filter((f) => f.severity === 'warning').map((f) => f.code)),
): Tally {
  const fresh = acceptances
    .filter((a) => a.reason.trim() !== '' && openCodes.has(a.code))
    .map((a) => ({ code: a.code, reason: a.reason.trim(), by: a.by ?? actor, at: a.at ?? at }));
  if (fresh.length === 0) return tally;
  const freshCodes = new Set(fresh.map((a) => a.code));
  const kept = (tally.acceptedWarnings ?? []).filter((a) => !freshCodes.has(a.code));
  return { ...tally, acceptedWarnings: [...kept, ...fresh] };
}

/** Changes of the non-figure properties, for the history. */
function metaChanges(before: Tally, after: Tally): Change[] {
  const changes: Change[] = [];
  for (const path of ['enteredBy', 'verifiedBy', 'acceptedWarnings'] as const) {
    // Absent and null differ here, so that replaying the history gives back the stored tally exactly.
    const a = before[path];
    const b = after[path];
    if (stableStringify(a === undefined ? '<absent>' : a) !== stableStringify(b === undefined ? '<absent>' : b)) {
      changes.push({ path, before: a ?? null, after: b ?? null });
    }
  }
  return changes;
}

/** Writes a status/metadata change of a tally and its 'status' revision. */
async function writeStatus(db: RekapDb, row: TallyRow, tally: Tally, actor: string, reason: string | null, extra: Partial<TallyRow> = {}): Promise<TallyRow> {
  const at = nowIso();
  const updated = nextRow(row, tally, actor, at, extra);
  await db.tallies.put(updated);
  await appendOutbox(db, updated, actor, reason);
  const revision: Revision = {
    key: updated.key,
    revision: updated.revision,
    at,
    by: actor,
    kind: 'status',
    changes: metaChanges(row.tally, tally),
    statusBefore: row.status,
    statusAfter: tally.status,
    reason,
  };
  await db.revisions.add(revision);
  // Accepting a warning without a status change is a change of the record's marks, not of its status.
  await appendAudit(db, {
    at,
    actor,
    record: { kind: 'tally', key: updated.key },
    action: row.status === tally.status ? 'tally.changed' : 'tally.status',
    ...changeMaps(revision.changes, { before: row.status, after: tally.status }),
    reason,
  });
  return updated;
}

const TABLES = ['setup', 'tallies', 'revisions', ...GATE_TABLES, ...OUTBOX_TABLES, ...AUDIT_TABLES];

/** draft → entered. Needs every cell entered and every open warning accepted with a reason. */
export async function markEntered(db: RekapDb, key: TallyKey, actor: string, acceptances: readonly WarningAcceptance[]): Promise<Result<TallyRow, DbError>> {
  return runWrite(db, TABLES, async () => {
    requireActor(actor);
    const { row, contest, gate } = await load(db, key);
    const accepted = withAcceptances(row.tally, contest, acceptances, actor, nowIso());
    // Errors do not block "entered" (DESIGN.md §3): they block verification and finalisation.
    const status = stepTallyOrAbort(gate, { from: row.status, action: 'mark-entered', tally: accepted });
    return writeStatus(db, row, { ...accepted, status, enteredBy: actor, verifiedBy: null }, actor, null);
  });
}

/** Records warning acceptances on a tally that is not final (e.g. after a correction raised one). */
export async function acceptWarnings(db: RekapDb, key: TallyKey, actor: string, acceptances: readonly WarningAcceptance[]): Promise<Result<TallyRow, DbError>> {
  return runWrite(db, TABLES, async () => {
    requireActor(actor);
    const { row, contest, gate } = await load(db, key);
    const accepted = withAcceptances(row.tally, contest, acceptances, actor, nowIso());
    const status = stepTallyOrAbort(gate, { from: row.status, action: 'accept-warnings', tally: accepted });
    if (accepted === row.tally) return row;
    return writeStatus(db, row, { ...accepted, status }, actor, null);
  });
}

/** Warnings found across tallies rather than on one form (DESIGN.md §3). */
export const GROUP_WARNING_CODES = ['W04', 'W05'] as const;
export type GroupWarningCode = (typeof GROUP_WARNING_CODES)[number];

/**
 * W04 compares a TPS's contests, W05 a desa's TPS: neither shows on the form alone, so the findings
 * list accepts them. The acceptance is stored on the tally the finding is about, only while the
 * finding still holds against the tallies stored now (a stale screen cannot accept a gone warning).
 */
export async function acceptGroupWarning(
  db: RekapDb,
  key: TallyKey,
  actor: string,
  acceptance: { code: GroupWarningCode; reason: string },
): Promise<Result<TallyRow, DbError>> {
  return runWrite(db, TABLES, async () => {
    requireActor(actor);
    // The acceptance's own reason (not a step's): an acceptance without one accepts nothing.
    if (acceptance.reason.trim() === '') return abortWith(dbError.reasonRequired());
    const { row, contest, gate } = await load(db, key);
    const status = stepTallyOrAbort(gate, { from: row.status, action: 'accept-warnings', tally: row.tally });
    const findings =
      acceptance.code === 'W04'
        ? checkTpsContests((await db.tallies.where('tps').equals(row.tally.tps).toArray()).map((r) => r.tally))
        : checkDesaDuplicates(
            (await db.tallies.where('[desa+contest]').equals([desaOfTps(row.tally.tps), row.tally.contest]).toArray()).map((r) => r.tally),
          );
    const open = findings.some((f) => f.code === acceptance.code && f.tps === row.tally.tps && f.contest === row.tally.contest);
    if (!open) return abortWith(dbError.warningNotOpen(acceptance.code));
    const accepted = withAcceptances(row.tally, contest, [{ code: acceptance.code, reason: acceptance.reason, by: actor, at: nowIso() }], actor, nowIso(), new Set([acceptance.code]));
    return writeStatus(db, row, { ...accepted, status }, actor, null);
  });
}

/** entered → verified by read-back: another person, no open errors (uncovered), no unaccepted warnings. */
export async function verifyReadback(db: RekapDb, key: TallyKey, actor: string): Promise<Result<TallyRow, DbError>> {
  return runWrite(db, TABLES, async () => {
    requireActor(actor);
    const { row, gate } = await load(db, key);
    const status = stepTallyOrAbort(gate, { from: row.status, action: 'verify', tally: row.tally, verifier: actor });
    return writeStatus(db, row, { ...row.tally, status, verifiedBy: actor }, actor, null);
  });
}

export interface SecondEntryResult {
  row: TallyRow;
  /** Every cell of the second entry is entered (only then can it verify). */
  complete: boolean;
  /** W06 findings: cells entered in both entries that differ. */
  differences: Finding[];
  /** Open errors / unaccepted warnings of the first entry that keep it from being verified. */
  blocking: Finding[];
  /** The second entry matched and the tally is now 'verified'. */
  verified: boolean;
}

/** The first entry's findings that keep it from being verified: errors no decided objection covers, unaccepted warnings. */
function blockingFindings(gate: TallyGate, tally: Tally): Finding[] {
  const facts = tallyFacts(tally, gate.contest, gate.objections);
  return [
    ...refusedFindings({ code: 'open-errors', codes: facts.uncoveredErrors }, tally, gate.contest),
    ...refusedFindings({ code: 'warnings-unaccepted', codes: facts.unacceptedWarnings }, tally, gate.contest),
  ];
}

/**
 * Stores the blind second entry (call it on every change: it autosaves into row.secondEntry and
 * writes no revision, it is a check and not the record). When complete and equal to the first
 * entry, the table's verify step decides (another person, no open errors/unaccepted warnings).
 */
export async function saveSecondEntry(db: RekapDb, key: TallyKey, tally: Tally, actor: string): Promise<Result<SecondEntryResult, DbError>> {
  const parsed = TallySchema.safeParse(tally);
  if (!parsed.success) return err(dbError.invalidFile(toInputIssues(parsed.error, { root: tally })));
  const second = parsed.data;
  return runWrite(db, TABLES, async () => {
    requireActor(actor);
    const { row, gate } = await load(db, key);
    if (tallyKey(second) !== key || !sameCells(second, row.tally)) return abortWith(dbError.unknownTally(tallyKey(second)));
    stepTallyOrAbort(gate, { from: row.status, action: 'second-entry', tally: row.tally, verifier: actor });

    const at = nowIso();
    const secondEntry = { tally: second, by: actor, at };
    const complete = missingPaths(second).length === 0;
    const differences = compareEntries(row.tally, second);
    const blocking = blockingFindings(gate, row.tally);
    if (complete && differences.length === 0) {
      const verify = { from: row.status, action: 'verify' as const, tally: row.tally, verifier: actor };
      const next = askTally(gate, verify);
      if (next.ok) {
        const updated = await writeStatus(db, row, { ...row.tally, status: next.value, verifiedBy: actor }, actor, null, { secondEntry });
        return { row: updated, complete, differences, blocking, verified: true };
      }
      // Open findings leave it entered (listed in `blocking`); any other refusal writes nothing.
      if (next.error.code !== 'open-errors' && next.error.code !== 'warnings-unaccepted') return abortWith(tallyRefusalError(next.error, gate, verify));
    }
    // Not a change of the record: the revision counter stays (it is the record's version).
    const updated: TallyRow = { ...row, secondEntry };
    await db.tallies.put(updated);
    return { row: updated, complete, differences, blocking, verified: false };
  });
}
