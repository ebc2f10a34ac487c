import { z } from 'zod';
import { HashSchema, OpIdSchema, RECORD_SCHEMA_VERSION } from '../api/ops.ts';
import { LocalizedTextSchema } from '../api/protocol.ts';
import { kinded } from '../api/records.ts';
import { figurePaths, getFigure } from '../domain/tally/fields.ts';
import type { Tally } from '../domain/tally/tally.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { parseTallyRow } from './tallyRows.ts';
import type { KeyedRecord, OutboxOp, TallyRow } from './types.ts';

/**
 * The outbox: every local write that changes a tally appends (or folds into) an op here, inside
 * the write's own Dexie transaction, so a change and its op are stored together or not at all.
 *
 * Why nothing here is signed or hashed: both need Web Crypto, which is asynchronous and not
 * IndexedDB — awaiting it inside a Dexie transaction lets the transaction auto-commit half-way. So
 * an op is stored unsigned, with its content (record, base, actor, reason) fixed; the sync engine
 * freezes it (state `sent`), hashes and signs it right before sending (src/sync/push.ts). The
 * signature covers exactly what was stored.
 *
 * Several writes of one record while offline: a never-sent (`queued`) op absorbs later writes of
 * its record — it becomes "the record as it is now, on top of the same base", under a fresh op id
 * (an op id always names exactly one content, even in an old backup) — so a form typed offline
 * travels as one op, not one per keystroke. An op once sent is never changed (a resend
 * must be a duplicate, never a second write), so a write after that adds a new op whose base is
 * `null`: "whatever version the op before it gets", filled in when that one is acknowledged. Only
 * then is it sent; one op per record is in flight at a time, so a refused predecessor can never
 * let a successor land on someone else's version.
 *
 * Devices that are not enrolled write ops too: enrolling later pushes everything typed before.
 */

export const OUTBOX_STATES = ['queued', 'sent', 'conflict', 'locked', 'rejected'] as const;

/**
 * Stored ops as read back (legacy placeholder rows and damaged rows fail it and are never sent).
 * Ops stored before objections and finalisations synced have no `kind`: their key says tally.
 */
