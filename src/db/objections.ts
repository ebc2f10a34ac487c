import { z } from 'zod';
import { DesaCodeSchema, TpsCodeSchema, type DesaCode, type TpsCode } from '../domain/codes/codes.ts';
import { err, ok, type Result } from '../domain/common/result.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import {
  CorrectionLinkSchema,
  DecisionSchema,
  ObjectionDraftSchema,
  ObjectionSchema,
  linkInScope,
  scopeDesa,
  scopeTps,
  validateObjection,
  type CorrectionLink,
  type Decision,
  type DecisionOutcome,
  type Objection,
  type ObjectionDraft,
} from '../domain/objections/index.ts';
import { ContestIdSchema, type ContestId } from '../domain/tally/contest.ts';
import { objectionState, recordLabel, STANDALONE_ACTOR, stepObjection, type ObjectionAction } from '../domain/workflow/index.ts';
import { AUDIT_TABLES, appendAudit } from './audit.ts';
import { appendRecordOutbox, OUTBOX_TABLES } from './outbox.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { deviceActor, enrolledActor } from './deviceActor.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { RevisionSchema } from './rowSchemas.ts';
import { requireSetupRow } from './setupStore.ts';
import { abortWith, runWrite } from './storage.ts';
import type { InputIssue, KeyedRecord, Revision } from './types.ts';
import { objectionKey } from '../api/records.ts';
import type { ObjectionEvent, ObjectionRow } from './v3Types.ts';
import { refusedError } from './workflowGate.ts';

/** Expected failures of recording objections: the db's own, or the objection does not hold. */
export type ObjectionError = DbError | { kind: 'invalid-objection'; issues: InputIssue[]; message: LocalizedText };

const invalidObjection = (issues: InputIssue[]): ObjectionError => ({
  kind: 'invalid-objection',
  issues,
  message: text(
    `Keberatan/kejadian khusus tidak disimpan (${issues.length} masalah).`,
    `The objection/special event was not stored (${issues.length} problems).`,
  ),
});

const IsoSchema = z.string().min(1);
export const ObjectionEventSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('recorded'), at: IsoSchema, by: z.string() }),
  z.object({ action: z.literal('decided'), at: IsoSchema, by: z.string(), before: DecisionSchema, after: DecisionSchema }),
  z.object({ action: z.literal('linked'), at: IsoSchema, by: z.string(), before: z.array(CorrectionLinkSchema), after: z.array(CorrectionLinkSchema) }),
]);

/** Stored rows (reads and backups go through it): the index copies must agree with the objection. */
export const ObjectionRowSchema = z
  .object({
    id: z.string().min(1),
    desa: DesaCodeSchema.nullable(),
    tps: TpsCodeSchema.nullable(),
    contest: ContestIdSchema.nullable(),
    objection: ObjectionSchema,
    revision: z.number().int().min(1),
    updatedAt: IsoSchema,
    updatedBy: z.string(),
    history: z.array(ObjectionEventSchema),
  })
  .superRefine((row, ctx) => {
    const o = row.objection;
    if (row.id !== o.id) ctx.addIssue({ code: 'custom', path: ['id'], message: 'id differs from objection.id' });
    if (row.desa !== scopeDesa(o.scope)) ctx.addIssue({ code: 'custom', path: ['desa'], message: 'desa differs from the scope' });
    if (row.tps !== scopeTps(o.scope)) ctx.addIssue({ code: 'custom', path: ['tps'], message: 'tps differs from the scope' });
    if (row.contest !== o.contest) ctx.addIssue({ code: 'custom', path: ['contest'], message: 'contest differs from objection.contest' });
  });

type Assert<T extends true> = T;
export type _ObjectionRowAgrees = Assert<z.infer<typeof ObjectionRowSchema> extends ObjectionRow ? true : false>;

export interface ObjectionCorruptRow {
  table: 'objections';
  key: string;
  issues: InputIssue[];
}

