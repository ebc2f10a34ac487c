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
import { AUDIT_TABLES, appendAudit } from './audit.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { listObjections } from './objections.ts';
import { appendOutbox, OUTBOX_TABLES } from './outbox.ts';
import { requireSetupRow } from './setupStore.ts';
import { abortWith, runWrite } from './storage.ts';
import { listTallies } from './tallies.ts';
import { nextRow } from './tallyRows.ts';
import type { Revision, TallyRow } from './types.ts';
import type { FinalisationEvent, FinalisationRow } from './v3Types.ts';

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
  message: text(`Desa/jenis pemilihan ${key} tidak ada dalam setup.`, `Desa/contest ${key} is not in the setup.`),
});

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

/** Stores a finalisation row with its audit entry (before → after: state and the tallies it wrote). */
async function putFinalisation(db: RekapDb, previous: FinalisationRow | null, next: FinalisationRow): Promise<void> {
  await db.finalisations.put(next);
  const event = next.history.at(-1)!;
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
    const { row, readiness, rows } = state.value;
    if (state.value.final && row) return ok(row);
    if (!readiness.ok) return err({ kind: 'desa-blocked', blockers: readiness.error, message: blockedMessage(readiness.error.length) });
    const at = nowIso();
    const tallies: FinalisationEvent['tallies'] = [];
    for (const tallyRow of rows) {
      if (tallyRow.status !== 'verified') continue;
      const updated = await writeTallyStatus(db, tallyRow, 'final', by, null, at);
      tallies.push({ key: updated.key, revision: updated.revision });
    }
    const key = finalisationKey(desa, contest);
    const next = withEvent(row, { key, desa, contest, level: 'desa' }, 'final', { action: 'finalised', at, by, reason: null, tallies });
    await putFinalisation(db, row, next);
    return ok(next);
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
  if (!reason.trim()) return err(reopenReasonRequired());
  const by = actor.trim();
  const why = reason.trim();
  const result = await runWrite(db, TABLES, async (): Promise<Result<FinalisationRow, FinalisationError>> => {
    const state = await desaState(db, desa, contest);
    if (!state.ok) return abortWith(state.error);
    const { row, rows, setup } = state.value;
    if (!row || row.state !== 'final') return err(notFinal());
    const at = nowIso();
    const tallies: FinalisationEvent['tallies'] = [];
    for (const tallyRow of rows) {
      if (tallyRow.status !== 'final') continue;
      const updated = await writeTallyStatus(db, tallyRow, 'verified', by, why, at);
      tallies.push({ key: updated.key, revision: updated.revision });
    }
    const next = withEvent(row, row, 'reopened', { action: 'reopened', at, by, reason: why, tallies });
    await putFinalisation(db, row, next);
    const kecKey = finalisationKey(setup.kecamatan.code, contest);
    const kec = await readRow(db, kecKey);
    if (!kec.ok) return abortWith(kec.error);
    if (kec.value?.state === 'final') {
      const desaName = findDesa(setup, desa)?.name ?? desa;
      await putFinalisation(db, kec.value, withEvent(kec.value, kec.value, 'reopened', { action: 'reopened', at, by, reason: `${desaName}: ${why}`, tallies: [] }));
    }
    return ok(next);
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
  const result = await runWrite(db, ['setup', 'finalisations', ...AUDIT_TABLES], async (): Promise<Result<FinalisationRow, FinalisationError>> => {
    const state = await kecamatanState(db, contest);
    if (!state.ok) return abortWith(state.error);
    const { row, readiness, setup } = state.value;
    if (row && state.value.final) return ok(row);
    if (!readiness.ok) return err({ kind: 'kecamatan-blocked', blockers: readiness.error, message: blockedMessage(readiness.error.length) });
    const area = setup.kecamatan.code;
    const next = withEvent(row, { key: finalisationKey(area, contest), desa: area, contest, level: 'kecamatan' }, 'final', {
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
  if (!reason.trim()) return err(reopenReasonRequired());
  const by = actor.trim();
  const result = await runWrite(db, ['setup', 'finalisations', ...AUDIT_TABLES], async (): Promise<Result<FinalisationRow, FinalisationError>> => {
    const state = await kecamatanState(db, contest);
    if (!state.ok) return abortWith(state.error);
    const { row } = state.value;
    if (!row || row.state !== 'final') return err(notFinal());
    const next = withEvent(row, row, 'reopened', { action: 'reopened', at: nowIso(), by, reason: reason.trim(), tallies: [] });
    await putFinalisation(db, row, next);
    return ok(next);
  });
  return result.ok ? result.value : result;
}
