import { MAX_OPS_PER_PUSH, OpSchema, type OpResult, type PushResponse, type ServerRecord, type UnsignedOp } from '../api/index.ts';
import { exportPublicJwk, keyHash } from '../domain/crypto/keys.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { zodIssuesSummary } from '../domain/errors/index.ts';
import type { ConflictRow, KeyedRecord, OutboxOp } from '../db/index.ts';
import { signPush, toWireOp, type PushSigner, type SignedPush } from './sign.ts';
import type { FailedOp, SyncStore, SyncTx } from './store.ts';
import { TransportError, transportFailure, type Transport } from './transport.ts';
import { basedOn, type BaseRecord } from './base.ts';

export interface PushContext {
  store: SyncStore;
  transport: Transport;
  batchSize?: number;
  now?: () => string;
}

export interface PushReport {
  /** Ops handed to the transport (a resend counts again). */
  sent: number;
  /** applied or duplicate: on the server, removed from the outbox. */
  acknowledged: number;
  conflicts: string[];
  failed: FailedOp[];
}

export const emptyPushReport = (): PushReport => ({ sent: 0, acknowledged: 0, conflicts: [], failed: [] });

/**
 * The order of a push by kind: the server decides its ops in the order sent, each on what the ones
 * before it did, and judges a form on the objections it holds (a decided one covers an error) and a
 * desa's finalisation on its forms (all final). So objections go first, then forms, then
 * finalisations, whatever order their ops were written in (a folded op keeps its place); a form's
 * photos last (nothing depends on them).
 */
const PUSH_ORDER: Record<OutboxOp['kind'], number> = { objection: 0, tally: 1, finalisation: 2, photos: 3 };

/**
 * Freezes the next batch: each record's oldest sendable op becomes `sent` with its base version
 * fixed (an op that followed another takes the version that one got). From now on the op never
 * changes, so a resend after a lost answer is recognised by the server as a duplicate. Returned in
 * the order to send (PUSH_ORDER, oldest first within a kind).
 */
export async function freezeBatch(tx: SyncTx, limit: number, inFlight: ReadonlySet<string> = new Set()): Promise<OutboxOp[]> {
  const heads = await tx.nextBatch(limit, inFlight);
  const frozen: OutboxOp[] = [];
  for (const op of heads) {
    const baseVersion = op.baseVersion ?? (await tx.version(op.key));
    const next: OutboxOp = { ...op, baseVersion, state: 'sent', attempts: op.attempts + 1 };
    await tx.putOp(next);
    frozen.push(next);
  }
  // Array.prototype.sort is stable: within a kind the outbox order stays.
  return frozen.sort((a, b) => PUSH_ORDER[a.kind] - PUSH_ORDER[b.kind]);
}

const localReject = (detail: LocalizedText): LocalizedText =>
  text(`Perubahan ini tidak memenuhi protokol dan tidak dikirim: ${detail.id}`, `This change does not meet the protocol and was not sent: ${detail.en}`);

async function acknowledge(tx: SyncTx, op: OutboxOp, version: number): Promise<void> {
  await tx.deleteOps([op.id!]);
  // The server now holds exactly this op's record at `version`: the base of later local changes.
  if (version > (await tx.version(op.key))) await basedOn(tx, { kind: op.kind, key: op.key, record: op.record, version } as BaseRecord);
  await dropFailed(tx, [op.id!]);
}

/**
 * A conflict row from the server's copy and the local record. A local record of another kind under
 * the same key cannot exist (a key names its kind), so it is left out rather than mixed in.
 */
