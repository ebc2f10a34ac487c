import type { Change } from '../api/index.ts';
import { text } from '../domain/common/text.ts';
import { conflictRowOf, dropFailed } from './push.ts';
import { sameRecord } from './records.ts';
import type { RefusedChange, SyncStore, SyncTx } from './store.ts';
import { TransportError, transportFailure, type Transport } from './transport.ts';
import { basedOn } from './base.ts';
import { PullProofChecker } from './pullProofs.ts';

export interface PullContext {
  store: SyncStore;
  transport: Transport;
  pageSize?: number;
  now?: () => string;
}

export interface PullReport {
  /** Server changes that became local records. */
  applied: number;
  /** Records with local changes that met a newer server version. */
  conflicts: string[];
  /** Changes refused because they are not what their device signed (never stored; docs/integrity.md). */
  refused: RefusedChange[];
  checkpoint: number;
}

/** Refusals kept on the device, newest last: enough to show and report, bounded in size. */
export const MAX_KEPT_REFUSALS = 500;

export const emptyPullReport = (): PullReport => ({ applied: 0, conflicts: [], refused: [], checkpoint: 0 });

/**
 * One server change meeting this device. A record with no pending local op takes the server's
 * version when it is newer. A record with pending ops is never overwritten: if the server's
 * version is newer than what those ops are based on, it becomes a conflict for a person — unless
 * the server already holds exactly the record of one of those ops (our own op whose answer was
 * lost, or the same figures typed elsewhere): then that op and the ones before it are done.
 */
export async function applyChange(tx: SyncTx, change: Change, now: string, report: PullReport): Promise<void> {
  const known = await tx.version(change.key);
  const pending = await tx.opsFor(change.key);
  if (pending.length === 0) {
    if (change.version <= known) return;
    await tx.putServerRecord(change);
    await basedOn(tx, change);
    await tx.deleteConflict(change.key);
    report.applied++;
    return;
  }
  const base = Math.max(known, pending[0]!.baseVersion ?? known);
  if (change.version <= base) return;

  let echo = -1;
  pending.forEach((op, i) => {
    if (sameRecord(op.record, change.record)) echo = i;
  });
  if (echo >= 0) {
    const done = pending.slice(0, echo + 1).map((op) => op.id!);
    await tx.deleteOps(done);
    await dropFailed(tx, done);
    await basedOn(tx, change);
    await tx.deleteConflict(change.key);
    return;
  }

  const existing = await tx.conflict(change.key);
  if (existing && existing.server.version >= change.version) return;
  await tx.putConflict(conflictRowOf(change, await tx.record(change.key), existing?.opId ?? null, existing?.source ?? 'pull', now));
  if (!existing) report.conflicts.push(change.key);
}

/** A page of changes and the new checkpoint, in one transaction: applied together or not at all. */
export async function applyPage(tx: SyncTx, changes: readonly Change[], lastSeq: number, now: string, report: PullReport): Promise<void> {
  for (const change of changes) await applyChange(tx, change, now, report);
  const checkpoint = await tx.getMeta('checkpoint');
  if (lastSeq > checkpoint) await tx.setMeta('checkpoint', lastSeq);
  report.checkpoint = Math.max(checkpoint, lastSeq);
}

/**
 * Pulls the change feed from the checkpoint to its end (by server seq only, never by clocks). The
 * next page is asked for while the previous one is applied, so the server's work and the device's
 * overlap; pages are still applied in order, each with its checkpoint in one transaction.
 */
export async function pullAll(ctx: PullContext, report: PullReport = emptyPullReport()): Promise<PullReport> {
  const pageSize = ctx.pageSize ?? 500;
  const now = ctx.now ?? (() => new Date().toISOString());
  const state = await ctx.store.transaction(async (tx) => ({ since: await tx.getMeta('checkpoint'), enrolment: await tx.getMeta('enrolment'), pins: await tx.getMeta('writerKeys') }));
  if (!state.enrolment) throw new Error('pull needs an enrolment (the pinned server key)');
  const checker = new PullProofChecker({ serverKey: state.enrolment.serverKey, kecamatan: state.enrolment.kecamatan }, { ...state.pins });
  let since = state.since;
  report.checkpoint = since;
  let next = ctx.transport.pull(since, pageSize);
  for (;;) {
    const page = await next;
    if (page.lastSeq < since || page.changes.some((c) => c.seq <= since || c.seq > page.lastSeq)) {
      throw new TransportError(transportFailure.protocol(text(`urutan perubahan kacau setelah nomor ${since}.`, `the change feed is out of order after seq ${since}.`)));
    }
    if (page.more && page.lastSeq === since) throw new TransportError(transportFailure.protocol(text(`daftar perubahan tidak maju setelah nomor ${since}.`, `the change feed does not advance after seq ${since}.`)));
    // Asked before this page is stored; a failure of it surfaces when it is awaited (never unhandled).
    const following = page.more ? ctx.transport.pull(page.lastSeq, pageSize) : null;
    following?.catch(() => undefined);
    // Checked before the transaction: IndexedDB commits a transaction that waits on Web Crypto.
    const checked = await checker.check(page, now());
    checked.refused.push(...(page.unreadable ?? []).map((u) => ({ ...u, refusedAt: now() })));
    await ctx.store.transaction(async (tx) => {
      await applyPage(tx, checked.accepted, page.lastSeq, now(), report);
      if (checked.refused.length > 0) await keepRefused(tx, checked.refused);
      await tx.setMeta('writerKeys', checker.pins);
    });
    report.refused.push(...checked.refused);
    if (!following) return report;
    since = page.lastSeq;
    next = following;
  }
}

async function keepRefused(tx: SyncTx, refused: readonly RefusedChange[]): Promise<void> {
  const kept = await tx.getMeta('pullRefused');
  await tx.setMeta('pullRefused', [...kept, ...refused].slice(-MAX_KEPT_REFUSALS));
}
