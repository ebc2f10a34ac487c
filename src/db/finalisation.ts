import { z } from 'zod';
import { err, ok, type Result } from '../domain/common/result.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import type { DesaCode, TpsCode } from '../domain/codes/codes.ts';
import {
  blockedMessage,
  desaFinalisation,
  kecamatanFinalisation,
  type DesaBlocker,
  type DesaReady,
  type KecamatanBlocker,
} from '../domain/finalisation/index.ts';
import { findDesa } from '../domain/setup/lookup.ts';
import type { Setup } from '../domain/setup/schema.ts';
import { ContestIdSchema, type ContestId } from '../domain/tally/contest.ts';
import type { TallyStatus } from '../domain/tally/tally.ts';
import { findTransition, recordLabel, stepFinalisation, TALLY_TRANSITIONS, type Actor, type FinalisationAction } from '../domain/workflow/index.ts';
import { AUDIT_TABLES, appendAudit } from './audit.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { deviceActor } from './deviceActor.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { listObjections } from './objections.ts';
import { appendOutbox, appendRecordOutbox, OUTBOX_TABLES } from './outbox.ts';
import { requireSetupRow } from './setupStore.ts';
import { abortWith, runWrite } from './storage.ts';
import { listTallies } from './tallies.ts';
import { nextRow } from './tallyRows.ts';
import type { KeyedRecord, Revision, TallyRow } from './types.ts';
import type { FinalisationRecord } from '../domain/finalisation/record.ts';
import type { FinalisationEvent, FinalisationRow } from './v3Types.ts';
import { refusedError, stepTallyOrAbort, tallyGate } from './workflowGate.ts';

/** Expected failures of finalising and reopening, besides the db's own. */
export type FinalisationError =
  | DbError
  | { kind: 'desa-blocked'; blockers: DesaBlocker[]; message: LocalizedText }
  | { kind: 'kecamatan-blocked'; blockers: KecamatanBlocker[]; message: LocalizedText }
  | { kind: 'not-final'; message: LocalizedText };

const notFinal = (): FinalisationError => ({
  kind: 'not-final',
  message: text('Belum final, jadi tidak ada yang dibuka kembali.', 'Not final, so there is nothing to reopen.'),
});
const reopenReasonRequired = (): DbError => ({
  kind: 'reason-required',
  message: text('Membuka kembali hasil yang sudah final wajib disertai alasan.', 'Reopening final results needs a reason.'),
});
const unknownArea = (key: string): DbError => ({
  kind: 'unknown-tally',
  key,
  message: text(`${recordLabel(null, key).id} tidak ada dalam setup.`, `${recordLabel(null, key).en} is not in the setup.`),
});

/**
 * Asks the finalisation table for a step of the row `key` (state `from`): the next state, or the
 * refusal as the error the screens know (`blocked`: what still blocks a finalise).
 */
function stepRow(
  setup: Setup,
  key: string,
  from: FinalisationRow['state'] | null,
  step: { action: FinalisationAction; actor: Actor; reason?: string | null; blockers?: number },
  blocked: () => FinalisationError = notFinal,
): Result<FinalisationRow['state'], FinalisationError> {
  const next = stepFinalisation({ from: from ?? 'none', blockers: 0, ...step });
  // No row of the table leads to 'none'; the check only narrows the type.
  if (next.ok) return next.value === 'none' ? err(notFinal()) : ok(next.value);
  const r = next.error;
  if (r.code === 'not-ready') return err(blocked());
  if (r.code === 'reason-required') return err(reopenReasonRequired());
  if (r.code === 'not-from-state' && r.action === 'reopen') return err(notFinal());
  return err(refusedError(r, setup, key, step.actor));
}

const IsoSchema = z.string().min(1);
const FinalisationEventSchema = z.object({
  action: z.enum(['finalised', 'reopened']),
  at: IsoSchema,
  by: z.string(),
  reason: z.string().nullable(),
  tallies: z.array(z.object({ key: z.string().min(1), revision: z.number().int().min(1) })),
});