/** The stored row of an objection: its index copies (desa, TPS, contest) follow the objection. */
export function objectionRow(objection: Objection, revision: number, at: string, by: string, history: ObjectionEvent[]): ObjectionRow {
  return { id: objection.id, desa: scopeDesa(objection.scope), tps: scopeTps(objection.scope), contest: objection.contest, objection, revision, updatedAt: at, updatedBy: by, history };
}

/** An objection as the record that syncs (docs/sync.md): key `objection:<id>`. */
export const objectionRecordOf = (row: ObjectionRow): KeyedRecord => ({ kind: 'objection', key: objectionKey(row.id), record: row.objection });

function parseRow(raw: unknown): Result<ObjectionRow, ObjectionCorruptRow> {
  const parsed = ObjectionRowSchema.safeParse(raw);
  if (parsed.success) return ok(parsed.data);
  const key = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '?';
  return err({ table: 'objections', key, issues: toInputIssues(parsed.error) });
}

const requireActor = (actor: string): DbError | null => (actor.trim() ? null : dbError.actorRequired());

const noteRequired = (): DbError => ({ kind: 'reason-required', message: text('Catatan keputusan wajib diisi.', 'The decision needs a note.') });

/**
 * Asks the objection table whether this device may take `action` on the stored objection (inside
 * a transaction with 'setup' and 'sync'): null when it may, else the refusal as an error.
 */
async function refusalOf(db: RekapDb, row: ObjectionRow, action: ObjectionAction, note?: string): Promise<DbError | null> {
  const actor = await deviceActor(db);
  const next = stepObjection(objectionState(row.objection), action, actor, note);
  if (next.ok) return null;
  if (next.error.code === 'reason-required') return noteRequired();
  const setupRow = await requireSetupRow(db);
  return setupRow.ok ? refusedError(next.error, setupRow.value.setup, row.id, actor) : setupRow.error;
}

/**
 * Records an objection or special event (pending: the decision is recorded later). Validated
 * against the setup; nothing is stored when anything is wrong. Anyone files (the table's 'file'
 * row); on an enrolled device it says who filed it under which role, which the server checks.
 */
export async function recordObjection(db: RekapDb, draft: ObjectionDraft, actor: string): Promise<Result<ObjectionRow, ObjectionError>> {
  const noActor = requireActor(actor);
  if (noActor) return err(noActor);
  const parsed = ObjectionDraftSchema.safeParse(draft);
  if (!parsed.success) return err(invalidObjection(toInputIssues(parsed.error, { root: draft })));
  const clean = parsed.data;
  const result = await runWrite(db, ['setup', 'objections', ...OUTBOX_TABLES, ...AUDIT_TABLES], async (): Promise<Result<ObjectionRow, ObjectionError>> => {
    const setupRow = await requireSetupRow(db);
    if (!setupRow.ok) return abortWith(setupRow.error);
    const issues = validateObjection(clean, setupRow.value.setup);
    if (issues.length > 0) return err(invalidObjection(issues));
    const enrolled = await enrolledActor(db);
    const id = crypto.randomUUID();
    const filed = stepObjection('none', 'file', enrolled ?? STANDALONE_ACTOR);
    if (!filed.ok) return err(refusedError(filed.error, setupRow.value.setup, id, enrolled ?? STANDALONE_ACTOR));
    const at = nowIso();
    const by = actor.trim();
    const objection: Objection = {
      ...clean,
      id,
      recordedAt: at,
      recordedBy: by,
      // 'filed': no decision yet.
      decision: { status: 'pending' },
      corrections: [],
      ...(enrolled ? { filedBy: { name: by, role: enrolled.role } } : {}),
    };
    const row = objectionRow(objection, 1, at, by, [{ action: 'recorded', at, by }]);
    await db.objections.add(row);
    await appendRecordOutbox(db, objectionRecordOf(row), by, null);
    await appendAudit(db, { at, actor: by, record: { kind: 'objection', key: objection.id }, action: 'objection.recorded', before: null, after: objection, reason: null });
    return ok(row);
  });
  return result.ok ? result.value : result;
}

