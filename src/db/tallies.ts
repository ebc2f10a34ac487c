import type { TpsCode } from '../domain/codes/codes.ts';
import { err, type Result } from '../domain/common/result.ts';
import type { ContestId } from '../domain/tally/contest.ts';
import { getFigure, setFigure as setTallyFigure, type FieldPath } from '../domain/tally/fields.ts';
import { isFigureValue, type Figure, type TallyKey } from '../domain/tally/tally.ts';
import { figureAction, keepsVerifier } from '../domain/workflow/tally.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';
import { AUDIT_TABLES, appendAuditMany, changeMaps, type AuditWrite } from './audit.ts';
import { noteCellTyped, takeOpenCells } from './openCells.ts';
import { appendOutbox, OUTBOX_TABLES } from './outbox.ts';
import { requireSetupRow } from './setupStore.ts';
import { abortWith, runWrite } from './storage.ts';
import { contestFor, lastRevisionOf, newRow, nextRow, parseTallyRowCached, readTallyRow } from './tallyRows.ts';
import type { Change, CorruptRow, Revision, TallyFilter, TallyRow } from './types.ts';
import { GATE_TABLES, stepTallyOrAbort, tallyGate, type TallyGate } from './workflowGate.ts';

/** Consecutive edits of one cell by one person within this time are kept as one revision. */
export const COALESCE_MS = 5_000;

export interface FigureChange {
  path: FieldPath;
  value: Figure;
}

export interface SetFiguresInput {
  tps: TpsCode;
  contest: ContestId;
  /** Applied in order; a later change of the same cell wins. */
  changes: readonly FigureChange[];
  actor: string;
  /** Required (non-empty) for a correction: once the tally is 'entered' or 'verified'. */
  reason?: string | null;
  /**
   * Autosave of a keystroke: a typed (not corrected) cell stays open, and its audit entry waits
   * until the cell is committed (`commitOpenCells`, src/db/openCells.ts). Default: committed now.
   */
  open?: boolean;
  /**
   * Cells of this form the clerk has committed (Enter/Tab/leaving them): their open entries are
   * appended to the trail in this same transaction, after `changes`.
   */
  commit?: readonly FieldPath[] | undefined;
}

export interface SetFigureInput extends FigureChange {
  tps: TpsCode;
  contest: ContestId;
  actor: string;
  reason?: string | null;
}

export interface SetFigureResult {
  row: TallyRow;
  /** false when every value equals the stored one (nothing written). */
  changed: boolean;
}

/** Autosave of one cell: `setFigures` with a single change. */
export async function setFigure(db: RekapDb, input: SetFigureInput): Promise<Result<SetFigureResult, DbError>> {
  const { path, value, ...rest } = input;
  return setFigures(db, { ...rest, changes: [{ path, value }] });
}

/**
 * Autosave of cells of one tally, all in one transaction: every change is stored or none is. The
 * entry form hands over everything typed since its last write at once, so a fast typist is never
 * more than one transaction behind (a transaction per cell falls behind on slow disks).
 * Creates the tally from the setup when absent. Each changed cell is one step of the workflow table
 * for this device (typing before 'entered', a correction with a reason after it; a final form or a
 * finalised desa is locked) and gets its own revision.
 */
export async function setFigures(db: RekapDb, input: SetFiguresInput): Promise<Result<SetFigureResult, DbError>> {
  const { tps, contest, changes, actor } = input;
  const reason = input.reason?.trim() || null;
  if (!actor.trim()) return err(dbError.actorRequired());
  for (const { path, value } of changes) {
    if (value !== null && !isFigureValue(value)) return err(dbError.invalidValue(path));
  }

  return runWrite(db, ['setup', 'tallies', 'revisions', ...GATE_TABLES, ...OUTBOX_TABLES, ...AUDIT_TABLES], async () => {
    const setupRow = await requireSetupRow(db);
    if (!setupRow.ok) return abortWith(setupRow.error);
    const contestSetup = contestFor(setupRow.value.setup, tps, contest);
    if (!contestSetup.ok) return abortWith(contestSetup.error);
    const gate = await tallyGate(db, setupRow.value.setup, contestSetup.value, tps);
    const at = nowIso();
    const stored = await readTallyRow(db, `${tps}:${contest}`);
    if (!stored.ok) return abortWith(stored.error);
    let row = stored.value ?? newRow(tps, contestSetup.value, actor, at);
    let changed = false;
    const audit: AuditWrite[] = [];
    for (const change of changes) {
      const next = await applyChange(db, gate, row, change, { actor, reason, at, open: input.open === true }, audit);
      if (next === null) continue;
      row = next;
      changed = true;
    }
    if (changed) {
      await db.tallies.put(row);
      await appendOutbox(db, row, actor, reason);
      // An open cell's own earlier keystrokes are not committed by its next one.
      await appendAuditMany(db, audit, { takeOpen: input.open !== true });
    }
    if (input.commit && input.commit.length > 0) {
      await appendAuditMany(db, await takeOpenCells(db, [row.key], input.commit), { takeOpen: false });
    }
    return { row, changed };
  });
}