/** Stored rows (reads and backups go through it). */
export const FinalisationRowSchema = z
  .object({
    key: z.string().min(1),
    desa: z.string().regex(/^(\d{6}|\d{10})$/),
    contest: ContestIdSchema,
    level: z.enum(['desa', 'kecamatan']),
    state: z.enum(['final', 'reopened']),
    revision: z.number().int().min(1),
    updatedAt: IsoSchema,
    updatedBy: z.string(),
    history: z.array(FinalisationEventSchema).min(1),
  })
  .superRefine((row, ctx) => {
    if (row.key !== finalisationKey(row.desa, row.contest)) ctx.addIssue({ code: 'custom', path: ['key'], message: `key must be ${row.desa}:${row.contest}` });
    if ((row.level === 'desa') !== (row.desa.length === 10)) ctx.addIssue({ code: 'custom', path: ['level'], message: 'level does not match the area code' });
  });

type Assert<T extends true> = T;
export type _FinalisationRowAgrees = Assert<z.infer<typeof FinalisationRowSchema> extends FinalisationRow ? true : false>;

/** `<desa or kecamatan code>:<contest>`. */
export const finalisationKey = (area: string, contest: ContestId): string => `${area}:${contest}`;

async function readRow(db: RekapDb, key: string): Promise<Result<FinalisationRow | null, DbError>> {
  const raw = await db.finalisations.get(key);
  if (raw === undefined) return ok(null);
  const parsed = FinalisationRowSchema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : err(dbError.corrupt(key, toInputIssues(parsed.error)));
}

/** Every stored finalisation row that reads back (damaged ones are left out). */
export async function listFinalisations(db: RekapDb): Promise<FinalisationRow[]> {
  const rows: FinalisationRow[] = [];
  for (const raw of await db.finalisations.toArray()) {
    const parsed = FinalisationRowSchema.safeParse(raw);
    if (parsed.success) rows.push(parsed.data);
  }
  return rows;
}

export interface DesaFinalisationState {
  setup: Setup;
  row: FinalisationRow | null;
  /** The row says final and every tally of the desa × contest is final. */
  final: boolean;
  /** The rule's verdict on the stored tallies and objections right now. */
  readiness: Result<DesaReady, DesaBlocker[]>;
  /** Tallies of a final desa that are no longer final (changed by other means): finalise again. */
  notFinal: TpsCode[];
  rows: TallyRow[];
}

/** Everything the rule needs, read in the current transaction (or outside one, for the screens). */
async function desaState(db: RekapDb, desa: DesaCode, contest: ContestId): Promise<Result<DesaFinalisationState, DbError>> {
  const setupRow = await requireSetupRow(db);
  if (!setupRow.ok) return setupRow;
  const setup = setupRow.value.setup;
  if (!findDesa(setup, desa) || !setup.contests.some((c) => c.id === contest)) return err(unknownArea(finalisationKey(desa, contest)));
  const tallies = await listTallies(db, { desa, contest });
  const first = tallies.corrupt[0];
  if (first) return err(dbError.corrupt(first.key, first.issues));
  const objections = await listObjections(db, { desa, contest });
  const stored = await readRow(db, finalisationKey(desa, contest));
  if (!stored.ok) return stored;
  const readiness = desaFinalisation({ setup, desa, contest, tallies: tallies.rows.map((r) => r.tally), objections: objections.rows.map((r) => r.objection) });
  const rowSaysFinal = stored.value?.state === 'final';
  const notFinal = rowSaysFinal ? tallies.rows.filter((r) => r.status !== 'final').map((r) => r.tps) : [];
  return ok({ setup, row: stored.value, final: rowSaysFinal && notFinal.length === 0, readiness, notFinal, rows: tallies.rows });
}

/** For the screens: the desa × contest's finalisation row and what still blocks it. */
export async function desaFinalisationState(db: RekapDb, desa: DesaCode, contest: ContestId): Promise<Result<DesaFinalisationState, DbError>> {
  return desaState(db, desa, contest);
}

/**
 * A tally status change with its 'status' revision (the tally's history keeps it, with the reason)
 * and its outbox op, so the finalisation travels to the server like any other write.
 */
