import type { ServerRecord } from '../api/index.ts';
import { err, ok, type Result } from '../domain/common/result.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { figurePaths, getFigure, setFigure, type FieldPath } from '../domain/tally/fields.ts';
import { FIGURE_RULE } from '../domain/tally/figure.ts';
import { isFigureValue, type Figure, type Tally, type TallyKey } from '../domain/tally/tally.ts';
import { canonicalJson as stableJson } from '../domain/canonical/json.ts';
import { keepsVerifier, statusAfterFigureChange } from '../domain/workflow/tally.ts';
import { planOutboxWrite, tallyDiff, type ConflictRow } from '../db/index.ts';
import { dropFailed } from './push.ts';
import { sameRecord } from './records.ts';
import { photosKey } from '../api/records.ts';
import type { SyncStore, SyncTx } from './store.ts';
import { basedOn } from './base.ts';

/** How a person settles one differing cell: keep mine, take the server's, or type the paper's value. */
export type CellChoice = { from: 'local' } | { from: 'server' } | { from: 'typed'; value: Figure };

export interface Resolution {
  /** A choice for every differing cell (conflictCells). */
  cells: Readonly<Record<string, CellChoice>>;
  /** Whose status and sign-offs (entered/verified by, accepted warnings) to keep, when they differ. */
  meta: 'local' | 'server';
  actor: string;
  reason: string;
}

export interface CellDifference {
  path: FieldPath;
  local: Figure;
  server: Figure;
}

const META = ['status', 'enteredBy', 'verifiedBy', 'acceptedWarnings'] as const;

/** The cells whose figures differ, in the form's order. */
export function conflictCells(local: Tally | null, server: Tally): CellDifference[] {
  return figurePaths(server).flatMap((path) => {
    const a = local ? (getFigure(local, path) ?? null) : null;
    const b = getFigure(server, path) ?? null;
    return a === b ? [] : [{ path, local: a, server: b }];
  });
}

/** Whether status or sign-offs differ (then the person also says whose to keep). */
export function metaDiffers(local: Tally | null, server: Tally): boolean {
  if (!local) return false;
  return META.some((k) => stableJson(local[k] ?? null) !== stableJson(server[k] ?? null));
}

const figuresOf = (t: Tally) => figurePaths(t).map((p) => getFigure(t, p) ?? null);

/**
 * The new version a resolution makes: the chosen side's status and sign-offs with every chosen
 * figure. If the figures then differ from that side's, the sign-offs no longer cover them: the
 * status becomes what the workflow table gives a change of figures (a verified or final form back
 * to "entered", to be verified again; an empty one draft), as a correction in the entry form.
 */
export function resolvedRecord(local: Tally | null, server: Tally, resolution: Pick<Resolution, 'cells' | 'meta'>): Result<Tally, LocalizedText> {
  const base = resolution.meta === 'local' && local ? local : server;
  let tally: Tally = base;
  const missing: string[] = [];
  for (const cell of conflictCells(local, server)) {
    const choice = resolution.cells[cell.path];
    if (!choice) {
      missing.push(cell.path);
      continue;
    }
    const value = choice.from === 'local' ? cell.local : choice.from === 'server' ? cell.server : choice.value;
    if (value !== null && !isFigureValue(value)) return err(text(`${cell.path}: ${FIGURE_RULE.id}`, `${cell.path}: ${FIGURE_RULE.en}`));
    tally = setFigure(tally, cell.path, value);
  }
  if (missing.length > 0) {
    return err(text(`Pilih nilai untuk setiap sel yang berbeda (${missing.length} belum dipilih).`, `Choose a value for every differing cell (${missing.length} not chosen yet).`));
  }
  if (stableJson(figuresOf(tally)) !== stableJson(figuresOf(base))) {
    const status = statusAfterFigureChange(base.status);
    const unverified = keepsVerifier(base.status) && !keepsVerifier(status);
    if (status !== base.status) tally = { ...tally, status, ...(unverified ? { verifiedBy: null } : {}) };
  }
  return ok(tally);
}

export type ResolveOutcome = { kind: 'server-kept' } | { kind: 'new-version'; baseVersion: number };

/**
 * Settles a conflict in one transaction: the record's pending ops are replaced by one op carrying
 * the resolved record on top of the server's version (or, when the result is the server's record,
 * by nothing: the device simply takes it). The local history keeps the change with its reason.
 */
export async function resolveConflict(store: SyncStore, key: string, resolution: Resolution): Promise<Result<ResolveOutcome, LocalizedText>> {
  const actor = resolution.actor.trim();
  const reason = resolution.reason.trim();
  if (!actor) return err(text('Nama petugas wajib diisi.', 'An operator name is required.'));
  if (!reason) return err(text('Tuliskan alasan penyelesaian konflik.', 'Give a reason for the resolution.'));
  return store.transaction(async (tx): Promise<Result<ResolveOutcome, LocalizedText>> => {
    const conflict = await tx.conflict(key);
    if (!conflict) return err(text('Konflik ini sudah diselesaikan.', 'This conflict has already been resolved.'));
    if (conflict.kind !== 'tally') return err(text('Konflik ini bukan formulir; pilih versi yang dipakai.', 'This conflict is not a form; choose which version to keep.'));
    const stored = await tx.record(key);
    const local = stored?.kind === 'tally' ? stored.record : conflict.local;
    const resolved = resolvedRecord(local, conflict.server.record, resolution);
    if (!resolved.ok) return resolved;
    await settleRecord(tx, conflict);
    // The person's decision is a change on this device (local → resolved), whichever side won.
    await tx.appendAudit?.({ actor, record: { kind: 'tally', key: conflict.key }, action: 'tally.resolved', ...tallyDiff(local, resolved.value), reason });
    if (sameRecord(resolved.value, conflict.server.record)) {
      await tx.putServerRecord(serverRecordOf(conflict));
      return ok({ kind: 'server-kept' });
    }
    const keyed = { kind: 'tally', key: conflict.key as TallyKey, record: resolved.value } as const;
    await tx.putLocalRecord(keyed, actor, reason);
    const plan = planOutboxWrite([], conflict.server.version, { ...keyed, actor, reason }, { baseVersion: conflict.server.version });
    await tx.addOp(plan.op);
    return ok({ kind: 'new-version', baseVersion: conflict.server.version });
  });
}

