import { z } from 'zod';
import { AuditChangeSchema, AuditEntrySchema, sealChanges, type AuditChange, type AuditEntry, type ChainHead } from '../domain/audit/index.ts';
import { SignerRoleSchema } from '../domain/summary/attestation.ts';
import { figurePaths, getFigure } from '../domain/tally/fields.ts';
import type { Tally, TallyStatus } from '../domain/tally/tally.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import type { Change } from './types.ts';
import { OPEN_CELL_TABLES, takeOpenCells } from './openCells.ts';
import type { AuditRow } from './v3Types.ts';

/**
 * This device's audit trail (src/domain/audit): every change a person makes here to a tally,
 * objection or finalisation is appended as a row inside the change's own transaction, so the
 * change and its entry are stored together or not at all.
 *
 * Why rows are written unsealed: hashing and signing are Web Crypto, which is asynchronous and not
 * IndexedDB — awaiting it inside a Dexie transaction lets the transaction commit half-way. So a row
 * first holds only the change (`entry: null`); `sealAudit` then chains and signs the unsealed rows
 * in id order and writes each entry back. Rows are sealed strictly in id order, so the sealed rows
 * are always a prefix of the table and the unsealed ones its tail.
 *
 * Records applied by a sync pull get no row: they are other devices' changes, in their chains.
 */

/**
 * Tables a write that appends to the audit trail must include in its transaction ('sync': the role;
 * 'openCells': a form's cells typed but not committed are committed before any other change of it).
 */
export const AUDIT_TABLES = ['audit', 'sync', ...OPEN_CELL_TABLES] as const;

/** The sync-table row holding the enrolment (src/sync/dexieStore.ts). */
const ENROLMENT_ROW = 'enrolment';

/**
 * A change as a writer hands it over: the role is filled in from the enrolment unless given, `at`
 * defaults to now, and before/after are copied as JSON (then checked against AuditChangeSchema).
 */
export type AuditWrite = Omit<AuditChange, 'role' | 'at' | 'before' | 'after'> & {
  role?: AuditChange['role'];
  at?: string;
  before: unknown;
  after: unknown;
};

/** One row of the local trail as the history shows it: the change, and its entry once sealed. */
export interface LocalAuditEntry {
  id: number;
  change: AuditChange;
  /** null until `sealAudit` has chained and signed it. */
  entry: AuditEntry | null;
}

/** The device's role from its enrolment (null before enrolment). Inside a transaction with 'sync'. */
async function enrolledRole(db: RekapDb): Promise<AuditChange['role']> {
  const row = await db.sync.get(ENROLMENT_ROW);
  const role = (row?.value as { role?: unknown } | null | undefined)?.role;
  const parsed = SignerRoleSchema.safeParse(role);
  return parsed.success ? parsed.data : null;
}

/** JSON values only: drops `undefined` members (z.json() refuses them) and copies the value. */
export function auditJson(value: unknown): AuditChange['before'] {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as AuditChange['before'];
}

const clip = (s: string | null, max: number): string | null => (s === null ? null : s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** An entry's change with before/after taken as they are (see toChange). */
const AuditChangeEnvelopeSchema = AuditChangeSchema.extend({ before: z.unknown(), after: z.unknown() });

function toChange(write: AuditWrite, role: AuditChange['role'], at: string): AuditChange {
  const change: AuditChange = {
    at: write.at ?? at,
    actor: write.actor.trim().slice(0, 200) || '?',
    role: write.role === undefined ? role : write.role,
    record: write.record,
    action: write.action,
    before: auditJson(write.before),
    after: auditJson(write.after),
    reason: clip(write.reason?.trim() || null, 2000),
  };
  // A writer's bug must fail its transaction here, not leave a row the sealer cannot seal. before
  // and after are JSON.parse output (auditJson), which z.json() always accepts: walking them again
  // costs seconds for a restored kecamatan (7,955 forms, every figure) in the browser's jitless zod.
  return { ...AuditChangeEnvelopeSchema.parse(change), before: change.before, after: change.after };
}

/**
 * Appends one change to the trail. Call INSIDE the writer's transaction, with AUDIT_TABLES in its
 * table list; awaits IndexedDB only.
 */
export async function appendAudit(db: RekapDb, change: AuditWrite): Promise<void> {
  await appendAuditMany(db, [change]);
}

/**
 * appendAudit for many changes (imports of a whole kecamatan): one enrolment read, one bulk add.
 * The open cells of every form a change concerns are committed first (src/db/openCells.ts), unless
 * the caller is the one keeping them open (`takeOpen: false`).
 */
export async function appendAuditMany(db: RekapDb, writes: readonly AuditWrite[], opts: { takeOpen?: boolean } = {}): Promise<void> {
  if (writes.length === 0) return;
  const formKeys = [...new Set(writes.filter((c) => c.record.kind === 'tally').map((c) => c.record.key))];
  const opened = opts.takeOpen === false || formKeys.length === 0 ? [] : await takeOpenCells(db, formKeys);
  const changes = [...opened, ...writes];
  const role = changes.every((c) => c.role !== undefined) ? null : await enrolledRole(db);
  const at = nowIso();
  const rows: AuditRow[] = changes.map((c) => {
    const change = toChange(c, role, at);
    return { key: change.record.key, change, entry: null };
  });
  await db.audit.bulkAdd(rows);
}

/** Figure and sign-off differences as the before/after maps of an entry (path → value). */
export function changeMaps(
  changes: readonly Change[],
  status?: { before: TallyStatus | null; after: TallyStatus | null },
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const c of changes) {
    if (!(c.path in before)) before[c.path] = c.before ?? null;
    after[c.path] = c.after ?? null;
  }
  if (status && status.before !== status.after) {
    before.status = status.before;
    after.status = status.after;
  }
  return { before, after };
}