export function conflictRowOf(server: ServerRecord, local: KeyedRecord | null, opId: string | null, source: 'push' | 'pull', detectedAt: string): ConflictRow {
  const side = { version: server.version, hash: server.hash, deviceId: server.deviceId, actor: server.actor, at: server.at };
  const base = { key: server.key, opId, source, detectedAt };
  switch (server.kind) {
    case 'tally':
      return { ...base, kind: 'tally', server: { ...side, record: server.record }, local: local?.kind === 'tally' ? local.record : null };
    case 'objection':
      return { ...base, kind: 'objection', server: { ...side, record: server.record }, local: local?.kind === 'objection' ? local.record : null };
    case 'finalisation':
      return { ...base, kind: 'finalisation', server: { ...side, record: server.record }, local: local?.kind === 'finalisation' ? local.record : null };
    case 'photos':
      return { ...base, kind: 'photos', server: { ...side, record: server.record }, local: local?.kind === 'photos' ? local.record : null };
  }
}

export async function dropFailed(tx: SyncTx, ids: readonly number[]): Promise<void> {
  const failed = await tx.getMeta('failed');
  const kept = failed.filter((f) => !ids.includes(f.id));
  if (kept.length !== failed.length) await tx.setMeta('failed', kept);
}

async function fail(tx: SyncTx, op: OutboxOp, hash: string | null, status: 'locked' | 'rejected', reason: LocalizedText, server: ServerRecord | null, at: string): Promise<FailedOp> {
  await tx.putOp({ ...op, hash, state: status, error: reason });
  const entry: FailedOp = { id: op.id!, opId: op.opId, key: op.key, status, reason, server, at };
  const failed = (await tx.getMeta('failed')).filter((f) => f.id !== op.id);
  await tx.setMeta('failed', [...failed, entry]);
  return entry;
}

/**
 * Applies the server's answers to a frozen batch, in one transaction. applied/duplicate: the op is
 * done (deleted) and the record's server version advances. conflict: kept with the server's
 * copy in `conflicts` and nothing more is sent for that record until a person resolves it — unless
 * the server's copy is exactly this op's record (then it is no conflict). locked/rejected: kept
 * and listed with the reason; never dropped by itself.
 */
export async function settleBatch(tx: SyncTx, batch: readonly { op: OutboxOp; hash: string | null }[], results: readonly OpResult[], now: string, report: PushReport): Promise<void> {
  const byId = new Map(results.map((r) => [r.opId, r]));
  for (const { op, hash } of batch) {
    const result = byId.get(op.opId);
    if (!result) continue;
    const current = await tx.op(op.id!);
    // Superseded meanwhile (a person resolved the record's conflict): nothing left to settle.
    if (!current || current.opId !== op.opId) continue;
    switch (result.status) {
      case 'applied':
      case 'duplicate':
        await acknowledge(tx, current, result.version);
        report.acknowledged++;
        break;
      case 'conflict':
        if (hash !== null && result.server.hash === hash) {
          await acknowledge(tx, current, result.server.version);
          report.acknowledged++;
          break;
        }
        await tx.putOp({ ...current, hash, state: 'conflict' });
        await tx.putConflict(conflictRowOf(result.server, await tx.record(op.key), op.opId, 'push', now));
        report.conflicts.push(op.key);
        break;
      case 'locked':
        if (hash !== null && result.server?.hash === hash) {
          await acknowledge(tx, current, result.server.version);
          report.acknowledged++;
          break;
        }
        report.failed.push(await fail(tx, current, hash, 'locked', result.reason, result.server, now));
        break;
      case 'rejected':
        report.failed.push(await fail(tx, current, hash, 'rejected', result.reason, result.server ?? null, now));
        break;
      default: {
        const never: never = result;
        throw new Error(`unknown op result ${JSON.stringify(never)}`);
      }
    }
  }
}

/** The device key and kecamatan a push is signed for (docs/integrity.md). */
export async function pushSigner(store: SyncStore): Promise<PushSigner> {
  const enrolment = await store.transaction((tx) => tx.getMeta('enrolment'));
  if (!enrolment) throw new Error('push before enrolment');
  const keys = await store.deviceKey();
  return { privateKey: keys.privateKey, keyHash: await keyHash(await exportPublicJwk(keys.publicKey)), kecamatan: enrolment.kecamatan };
}