/**
 * Settles a conflict about an objection or a finalisation (only chairs change those, so it means
 * two chair devices): keep the server's version, or put this device's on top of it (a new op whose
 * base is the server's version; the server's workflow decides it again). Audited with the reason.
 */
export async function resolveRecordConflict(store: SyncStore, key: string, keep: 'server' | 'local', actor: string, reason: string): Promise<Result<ResolveOutcome, LocalizedText>> {
  if (!actor.trim()) return err(text('Nama petugas wajib diisi.', 'An operator name is required.'));
  if (!reason.trim()) return err(text('Tuliskan alasan penyelesaian konflik.', 'Give a reason for the resolution.'));
  return store.transaction(async (tx): Promise<Result<ResolveOutcome, LocalizedText>> => {
    const conflict = await tx.conflict(key);
    if (!conflict) return err(text('Konflik ini sudah diselesaikan.', 'This conflict has already been resolved.'));
    const local = await tx.record(key);
    await settleRecord(tx, conflict);
    await tx.appendAudit?.({ actor: actor.trim(), record: { kind: conflict.kind, key }, action: `${conflict.kind}.resolved`, before: null, after: { keep }, reason: reason.trim() });
    if (keep === 'server' || !local) {
      await tx.putServerRecord(serverRecordOf(conflict));
      return ok({ kind: 'server-kept' });
    }
    const plan = planOutboxWrite([], conflict.server.version, { ...local, actor: actor.trim(), reason: reason.trim() }, { baseVersion: conflict.server.version });
    await tx.addOp(plan.op);
    return ok({ kind: 'new-version', baseVersion: conflict.server.version });
  });
}

/** Drops the record's pending ops and conflict; the device is now based on the server's version. */
async function settleRecord(tx: SyncTx, conflict: ConflictRow): Promise<void> {
  const ids = (await tx.opsFor(conflict.key)).map((op) => op.id!);
  await tx.deleteOps(ids);
  await dropFailed(tx, ids);
  await basedOn(tx, serverRecordOf(conflict));
  await tx.deleteConflict(conflict.key);
}

export function serverRecordOf(conflict: ConflictRow): ServerRecord {
  return { kind: conflict.kind, key: conflict.key, ...conflict.server } as ServerRecord;
}

/**
 * Sends a locked or rejected op again under a new op id (the server remembers the old id's
 * answer). Its base stays: if the record moved on meanwhile, the answer is a conflict to resolve.
 */
export async function retryFailed(store: SyncStore, id: number, newOpId: () => string): Promise<boolean> {
  return store.transaction(async (tx) => {
    const op = await tx.op(id);
    if (!op || (op.state !== 'locked' && op.state !== 'rejected')) return false;
    await tx.putOp({ ...op, opId: newOpId(), state: 'queued', error: null, hash: null });
    await dropFailed(tx, [id]);
    return true;
  });
}

/**
 * A person takes the server's copy of a locked record instead of their change (which stays in the
 * local history): the record's ops are dropped and the server's version becomes the local one.
 * `actor`: the person deciding, for the audit trail.
 */
export async function takeServerVersion(store: SyncStore, id: number, actor: string): Promise<boolean> {
  return store.transaction(async (tx) => {
    const failed = (await tx.getMeta('failed')).find((f) => f.id === id);
    if (!failed?.server) return false;
    // The local change the person gives up is in the audit trail already; this entry says who gave it up.
    const local = await tx.record(failed.key);
    const server = failed.server;
    const why = `server ${failed.status}: ${failed.reason.id}`;
    if (server.kind === 'tally') {
      const mine = local?.kind === 'tally' ? local.record : null;
      await tx.appendAudit?.({ actor: actor.trim() || '?', record: { kind: 'tally', key: failed.key }, action: 'tally.resolved', ...tallyDiff(mine, server.record), reason: why });
    } else {
      // Photo entries name the form, as attaching did (src/db/photos.ts).
      const key = server.kind === 'photos' ? failed.key.slice(photosKey('').length) : failed.key;
      await tx.appendAudit?.({ actor: actor.trim() || '?', record: { kind: server.kind, key }, action: `${server.kind}.resolved`, before: null, after: { keep: 'server' }, reason: why });
    }
    const ids = (await tx.opsFor(failed.key)).map((op) => op.id!);
    await tx.deleteOps(ids);
    await dropFailed(tx, ids);
    await tx.putServerRecord(failed.server);
    await basedOn(tx, failed.server);
    await tx.deleteConflict(failed.key);
    return true;
  });
}