async function writeTallyStatus(db: RekapDb, row: TallyRow, status: TallyStatus, actor: string, reason: string | null, at: string): Promise<TallyRow> {
  const updated = nextRow(row, { ...row.tally, status }, actor, at);
  await db.tallies.put(updated);
  await appendOutbox(db, updated, actor, reason);
  const revision: Revision = { key: updated.key, revision: updated.revision, at, by: actor, kind: 'status', changes: [], statusBefore: row.status, statusAfter: status, reason };
  await db.revisions.add(revision);
  await appendAudit(db, { at, actor, record: { kind: 'tally', key: updated.key }, action: 'tally.status', before: { status: row.status }, after: { status }, reason });
  return updated;
}

/** A finalisation as the record that syncs (docs/sync.md): key `<area>:<contest>`. */
export function finalisationRecordOf(row: FinalisationRow): KeyedRecord {
  const record: FinalisationRecord = { desa: row.desa, contest: row.contest, level: row.level, state: row.state, history: row.history };
  return { kind: 'finalisation', key: row.key, record };
}

/** Stores a finalisation row with its audit entry (before → after: state and the tallies it wrote). */
async function putFinalisation(db: RekapDb, previous: FinalisationRow | null, next: FinalisationRow): Promise<void> {
  await db.finalisations.put(next);
  const event = next.history.at(-1)!;
  await appendRecordOutbox(db, finalisationRecordOf(next), event.by, event.reason);
  await appendAudit(db, {
    at: event.at,
    actor: event.by,
    record: { kind: 'finalisation', key: next.key },
    action: event.action === 'finalised' ? 'finalisation.finalised' : 'finalisation.reopened',
    before: previous ? { state: previous.state } : null,
    after: { state: next.state, tallies: event.tallies },
    reason: event.reason,
  });
}

function withEvent(
  previous: FinalisationRow | null,
  base: Pick<FinalisationRow, 'key' | 'desa' | 'contest' | 'level'>,
  state: FinalisationRow['state'],
  event: FinalisationEvent,
): FinalisationRow {
  return {
    ...base,
    state,
    revision: (previous?.revision ?? 0) + 1,
    updatedAt: event.at,
    updatedBy: event.by,
    history: [...(previous?.history ?? []), event],
  };
}

const TABLES = ['setup', 'tallies', 'revisions', 'objections', 'finalisations', ...OUTBOX_TABLES, ...AUDIT_TABLES];

/**
 * Moves each form the tally table has a row for (finalise: the verified ones; reopen: the final
 * ones), asking it for this device, with a status revision each.
 */
async function stepTallies(
  db: RekapDb,
  setup: Setup,
  rows: readonly TallyRow[],
  step: { action: 'finalise' | 'reopen'; by: string; reason: string | null; at: string },
): Promise<FinalisationEvent['tallies']> {
  const contest = setup.contests.find((c) => c.id === rows[0]?.contest);
  const tallies: FinalisationEvent['tallies'] = [];
  for (const tallyRow of rows) {
    if (!contest || !findTransition(TALLY_TRANSITIONS, tallyRow.status, step.action)) continue;
    const gate = await tallyGate(db, setup, contest, tallyRow.tps);
    const status = stepTallyOrAbort(gate, { from: tallyRow.status, action: step.action, tally: tallyRow.tally, reason: step.reason });
    const updated = await writeTallyStatus(db, tallyRow, status, step.by, step.reason, step.at);
    tallies.push({ key: updated.key, revision: updated.revision });
  }
  return tallies;
}

/**
 * Finalises a desa × contest (the chair): when the rule allows it, every verified tally of the desa
 * becomes 'final' (locked: setFigures refuses it) with a status revision, and the finalisation row
 * records who, when and which tally revisions. Finalising what is already final changes nothing.
 */