export const OutboxOpSchema = kinded({
  id: z.number().int().min(1),
  opId: OpIdSchema,
  baseVersion: z.number().int().min(0).nullable(),
  hash: HashSchema.nullable(),
  schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
  actor: z.string().min(1).max(120),
  at: z.string().min(1),
  reason: z.string().max(500).nullable(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int().min(0),
  error: LocalizedTextSchema.nullable(),
});

/** `sync` table row holding the server version a local record is based on. */
export const versionRowKey = (key: string): string => `version:${key}`;
/** `sync` table row holding a copy of the record at that version (src/sync/base.ts). */
export const baseRowKey = (key: string): string => `base:${key}`;
export const CHECKPOINT_ROW = 'checkpoint';

/** A UUID v4 (the op id). crypto.randomUUID exists only in secure contexts; entry must work anyway. */
export function newOpId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const MAX_REASON = 500;
const MAX_ACTOR = 120;

/** Reasons of writes folded into one op are all kept (distinct, in order), within the wire limit. */
export function mergeReasons(before: string | null, next: string | null): string | null {
  if (!next) return before;
  if (!before) return next.slice(0, MAX_REASON);
  if (before.split(' | ').includes(next)) return before;
  const joined = `${before} | ${next}`;
  return joined.length <= MAX_REASON ? joined : `${joined.slice(0, MAX_REASON - 1)}…`;
}

export type OutboxWrite = KeyedRecord & {
  actor: string;
  reason: string | null;
  at?: string;
};

type NewOp = OutboxOp extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;
export type OutboxPlan = { kind: 'fold'; op: OutboxOp } | { kind: 'add'; op: NewOp };

/**
 * What one write does to the outbox, given the record's pending ops (oldest first) and the server
 * version the local record is based on. Pure: the Dexie and the file store share it.
 * `baseVersion` forces the base of a new op (0 = "not known to be on the server").
 */
export function planOutboxWrite(pending: readonly OutboxOp[], known: number, write: OutboxWrite, opts: { baseVersion?: number } = {}): OutboxPlan {
  const at = write.at ?? nowIso();
  const actor = write.actor.trim().slice(0, MAX_ACTOR) || '?';
  const last = pending.at(-1);
  if (last && last.state === 'queued' && opts.baseVersion === undefined) {
    // A new op id too: an op id always names one content (a backup may still hold the old one).
    const op = { ...last, opId: newOpId(), kind: write.kind, record: write.record, actor, at, reason: mergeReasons(last.reason, write.reason), hash: null } as OutboxOp;
    return { kind: 'fold', op };
  }
  return {
    kind: 'add',
    op: {
      opId: newOpId(),
      kind: write.kind,
      key: write.key,
      baseVersion: opts.baseVersion ?? (pending.length > 0 ? null : known),
      record: write.record,
      hash: null,
      schemaVersion: RECORD_SCHEMA_VERSION,
      actor,
      at,
      reason: write.reason ? write.reason.slice(0, MAX_REASON) : null,
      state: 'queued',
      attempts: 0,
      error: null,
    } as NewOp,
  };
}

/** Parsed ops of the given raw rows (others skipped), oldest first. */
export function parseOps(raws: readonly unknown[]): OutboxOp[] {
  const ops: OutboxOp[] = [];
  for (const raw of raws) {
    const parsed = OutboxOpSchema.safeParse(raw);
    if (parsed.success) ops.push(parsed.data as OutboxOp);
  }
  return ops.sort((a, b) => a.id! - b.id!);
}

/** The server version the local record of `key` is based on (0: never seen on a server). */
export async function knownVersion(db: RekapDb, key: string): Promise<number> {
  const row = await db.sync.get(versionRowKey(key));
  return typeof row?.value === 'number' ? row.value : 0;
}

/** Tables a write that appends to the outbox must include in its transaction. */
export const OUTBOX_TABLES = ['outbox', 'sync'] as const;

/**
 * Appends the op of a tally write. Call inside the write's transaction, after the row is put,
 * with OUTBOX_TABLES in its table list; awaits IndexedDB only.
 */
export async function appendOutbox(db: RekapDb, row: TallyRow, actor: string, reason: string | null): Promise<void> {
  await appendOutboxMany(db, [row], actor, reason);
}

/**
 * The op of a write of an objection or a finalisation (any kind), like appendOutbox: inside the
 * write's transaction, with OUTBOX_TABLES in its table list.
 */
export async function appendRecordOutbox(db: RekapDb, record: KeyedRecord, actor: string, reason: string | null): Promise<void> {
  await appendKeyedMany(db, [record], actor, reason);
}

/** A record's op on base 0: "not known to be on the server" (what enrolment and restores queue). */
export async function appendRecordOutboxBase0(db: RekapDb, record: KeyedRecord, actor: string): Promise<void> {
  await appendKeyedMany(db, [record], actor, null, { baseVersion: 0 });
}

/** appendOutbox for many rows at once (imports of a whole kecamatan): one read per table. */
export async function appendOutboxMany(db: RekapDb, rows: readonly TallyRow[], actor: string, reason: string | null, opts: { baseVersion?: number } = {}): Promise<void> {
  await appendKeyedMany(db, rows.map((r) => ({ kind: 'tally', key: r.key, record: r.tally })), actor, reason, opts);
}

async function appendKeyedMany(db: RekapDb, rows: readonly KeyedRecord[], actor: string, reason: string | null, opts: { baseVersion?: number } = {}): Promise<void> {
  if (rows.length === 0) return;
  const keys = [...new Set(rows.map((r) => r.key))];
  const pendingByKey = new Map<string, OutboxOp[]>();
  const raws = keys.length === 1 ? await db.outbox.where('key').equals(keys[0]!).toArray() : await db.outbox.where('key').anyOf(keys).toArray();
  for (const op of parseOps(raws)) pendingByKey.set(op.key, [...(pendingByKey.get(op.key) ?? []), op]);
  const versions = await db.sync.bulkGet(keys.map(versionRowKey));
  const known = new Map(keys.map((k, i) => [k, typeof versions[i]?.value === 'number' ? (versions[i]!.value as number) : 0]));
  const at = nowIso();
  if (keys.length === rows.length) {
    // One write per record (imports, restores, enrolment): no plan depends on another, so the ops
    // go in two bulk requests instead of one IndexedDB round trip each — 7,955 of them in a restore.
    // Added ops get their ids in row order, as one add after another would.
    const folds: OutboxOp[] = [];
    const adds: NewOp[] = [];
    for (const row of rows) {
      const plan = planOutboxWrite(pendingByKey.get(row.key) ?? [], known.get(row.key) ?? 0, { ...row, actor, reason, at }, opts);
      if (plan.kind === 'fold') folds.push(plan.op);
      else adds.push(plan.op);
    }
    if (folds.length > 0) await db.outbox.bulkPut(folds);
    if (adds.length > 0) await db.outbox.bulkAdd(adds as OutboxOp[]);
    return;
  }
  for (const row of rows) {
    const pending = pendingByKey.get(row.key) ?? [];
    const plan = planOutboxWrite(pending, known.get(row.key) ?? 0, { ...row, actor, reason, at }, opts);
    if (plan.kind === 'fold') {
      await db.outbox.put(plan.op);
      pending[pending.length - 1] = plan.op;
    } else {
      const id = await db.outbox.add(plan.op as OutboxOp);
      pending.push({ ...plan.op, id: id as number });
    }
    pendingByKey.set(row.key, pending);
  }
}

const isBlank = (t: Tally) => figurePaths(t).every((p) => getFigure(t, p) === null) && t.status === 'empty';

/**
 * Makes sure every local record the server has not confirmed is in the outbox: tallies with
 * figures, no pending op and no known server version get an op with base 0 (a record the server
 * already holds then comes back as a conflict — or as identical, which is no conflict). Used on
 * enrolment (data typed before this device was enrolled, or before the outbox existed) and after a
 * backup is restored. Runs inside the caller's transaction (tallies + OUTBOX_TABLES).
 */
export async function enqueueUnsynced(db: RekapDb, actor: string, stored?: readonly TallyRow[]): Promise<number> {
  const queued = new Set(parseOps(await db.outbox.toArray()).map((op) => op.key as string));
  const known = new Set((await db.sync.where('key').startsWith(versionRowKey('')).toArray()).filter((r) => typeof r.value === 'number' && r.value > 0).map((r) => r.key));
  const rows: TallyRow[] = [];
  for (const row of stored ?? readableRows(await db.tallies.toArray())) {
    if (queued.has(row.key) || known.has(versionRowKey(row.key)) || isBlank(row.tally)) continue;
    rows.push(row);
  }
  await appendOutboxMany(db, rows, actor, null, { baseVersion: 0 });
  return rows.length;
}

const readableRows = (raws: readonly unknown[]): TallyRow[] =>
  raws.flatMap((raw) => {
    const parsed = parseTallyRow(raw);
    return parsed.ok ? [parsed.value] : [];
  });

/**
 * After a backup is restored the local records are the file's, not what this device last synced:
 * forget the server versions, the pull checkpoint and open conflicts (a full pull rebuilds them,
 * and records that differ from the server's come back as conflicts), keeping the enrolment.
 * Then every restored record not in the restored outbox is queued with base 0. `restored`: the
 * tally rows just stored, as validated with the file (read back and parsed again they are the same).
 */
export async function resetSyncAfterRestore(db: RekapDb, actor: string, restored: readonly TallyRow[]): Promise<void> {
  await db.sync.where('key').startsWith(versionRowKey('')).delete();
  await db.sync.where('key').startsWith(baseRowKey('')).delete();
  await db.sync.delete(CHECKPOINT_ROW);
  await db.conflicts.clear();
  await enqueueUnsynced(db, actor, restored);
}

/** Local writes that have not reached the server yet (every stored op, whatever its state). */
export async function pendingOpCount(db: RekapDb): Promise<number> {
  return db.outbox.where('opId').above('').count();
}