/**
 * Every figure and sign-off that differs between two versions of a tally (null: absent), as
 * changeMaps gives them (same members, same order), built directly: a restore diffs every figure
 * of thousands of forms.
 */
export function tallyDiff(before: Tally | null, after: Tally | null): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const maps: { before: Record<string, unknown>; after: Record<string, unknown> } = { before: {}, after: {} };
  const differ = (path: string, a: unknown, b: unknown) => {
    maps.before[path] = a;
    maps.after[path] = b;
  };
  const shape = after ?? before;
  if (shape) {
    // figurePaths names each figure once, so no path is set twice.
    for (const path of figurePaths(shape)) {
      const a = before ? (getFigure(before, path) ?? null) : null;
      const b = after ? (getFigure(after, path) ?? null) : null;
      if (a !== b) differ(path, a, b);
    }
    for (const path of ['enteredBy', 'verifiedBy', 'acceptedWarnings'] as const) {
      const a = before?.[path] ?? null;
      const b = after?.[path] ?? null;
      if (JSON.stringify(a) !== JSON.stringify(b)) differ(path, a, b);
    }
  }
  const status = { before: before?.status ?? null, after: after?.status ?? null };
  if (status.before !== status.after) differ('status', status.before, status.after);
  return maps;
}

interface ParsedRow {
  id: number;
  change: AuditChange;
  entry: AuditEntry | null;
}

/** A stored row read back (null: damaged; it is shown nowhere and never sealed). */
function parseRow(raw: AuditRow | undefined): ParsedRow | null {
  if (!raw || typeof raw.id !== 'number') return null;
  const change = AuditChangeSchema.safeParse(raw.change);
  if (!change.success) return null;
  if (raw.entry === null || raw.entry === undefined) return { id: raw.id, change: change.data, entry: null };
  const entry = AuditEntrySchema.safeParse(raw.entry);
  return entry.success ? { id: raw.id, change: change.data, entry: entry.data } : null;
}

/** The last sealed row (by id) and the unsealed rows after it, oldest first. */
async function tail(db: RekapDb, limit: number): Promise<{ last: ParsedRow | null; unsealed: ParsedRow[] }> {
  const after: AuditRow[] = [];
  let lastRaw: AuditRow | undefined;
  await db.audit
    .orderBy(':id')
    .reverse()
    .until((row) => row.entry !== null && row.entry !== undefined, true)
    .each((row) => {
      if (row.entry !== null && row.entry !== undefined) lastRaw = row;
      else after.push(row);
    });
  const unsealed = after
    .reverse()
    .slice(0, limit)
    .map(parseRow)
    .filter((r): r is ParsedRow => r !== null);
  const last = parseRow(lastRaw);
  // Sealing onto an unreadable head would start a second chain: stop instead (someone must look).
  if (lastRaw && !last?.entry) throw new Error(`audit row ${String(lastRaw.id)} is damaged: its entry does not read back`);
  return { last, unsealed };
}

/** The head of this device's chain: its last sealed entry (null: nothing sealed yet). */
export async function auditHead(db: RekapDb): Promise<ChainHead | null> {
  const { last } = await db.transaction('r', ['audit'], async () => await tail(db, 0));
  return last?.entry ? { seq: last.entry.seq, hash: last.entry.hash } : null;
}

/** Rows written but not yet sealed (the sealer's trigger; 0 when everything is signed). */
export async function unsealedAuditCount(db: RekapDb): Promise<number> {
  let count = 0;
  await db.audit
    .orderBy(':id')
    .reverse()
    .until((row) => row.entry !== null && row.entry !== undefined)
    .each(() => {
      count += 1;
    });
  return count;
}