export async function finaliseDesa(db: RekapDb, desa: DesaCode, contest: ContestId, actor: string): Promise<Result<FinalisationRow, FinalisationError>> {
  if (!actor.trim()) return err(dbError.actorRequired());
  const by = actor.trim();
  const result = await runWrite(db, TABLES, async (): Promise<Result<FinalisationRow, FinalisationError>> => {
    const state = await desaState(db, desa, contest);
    if (!state.ok) return abortWith(state.error);
    const { row, readiness, rows, setup } = state.value;
    if (state.value.final && row) return ok(row);
    const key = finalisationKey(desa, contest);
    const blocked = (): FinalisationError => ({ kind: 'desa-blocked', blockers: readiness.ok ? [] : readiness.error, message: blockedMessage(readiness.ok ? 0 : readiness.error.length) });
    const who = await deviceActor(db);
    const at = nowIso();
    if (row?.state === 'final') {
      // Forms of a final desa that are no longer final (they came back changed by sync): the row has
      // no step from final, so only the forms are finalised again, under the same finalisation.
      if (!readiness.ok) return err(blocked());
      await stepTallies(db, setup, rows, { action: 'finalise', by, reason: null, at });
      return ok(row);
    }
    const next = stepRow(setup, key, row?.state ?? null, { action: 'finalise', actor: who, blockers: readiness.ok ? 0 : readiness.error.length }, blocked);
    if (!next.ok) return next;
    const tallies = await stepTallies(db, setup, rows, { action: 'finalise', by, reason: null, at });
    const finalised = withEvent(row, { key, desa, contest, level: 'desa' }, next.value, { action: 'finalised', at, by, reason: null, tallies });
    await putFinalisation(db, row, finalised);
    return ok(finalised);
  });
  return result.ok ? result.value : result;
}

/**
 * Reopens a final desa × contest: needs a reason, kept in the finalisation row's history and in
 * each tally's history; the tallies go back to 'verified' (editable again, every change a
 * correction). A final kecamatan × contest is reopened with it, for the same reason.
 */
export async function reopenDesa(db: RekapDb, desa: DesaCode, contest: ContestId, actor: string, reason: string): Promise<Result<FinalisationRow, FinalisationError>> {
  if (!actor.trim()) return err(dbError.actorRequired());
  const by = actor.trim();
  const why = reason.trim();
  const result = await runWrite(db, TABLES, async (): Promise<Result<FinalisationRow, FinalisationError>> => {
    const state = await desaState(db, desa, contest);
    if (!state.ok) return abortWith(state.error);
    const { row, rows, setup } = state.value;
    const who = await deviceActor(db);
    const next = stepRow(setup, finalisationKey(desa, contest), row?.state ?? null, { action: 'reopen', actor: who, reason: why });
    if (!next.ok) return next;
    if (!row) return err(notFinal());
    // The kecamatan's result contains the desa's: a final one is reopened with it, for the same reason.
    const kecKey = finalisationKey(setup.kecamatan.code, contest);
    const kec = await readRow(db, kecKey);
    if (!kec.ok) return abortWith(kec.error);
    const kecReason = `${findDesa(setup, desa)?.name ?? desa}: ${why}`;
    const kecNext = kec.value?.state === 'final' ? stepRow(setup, kecKey, kec.value.state, { action: 'reopen', actor: who, reason: kecReason }) : null;
    if (kecNext && !kecNext.ok) return kecNext;
    const at = nowIso();
    const tallies = await stepTallies(db, setup, rows, { action: 'reopen', by, reason: why, at });
    const reopened = withEvent(row, row, next.value, { action: 'reopened', at, by, reason: why, tallies });
    await putFinalisation(db, row, reopened);
    if (kec.value && kecNext?.ok) {
      await putFinalisation(db, kec.value, withEvent(kec.value, kec.value, kecNext.value, { action: 'reopened', at, by, reason: kecReason, tallies: [] }));
    }
    return ok(reopened);
  });
  return result.ok ? result.value : result;
}

export interface KecamatanFinalisationState {
  setup: Setup;
  row: FinalisationRow | null;
  final: boolean;
  readiness: Result<{ desa: DesaCode[] }, KecamatanBlocker[]>;
  /** The finalisation row of each desa (null when never finalised). */
  desa: Map<DesaCode, FinalisationRow | null>;
}