/** The row inside a write, or an abort with the expected error. */
async function loadRow(db: RekapDb, id: string): Promise<ObjectionRow> {
  const raw = await db.objections.get(id);
  if (raw === undefined) return abortWith(dbError.notFound(id));
  const parsed = parseRow(raw);
  if (!parsed.ok) return abortWith(dbError.corrupt(id, parsed.error.issues));
  return parsed.value;
}

function nextRow(row: ObjectionRow, objection: Objection, event: ObjectionEvent): ObjectionRow {
  return { ...row, objection, revision: row.revision + 1, updatedAt: event.at, updatedBy: event.by, history: [...row.history, event] };
}

/**
 * Records the plenary's decision with its note (required). A decision can be changed later
 * (after a recount, say): every decision stays in the objection's history.
 */
export async function decideObjection(
  db: RekapDb,
  id: string,
  input: { status: DecisionOutcome; note: string },
  actor: string,
): Promise<Result<ObjectionRow, ObjectionError>> {
  const noActor = requireActor(actor);
  if (noActor) return err(noActor);
  const at = nowIso();
  const by = actor.trim();
  const result = await runWrite(db, ['setup', 'objections', ...OUTBOX_TABLES, ...AUDIT_TABLES], async (): Promise<Result<ObjectionRow, ObjectionError>> => {
    const row = await loadRow(db, id);
    const refused = await refusalOf(db, row, 'decide', input.note);
    if (refused) return err(refused);
    const decision = DecisionSchema.safeParse({ status: input.status, note: input.note.trim(), by, at });
    if (!decision.success) return err(invalidObjection(toInputIssues(decision.error, { prefix: ['decision'] })));
    const before: Decision = row.objection.decision;
    const updated = nextRow(row, { ...row.objection, decision: decision.data }, { action: 'decided', at, by, before, after: decision.data });
    await db.objections.put(updated);
    await appendRecordOutbox(db, objectionRecordOf(updated), by, input.note.trim());
    // The decision's note is its reason.
    await appendAudit(db, { at, actor: by, record: { kind: 'objection', key: id }, action: 'objection.decided', before, after: decision.data, reason: input.note.trim() });
    return ok(updated);
  });
  return result.ok ? result.value : result;
}

/**
 * Links the tally revisions (corrections) the objection caused, replacing the linked set. Each must
 * be a stored correction of a tally in the objection's scope (and contest).
 */
export async function linkCorrections(db: RekapDb, id: string, links: readonly CorrectionLink[], actor: string): Promise<Result<ObjectionRow, ObjectionError>> {
  const noActor = requireActor(actor);
  if (noActor) return err(noActor);
  const parsed = z.array(CorrectionLinkSchema).safeParse(links);
  if (!parsed.success) return err(invalidObjection(toInputIssues(parsed.error, { root: links, prefix: ['corrections'] })));
  const unique = [...new Map(parsed.data.map((l) => [`${l.key}#${l.revision}`, l])).values()].sort(compareLinks);
  const result = await runWrite(db, ['setup', 'objections', 'revisions', ...OUTBOX_TABLES, ...AUDIT_TABLES], async (): Promise<Result<ObjectionRow, ObjectionError>> => {
    const row = await loadRow(db, id);
    const refused = await refusalOf(db, row, 'link');
    if (refused) return err(refused);
    const issues: InputIssue[] = [];
    for (const [i, link] of unique.entries()) {
      const path = `corrections[${i}]`;
      if (!linkInScope(row.objection, link)) {
        issues.push({ path, message: text(`${recordLabel(null, link.key).id} berada di luar cakupan keberatan ini.`, `${recordLabel(null, link.key).en} is outside this objection's scope.`) });
        continue;
      }
      const revision = await db.revisions.where('key').equals(link.key).filter((r) => r.revision === link.revision).first();
      if (!revision || revision.kind !== 'correction') {
        issues.push({ path, message: text(`Pembetulan ${recordLabel(null, link.key).id} revisi ${link.revision} tidak ada.`, `Correction ${recordLabel(null, link.key).en} revision ${link.revision} does not exist.`) });
      }
    }
    if (issues.length > 0) return err(invalidObjection(issues));
    const at = nowIso();
    const by = actor.trim();
    const updated = nextRow(row, { ...row.objection, corrections: unique }, { action: 'linked', at, by, before: row.objection.corrections, after: unique });
    await db.objections.put(updated);
    await appendRecordOutbox(db, objectionRecordOf(updated), by, null);
    await appendAudit(db, { at, actor: by, record: { kind: 'objection', key: id }, action: 'objection.linked', before: row.objection.corrections, after: unique, reason: null });
    return ok(updated);
  });
  return result.ok ? result.value : result;
}