/** How many rows one sealing transaction takes (each needs a hash and a signature first). */
const SEAL_BATCH = 200;
const MAX_ATTEMPTS = 5;

class HeadMoved extends Error {}

/**
 * Chains and signs every unsealed row, in id order, onto the current head, and returns the new
 * head. Each batch is written back in one transaction that first checks that nobody sealed in the
 * meantime (another tab): when someone did, this one reads again and goes on from the new head, so
 * no two entries ever share a seq.
 */
export async function sealAudit(db: RekapDb, device: { keyHash: string; privateKey: CryptoKey }): Promise<ChainHead | null> {
  let attempts = 0;
  // After a batch this tab sealed, the next one is read forward from it (no scan of the whole tail).
  let hint: { id: number; head: ChainHead } | null = null;
  for (;;) {
    const next = await db.transaction('r', ['audit'], async () => await nextBatch(db, hint));
    const { head, unsealed } = next;
    if (unsealed.length === 0) return head;
    if (next.device !== null && next.device !== device.keyHash) {
      // Never append to another key's chain: it would not verify. Someone must look at this device.
      throw new Error('the audit chain on this device was started with another device key');
    }
    const entries = await sealChanges(
      unsealed.map((r) => r.change),
      head,
      device,
    );
    try {
      await db.transaction('rw', ['audit'], async () => {
        // Rows are sealed from the first unsealed one on: if ours are all still unsealed, nobody
        // sealed anything since we read the head.
        const now = await db.audit.bulkGet(unsealed.map((r) => r.id));
        if (!now.every((row) => row !== undefined && (row.entry === null || row.entry === undefined))) throw new HeadMoved();
        for (const [i, row] of unsealed.entries()) await db.audit.update(row.id, { entry: entries[i]! });
      });
      attempts = 0;
      const last = entries.at(-1)!;
      hint = { id: unsealed.at(-1)!.id, head: { seq: last.seq, hash: last.hash } };
    } catch (e) {
      if (!(e instanceof HeadMoved)) throw e;
      attempts += 1;
      hint = null;
      // Another tab sealed these rows first: go on from its head (or leave the rest to it).
      if (attempts >= MAX_ATTEMPTS) return auditHead(db);
    }
  }
}

/** The head, the device that owns it, and the next unsealed rows (at most SEAL_BATCH). */
async function nextBatch(
  db: RekapDb,
  hint: { id: number; head: ChainHead } | null,
): Promise<{ head: ChainHead | null; device: string | null; unsealed: ParsedRow[] }> {
  if (hint) {
    const after = await db.audit.where(':id').above(hint.id).limit(SEAL_BATCH).toArray();
    const first = after[0];
    if (!first || first.entry === null || first.entry === undefined) {
      const unsealed = after.filter((r) => r.entry === null || r.entry === undefined).map(parseRow).filter((r): r is ParsedRow => r !== null);
      return { head: hint.head, device: null, unsealed };
    }
    // Someone else sealed meanwhile: read the tail afresh.
  }
  const { last, unsealed } = await tail(db, SEAL_BATCH);
  return { head: last?.entry ? { seq: last.entry.seq, hash: last.entry.hash } : null, device: last?.entry?.device ?? null, unsealed };
}

/**
 * Sealed entries with seq > `seq`, seq ascending, at most `limit` (what the sync push sends next).
 * Sealed rows are a prefix in id order with consecutive seqs, so the entry seq+1 sits at an id at
 * least (first sealed id + seq): the scan starts there.
 */
export async function sealedAuditAfter(db: RekapDb, seq: number, limit: number): Promise<AuditEntry[]> {
  if (limit <= 0) return [];
  return db.transaction('r', ['audit'], async () => {
    const first = await db.audit.orderBy(':id').first();
    if (!first?.id) return [];
    const out: AuditEntry[] = [];
    let done = false;
    await db.audit
      .where(':id')
      .aboveOrEqual(first.id + Math.max(0, seq))
      .until(() => done)
      .each((raw) => {
        if (raw.entry === null || raw.entry === undefined) {
          done = true;
          return;
        }
        const parsed = AuditEntrySchema.safeParse(raw.entry);
        if (!parsed.success || parsed.data.seq <= seq) return;
        out.push(parsed.data);
        if (out.length >= limit) done = true;
      });
    return out;
  });
}

/** Every row of one record (sealed or not), oldest first: the history view's local part. */
export async function auditOfRecord(db: RekapDb, key: string): Promise<LocalAuditEntry[]> {
  const raws = await db.audit.where('key').equals(key).sortBy('id');
  return raws.map(parseRow).filter((r): r is ParsedRow => r !== null);
}