interface Prepared {
  push: SignedPush;
  batch: { op: OutboxOp; hash: string | null }[];
}

/**
 * Freezes the next batch (leaving out the records of the batch in flight, whose oldest op is that
 * batch's) and hashes and signs it. `frozen` settles once the freezing transaction is over, so the
 * caller can keep its own transactions from overlapping it; the signing runs on meanwhile.
 */
function prepare(ctx: PushContext, signer: PushSigner, limit: number, inFlight: ReadonlySet<string>, report: PushReport, now: () => string): { frozen: Promise<void>; ready: Promise<Prepared | 'again' | null> } {
  const frozenOps = ctx.store.transaction((tx) => freezeBatch(tx, limit, inFlight));
  const ready = (async (): Promise<Prepared | 'again' | null> => {
    const frozen = await frozenOps;
    if (frozen.length === 0) return null;
    const wire: UnsignedOp[] = [];
    const batch: { op: OutboxOp; hash: string | null }[] = [];
    const invalid: { op: OutboxOp; reason: LocalizedText }[] = [];
    for (const op of frozen) {
      const unsigned = await toWireOp(op);
      const checked = OpSchema.safeParse(unsigned);
      if (!checked.success) {
        invalid.push({ op, reason: localReject(zodIssuesSummary(checked.error, { root: unsigned })) });
        continue;
      }
      wire.push(unsigned);
      batch.push({ op, hash: unsigned.hash });
    }
    if (invalid.length > 0) {
      await ctx.store.transaction(async (tx) => {
        for (const { op, reason } of invalid) report.failed.push(await fail(tx, op, null, 'rejected', reason, null, now()));
      });
    }
    if (wire.length === 0) return 'again';
    return { push: await signPush(wire, signer), batch };
  })();
  return { frozen: frozenOps.then(() => undefined, () => undefined), ready };
}

/**
 * Sends the outbox in order, batch by batch, until nothing sendable is left. While a batch is in
 * flight the next one is frozen, hashed and signed, so the device's work overlaps the server's; it
 * is sent only once the answer to the one before is settled (the server decides each push on what
 * the earlier ones did). Stops at the first transport failure (throws TransportError): the batches
 * stay `sent` and go again next time.
 */
export async function pushAll(ctx: PushContext, report: PushReport = emptyPushReport()): Promise<PushReport> {
  const limit = Math.min(ctx.batchSize ?? MAX_OPS_PER_PUSH, MAX_OPS_PER_PUSH);
  const now = ctx.now ?? (() => new Date().toISOString());
  const signer = await pushSigner(ctx.store);
  let next = await prepare(ctx, signer, limit, new Set(), report, now).ready;
  while (next !== null) {
    if (next === 'again') {
      next = await prepare(ctx, signer, limit, new Set(), report, now).ready;
      continue;
    }
    const { push, batch } = next;
    report.sent += push.ops.length;
    const sending = ctx.transport.push(push);
    const following = prepare(ctx, signer, limit, new Set(push.ops.map((op) => op.key)), report, now);
    let response: PushResponse;
    try {
      response = await sending;
    } catch (error) {
      // The batch frozen meanwhile stays `sent` and goes next time; let its work end first.
      await following.ready.catch(() => null);
      throw error;
    }
    await following.frozen;
    await ctx.store.transaction((tx) => settleBatch(tx, batch, response.results, now(), report));
    const answered = new Set(response.results.map((r) => r.opId));
    const missing = push.ops.filter((op) => !answered.has(op.opId));
    // An op without an answer would be sent forever; the answer breaks the contract.
    if (missing.length > 0) {
      await following.ready.catch(() => null);
      throw new TransportError(transportFailure.protocol(text(`${missing.length} perubahan tidak mendapat jawaban.`, `${missing.length} change(s) got no result.`)));
    }
    next = await following.ready;
  }
  return report;
}