function compareLinks(a: CorrectionLink, b: CorrectionLink): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.revision - b.revision;
}

export async function getObjection(db: RekapDb, id: string): Promise<Result<ObjectionRow | null, DbError>> {
  const raw = await db.objections.get(id);
  if (raw === undefined) return ok(null);
  const parsed = parseRow(raw);
  return parsed.ok ? parsed : err(dbError.corrupt(id, parsed.error.issues));
}

export interface ObjectionFilter {
  /** Objections of this desa or one of its TPS. */
  desa?: DesaCode;
  tps?: TpsCode;
  /** Objections of this contest and those naming no contest (they apply to every contest). */
  contest?: ContestId;
}

export interface ObjectionList {
  rows: ObjectionRow[];
  corrupt: ObjectionCorruptRow[];
}

/** Objections, oldest first (the order of the D.Kejadian Khusus list); damaged rows are reported. */
export async function listObjections(db: RekapDb, filter: ObjectionFilter = {}): Promise<ObjectionList> {
  let raws: unknown[];
  if (filter.tps !== undefined) raws = await db.objections.where('tps').equals(filter.tps).toArray();
  else if (filter.desa !== undefined) raws = await db.objections.where('desa').equals(filter.desa).toArray();
  else raws = await db.objections.toArray();
  const list: ObjectionList = { rows: [], corrupt: [] };
  for (const raw of raws) {
    const parsed = parseRow(raw);
    if (!parsed.ok) {
      list.corrupt.push(parsed.error);
      continue;
    }
    const row = parsed.value;
    if (filter.contest !== undefined && row.contest !== null && row.contest !== filter.contest) continue;
    list.rows.push(row);
  }
  list.rows.sort((a, b) => (a.objection.recordedAt < b.objection.recordedAt ? -1 : a.objection.recordedAt > b.objection.recordedAt ? 1 : a.id < b.id ? -1 : 1));
  return list;
}

/**
 * The corrections an objection can be linked to: correction revisions of the tallies in its scope
 * (its TPS, or the TPS of its desa), newest first, at most `limit`.
 */
export async function correctionCandidates(db: RekapDb, objection: Objection, limit = 30): Promise<Revision[]> {
  const tps = scopeTps(objection.scope);
  const desa = scopeDesa(objection.scope);
  let raws: unknown[];
  if (tps !== null) {
    raws = await db.revisions.where('key').startsWith(`${tps}:`).toArray();
  } else if (desa !== null) {
    raws = await db.revisions.where('key').startsWith(desa).toArray();
  } else {
    raws = await db.revisions.toArray();
  }
  const out: Revision[] = [];
  for (const raw of raws) {
    const parsed = RevisionSchema.safeParse(raw);
    if (!parsed.success || parsed.data.kind !== 'correction') continue;
    const revision = parsed.data as Revision;
    if (!linkInScope(objection, { key: revision.key, revision: revision.revision })) continue;
    out.push(revision);
  }
  out.sort((a, b) => (b.id ?? 0) - (a.id ?? 0));
  return out.slice(0, limit);
}

/** The revisions an objection links to, as stored (missing ones are left out). */
export async function linkedRevisions(db: RekapDb, links: readonly CorrectionLink[]): Promise<Revision[]> {
  const out: Revision[] = [];
  for (const link of links) {
    const raw = await db.revisions.where('key').equals(link.key).filter((r) => r.revision === link.revision).first();
    const parsed = RevisionSchema.safeParse(raw);
    if (parsed.success) out.push(parsed.data as Revision);
  }
  return out;
}