async function kecamatanState(db: RekapDb, contest: ContestId): Promise<Result<KecamatanFinalisationState, DbError>> {
  const setupRow = await requireSetupRow(db);
  if (!setupRow.ok) return setupRow;
  const setup = setupRow.value.setup;
  const key = finalisationKey(setup.kecamatan.code, contest);
  if (!setup.contests.some((c) => c.id === contest)) return err(unknownArea(key));
  const rows = await db.finalisations.where('contest').equals(contest).toArray();
  const byArea = new Map<string, FinalisationRow>();
  for (const raw of rows) {
    const parsed = FinalisationRowSchema.safeParse(raw);
    if (!parsed.success) return err(dbError.corrupt(String((raw as { key?: unknown }).key ?? '?'), toInputIssues(parsed.error)));
    byArea.set(parsed.data.desa, parsed.data);
  }
  const desa = new Map<DesaCode, FinalisationRow | null>(setup.desa.map((d) => [d.code, byArea.get(d.code) ?? null]));
  const finalDesa = new Set([...desa].filter(([, r]) => r?.state === 'final').map(([code]) => code));
  const row = byArea.get(setup.kecamatan.code) ?? null;
  return ok({ setup, row, final: row?.state === 'final', readiness: kecamatanFinalisation(setup, finalDesa), desa });
}

/** For the screens: the kecamatan × contest's row and which desa are not final yet. */
export async function kecamatanFinalisationState(db: RekapDb, contest: ContestId): Promise<Result<KecamatanFinalisationState, DbError>> {
  return kecamatanState(db, contest);
}

/** Finalises the kecamatan × contest once every desa has been finalised (for that contest). */
export async function finaliseKecamatan(db: RekapDb, contest: ContestId, actor: string): Promise<Result<FinalisationRow, FinalisationError>> {
  if (!actor.trim()) return err(dbError.actorRequired());
  const by = actor.trim();
  const result = await runWrite(db, ['setup', 'finalisations', ...OUTBOX_TABLES, ...AUDIT_TABLES], async (): Promise<Result<FinalisationRow, FinalisationError>> => {
    const state = await kecamatanState(db, contest);
    if (!state.ok) return abortWith(state.error);
    const { row, readiness, setup } = state.value;
    if (row && state.value.final) return ok(row);
    const area = setup.kecamatan.code;
    const key = finalisationKey(area, contest);
    const blockers = readiness.ok ? [] : readiness.error;
    const blocked = (): FinalisationError => ({ kind: 'kecamatan-blocked', blockers, message: blockedMessage(blockers.length) });
    const step = stepRow(setup, key, row?.state ?? null, { action: 'finalise', actor: await deviceActor(db), blockers: blockers.length }, blocked);
    if (!step.ok) return step;
    const next = withEvent(row, { key, desa: area, contest, level: 'kecamatan' }, step.value, {
      action: 'finalised', at: nowIso(), by, reason: null, tallies: [],
    });
    await putFinalisation(db, row, next);
    return ok(next);
  });
  return result.ok ? result.value : result;
}

/** Reopens the kecamatan × contest (the desa stay final): needs a reason, kept in its history. */
export async function reopenKecamatan(db: RekapDb, contest: ContestId, actor: string, reason: string): Promise<Result<FinalisationRow, FinalisationError>> {
  if (!actor.trim()) return err(dbError.actorRequired());
  const by = actor.trim();
  const result = await runWrite(db, ['setup', 'finalisations', ...OUTBOX_TABLES, ...AUDIT_TABLES], async (): Promise<Result<FinalisationRow, FinalisationError>> => {
    const state = await kecamatanState(db, contest);
    if (!state.ok) return abortWith(state.error);
    const { row, setup } = state.value;
    const key = finalisationKey(setup.kecamatan.code, contest);
    const step = stepRow(setup, key, row?.state ?? null, { action: 'reopen', actor: await deviceActor(db), reason });
    if (!step.ok) return step;
    if (!row) return err(notFinal());
    const next = withEvent(row, row, step.value, { action: 'reopened', at: nowIso(), by, reason: reason.trim(), tallies: [] });
    await putFinalisation(db, row, next);
    return ok(next);
  });
  return result.ok ? result.value : result;
}