/** One cell inside `setFigures`' transaction: the next row, or null when the value is unchanged. */
async function applyChange(
  db: RekapDb,
  gate: TallyGate,
  row: TallyRow,
  { path, value }: FigureChange,
  how: { actor: string; reason: string | null; at: string; open: boolean },
  audit: AuditWrite[],
): Promise<TallyRow | null> {
  const { actor, reason, at } = how;
  const before = getFigure(row.tally, path);
  if (before === undefined) return abortWith(dbError.unknownField(path));
  const action = figureAction(row.status);
  const isCorrection = action === 'correct';
  let tally = setTallyFigure(row.tally, path, value);
  // Asked also for an unchanged value, so that a locked form never looks as if it took it; an
  // unchanged value changes nothing, so it needs no reason.
  const unchanged = before === value;
  const status = stepTallyOrAbort(gate, { from: row.status, action, tally, reason: unchanged ? (reason ?? 'unchanged') : reason });
  if (unchanged) return null;

  const changes: Change[] = [{ path, before, after: value }];
  if (keepsVerifier(row.status) && !keepsVerifier(status)) {
    // A corrected form must be verified again.
    tally = { ...tally, status, verifiedBy: null };
    changes.push({ path: 'verifiedBy', before: row.tally.verifiedBy ?? null, after: null });
  } else {
    tally = { ...tally, status };
  }
  const updated = nextRow(row, tally, actor, at);

  const revision: Revision = {
    key: updated.key,
    revision: updated.revision,
    at,
    by: actor,
    kind: isCorrection ? 'correction' : 'edit',
    changes,
    statusBefore: row.status,
    statusAfter: tally.status,
    reason: isCorrection ? reason : null,
  };
  // One audit entry per committed cell: a typed cell's waits until it is committed; a correction
  // (with its reason) is committed as it is saved.
  let continued = false;
  if (how.open && !isCorrection && changes.length === 1) {
    const typed = await noteCellTyped(db, { key: updated.key, path, before, after: value, statusBefore: row.status, statusAfter: tally.status, actor, at });
    if (typed.committed) audit.push(typed.committed);
    continued = typed.continued;
  } else {
    audit.push({
      at,
      actor,
      record: { kind: 'tally', key: updated.key },
      action: 'tally.changed',
      ...changeMaps(changes, { before: row.status, after: tally.status }),
      reason: revision.reason,
    });
  }
  const last = isCorrection ? undefined : await lastRevisionOf(db, updated.key);
  if (last && canCoalesce(last, revision, row.revision, continued)) {
    // Replace (not update) the previous revision so ids stay ordered by last change: the backup
    // reminder counts revisions by id.
    await db.revisions.delete(last.id!);
    const merged: Revision = {
      ...revision,
      changes: [{ path, before: last.changes[0]!.before, after: value }],
      statusBefore: last.statusBefore,
    };
    const noOp = merged.changes[0]!.before === value && merged.statusBefore === merged.statusAfter;
    if (!noOp) await db.revisions.add(merged);
  } else {
    await db.revisions.add(revision);
  }
  return updated;
}

/** The same person typing on in the same cell: within COALESCE_MS, or while the cell is still open. */
function canCoalesce(last: Revision, next: Revision, rowRevisionBefore: number, stillOpen: boolean): boolean {
  return (
    last.id !== undefined &&
    last.kind === 'edit' &&
    next.kind === 'edit' &&
    last.by === next.by &&
    last.revision === rowRevisionBefore &&
    last.changes.length === 1 &&
    last.changes[0]!.path === next.changes[0]!.path &&
    (stillOpen || Date.parse(next.at) - Date.parse(last.at) <= COALESCE_MS)
  );
}

/** One tally row (zod-checked); `null` when none is stored yet. */
export async function getTally(db: RekapDb, key: TallyKey): Promise<Result<TallyRow | null, DbError>> {
  return readTallyRow(db, key);
}

export interface TallyList {
  rows: TallyRow[];
  /** Rows that fail the schema: listed here, never crashing the list. */
  corrupt: CorruptRow[];
}

export async function listTallies(db: RekapDb, filter: TallyFilter = {}): Promise<TallyList> {
  const { desa, contest, status, tps } = filter;
  let raws: unknown[];
  if (tps !== undefined) raws = await db.tallies.where('tps').equals(tps).toArray();
  else if (desa !== undefined && contest !== undefined) raws = await db.tallies.where('[desa+contest]').equals([desa, contest]).toArray();
  else if (desa !== undefined) raws = await db.tallies.where('desa').equals(desa).toArray();
  else if (contest !== undefined) raws = await db.tallies.where('contest').equals(contest).toArray();
  else if (status !== undefined) raws = await db.tallies.where('status').equals(status).toArray();
  else raws = await db.tallies.toArray();

  const list: TallyList = { rows: [], corrupt: [] };
  for (const raw of raws) {
    const parsed = parseTallyRowCached(db, raw);
    if (!parsed.ok) {
      list.corrupt.push(parsed.error);
      continue;
    }
    const row = parsed.value;
    // Index lookups used one criterion; apply the rest here.
    if (desa !== undefined && row.desa !== desa) continue;
    if (contest !== undefined && row.contest !== contest) continue;
    if (status !== undefined && row.status !== status) continue;
    if (tps !== undefined && row.tps !== tps) continue;
    list.rows.push(row);
  }
  return list;
}

