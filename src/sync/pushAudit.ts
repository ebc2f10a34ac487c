import { AuditRefusedSchema, auditRefusalText, MAX_AUDIT_PER_PUSH, type AuditHeadResponse } from '../api/index.ts';
import { text } from '../domain/common/text.ts';
import { compareWithReceipt } from './auditReceipt.ts';
import type { SyncStore } from './store.ts';
import { TransportError, transportFailure, type Transport } from './transport.ts';

export interface AuditPushContext {
  store: SyncStore;
  transport: Transport;
  batchSize?: number;
  now?: () => string;
  /**
   * Send entries up to this seq only (null: nothing sealed). The engine seals before it pushes the
   * ops of the round, so every entry sent describes an op the server has already decided (an entry
   * with no op of its device is marked no-op by the server: src/server/storage/auditScope.ts).
   * Absent: seal here and send everything sealed.
   */
  upTo?: number | null;
}

export interface AuditPushReport {
  /** Entries the server acknowledged in this round. */
  sent: number;
  /** The server refused the chain this round (kept in the store's `auditRefused`). */
  refused: boolean;
  /** The server's answer contradicted this device's receipt this round (kept in `auditAlarm`). */
  alarm: boolean;
}

export const emptyAuditPushReport = (): AuditPushReport => ({ sent: 0, refused: false, alarm: false });

/**
 * Sends this device's audit chain after its ops: seals what is unsealed, then every sealed entry
 * past the last one the server acknowledged, oldest first. The server's answer is its head, which
 * becomes `auditSent`, so a lost answer only means the same entries go again (a resend the server
 * skips). When the server holds less than we think (a restored server, a lost acknowledgement it
 * never stored) it answers `gap`: we ask for its head once and go on from there.
 *
 * Any other refusal means the chain on this device does not verify (damaged or altered storage):
 * retrying cannot fix that, so it is stored, shown on the sync screen, and not sent again until a
 * person asks. The ops themselves keep syncing: they are signed and checked on their own.
 * Transport failures (network, 5xx, a revoked token) propagate like the ops' own.
 *
 * Every answer carries the server's signed checkpoint of the chain: it is compared with the receipt
 * this device keeps, once a round at least (auditReceipt.ts, issue 14).
 */
export async function pushAudit(ctx: AuditPushContext, report: AuditPushReport): Promise<void> {
  const { store, transport } = ctx;
  const source = store.audit;
  const now = () => ctx.now?.() ?? new Date().toISOString();
  const compare = async (answer: AuditHeadResponse) => {
    if (await compareWithReceipt(store, transport, answer, source, now())) report.alarm = true;
  };
  if (!source) {
    // No chain of its own (the headless client): it still keeps the kecamatan log's checkpoint.
    await compare(await transport.auditHead());
    return;
  }
  const state = await store.transaction(async (tx) => ({ refused: await tx.getMeta('auditRefused'), sent: await tx.getMeta('auditSent') }));
  if (state.refused) return;
  const upTo = ctx.upTo === undefined ? ((await source.seal())?.seq ?? 0) : (ctx.upTo ?? 0);
  const limit = Math.min(ctx.batchSize ?? MAX_AUDIT_PER_PUSH, MAX_AUDIT_PER_PUSH);
  let sent = state.sent;
  let resynced = false;
  let compared = false;
  for (;;) {
    const entries = (await source.after(sent, limit)).filter((e) => e.seq <= upTo);
    if (entries.length === 0) {
      // Nothing new: the server's head is still compared with the receipt once a round.
      if (!compared && sent > 0) await compare(await transport.auditHead());
      return;
    }
    let head;
    try {
      const answer = await transport.pushAudit(entries);
      ({ head } = answer);
      compared = true;
      await compare(answer);
    } catch (error) {
      const refusal = error instanceof TransportError && error.failure.kind === 'refused' ? AuditRefusedSchema.safeParse(error.failure.body) : null;
      if (!refusal?.success) throw error;
      const why = refusal.data.error.refusal;
      if (why.kind === 'gap' && !resynced) {
        resynced = true;
        // The server holds less than it acknowledged: compared first (a cut tail raises the alarm), then sent again.
        const answer = await transport.auditHead();
        compared = true;
        await compare(answer);
        sent = answer.head?.seq ?? 0;
        await store.transaction((tx) => tx.setMeta('auditSent', sent));
        continue;
      }
      const at = now();
      await store.transaction((tx) => tx.setMeta('auditRefused', { message: auditRefusalText(why), at }));
      report.refused = true;
      return;
    }
    const acknowledged = head?.seq ?? 0;
    report.sent += Math.max(0, acknowledged - sent);
    // A head that did not move means the server holds less than it was sent: avoid a busy loop.
    if (acknowledged <= sent) throw new TransportError(transportFailure.protocol(text('server tidak mencatat riwayat audit yang dikirim.', 'the audit head did not advance.')));
    sent = acknowledged;
    await store.transaction((tx) => tx.setMeta('auditSent', sent));
  }
}
