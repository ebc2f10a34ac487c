import type { AuditHeadResponse } from '../api/index.ts';
import { checkReceipt, receiptAlarmText, verifyCheckpoint, type ReceiptAlarm } from '../domain/audit/index.ts';
import { exportPublicJwk, keyHash } from '../domain/crypto/keys.ts';
import type { AuditSource, SyncStore } from './store.ts';
import type { Transport } from './transport.ts';

/**
 * Issue 14, "anchored chains", on the device: every answer about this device's audit chain carries
 * the server's signed checkpoint; the device keeps the latest as its receipt (`auditReceipt`) and
 * compares each later answer with it and with its own chain (src/domain/audit/receipt.ts). A server
 * that cut, deleted or replaced this device's history, or answers with another key, raises the
 * alarm: kept in `auditAlarm` (shown on the sync status until a person acknowledges it; the old
 * receipt is kept as the evidence) and reported to the server, where it is logged.
 */
export async function compareWithReceipt(store: SyncStore, transport: Transport, answer: AuditHeadResponse, source: AuditSource | undefined, now: string): Promise<ReceiptAlarm | null> {
  const state = await store.transaction(async (tx) => ({ enrolment: await tx.getMeta('enrolment'), receipt: await tx.getMeta('auditReceipt'), alarm: await tx.getMeta('auditAlarm') }));
  const { enrolment, receipt } = state;
  if (!enrolment) return null;
  // One alarm at a time: the receipt that raised it stays the evidence until a person looks.
  if (state.alarm) return null;
  const result = source ? await checkOwnChain(answer, receipt, enrolment, source, store) : await checkLog(answer, receipt, enrolment.serverKey);
  if (result.ok) {
    if (result.keep && result.keep.n !== receipt?.n) await store.transaction((tx) => tx.setMeta('auditReceipt', result.keep));
    return null;
  }
  const alarm = result.alarm;
  const message = receiptAlarmText(alarm);
  await store.transaction((tx) => tx.setMeta('auditAlarm', { kind: alarm.kind, message, at: now }));
  // Reporting is best effort: the alarm is the device's own, whatever the server does with it.
  await transport.reportAuditAlarm?.({ kind: alarm.kind, message, receipt }).catch(() => undefined);
  return alarm;
}

async function checkOwnChain(
  answer: AuditHeadResponse,
  receipt: Parameters<typeof checkReceipt>[0]['receipt'],
  enrolment: { serverKey: Parameters<typeof checkReceipt>[0]['serverKey']; kecamatan: string },
  source: AuditSource,
  store: SyncStore,
) {
  const pair = await store.deviceKey();
  return checkReceipt({
    receipt,
    current: answer.checkpoint,
    serverHead: answer.head,
    serverKey: enrolment.serverKey,
    kecamatan: enrolment.kecamatan,
    keyHash: await keyHash(await exportPublicJwk(pair.publicKey)),
    localHash: async (seq) => {
      const [entry] = await source.after(seq - 1, 1);
      return entry?.seq === seq ? entry.hash : null;
    },
  });
}

/** A device without a chain of its own (the headless client) keeps the kecamatan log's checkpoint. */
async function checkLog(answer: AuditHeadResponse, receipt: Parameters<typeof checkReceipt>[0]['receipt'], serverKey: Parameters<typeof checkReceipt>[0]['serverKey']) {
  const log = answer.log;
  if (!log) return receipt ? ({ ok: false, alarm: { kind: 'log-rewound', receiptN: receipt.n, serverN: 0 } } as const) : ({ ok: true, keep: null } as const);
  const verified = await verifyCheckpoint(log, serverKey);
  if (!verified.ok) return { ok: false, alarm: { kind: 'bad-signature', n: log.n } } as const;
  if (receipt && log.n < receipt.n) return { ok: false, alarm: { kind: 'log-rewound', receiptN: receipt.n, serverN: log.n } } as const;
  if (receipt && log.n === receipt.n && log.hash !== receipt.hash) return { ok: false, alarm: { kind: 'log-rewound', receiptN: receipt.n, serverN: log.n } } as const;
  return { ok: true, keep: verified.checkpoint } as const;
}
