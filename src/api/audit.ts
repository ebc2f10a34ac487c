import { z } from 'zod';
import { AuditEntrySchema, chainFailureText, SignedCheckpointSchema, type ChainFailure } from '../domain/audit/index.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { PublicKeyJwkSchema } from '../domain/crypto/keys.ts';
import { HashSchema } from './ops.ts';
import { ApiErrorSchema } from './protocol.ts';
import { RoleSchema } from './roles.ts';

/**
 * The audit-trail endpoints (issue 6): each device pushes its own signed hash chain
 * (src/domain/audit), the server verifies it against the key the device enrolled with and keeps it,
 * and every device of the kecamatan can read the entries about one record from all devices.
 */

/** Entries per POST /api/audit; a longer chain goes in several requests, oldest first. */
export const MAX_AUDIT_PER_PUSH = 500;
/** Entries per GET /api/audit?record=… answer. */
export const MAX_RECORD_AUDIT = 2000;

export const ChainHeadSchema = z.object({ seq: z.number().int().min(1), hash: HashSchema });

// POST /api/audit — the next segment of the calling device's chain.
export const AuditPushRequestSchema = z.object({ entries: z.array(AuditEntrySchema).min(1).max(MAX_AUDIT_PER_PUSH) });
export type AuditPushRequest = z.infer<typeof AuditPushRequestSchema>;

/**
 * Also the answer of GET /api/audit/head: the last entry the server holds of the caller's chain;
 * `checkpoint`: the server's latest signed checkpoint of that chain (issue 14: the device keeps it
 * as its receipt and compares the next answers with it); `log`: the kecamatan's latest checkpoint,
 * which anchors every device's chain (what a device without a chain of its own keeps). Both null
 * from a server before checkpoints.
 */
export const AuditHeadResponseSchema = z.object({
  head: ChainHeadSchema.nullable(),
  checkpoint: SignedCheckpointSchema.nullable().default(null),
  log: SignedCheckpointSchema.nullable().default(null),
});
export type AuditHeadResponse = z.infer<typeof AuditHeadResponseSchema>;
export const AuditPushResponseSchema = AuditHeadResponseSchema;

/**
 * Why the server refused a segment: a chain failure (src/domain/audit/verify.ts), or
 * `rewritten` (a stored seq sent again with another content: history changed after it was
 * acknowledged) or `wrong-role` (an entry claims a role the server never gave this key).
 * `gap` and `rewritten` answer 409, the others 422.
 */
export const AuditRefusalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('malformed'), index: z.number().int().min(0), detail: z.string() }),
  z.object({ kind: z.literal('other-device'), seq: z.number().int() }),
  z.object({ kind: z.literal('gap'), expected: z.number().int().min(1), got: z.number().int() }),
  z.object({ kind: z.literal('broken-link'), seq: z.number().int() }),
  z.object({ kind: z.literal('hash-mismatch'), seq: z.number().int() }),
  z.object({ kind: z.literal('bad-signature'), seq: z.number().int() }),
  z.object({ kind: z.literal('rewritten'), seq: z.number().int() }),
  z.object({ kind: z.literal('wrong-role'), seq: z.number().int(), role: z.string().nullable() }),
]);
export type AuditRefusal = z.infer<typeof AuditRefusalSchema>;

/** The problem body of a refused segment: the usual ApiError with the refusal itself. */
export const AuditRefusedSchema = z.object({ error: ApiErrorSchema.shape.error.extend({ refusal: AuditRefusalSchema }) });
export type AuditRefused = z.infer<typeof AuditRefusedSchema>;

export function auditRefusalText(r: AuditRefusal): LocalizedText {
  switch (r.kind) {
    case 'rewritten':
      return text(
        `Entri audit #${r.seq} berbeda dengan yang sudah tersimpan di server: riwayat perangkat ini diubah setelah dikirim.`,
        `Audit entry #${r.seq} differs from the one the server already holds: this device's history was changed after it was sent.`,
      );
    case 'wrong-role':
      return text(
        `Entri audit #${r.seq} mengaku berperan ${r.role ?? '(kosong)'}, peran yang tidak pernah diberikan server kepada perangkat ini.`,
        `Audit entry #${r.seq} claims the role ${r.role ?? '(none)'}, which the server never gave this device.`,
      );
    default:
      return chainFailureText(r satisfies ChainFailure);
  }
}

/** 409 (the device's idea of the chain disagrees with the server's) or 422 (the chain itself is bad). */
export function auditRefusalStatus(r: AuditRefusal): 409 | 422 {
  return r.kind === 'gap' || r.kind === 'rewritten' ? 409 : 422;
}

// GET /api/audit?record=<key>[&kind=tally] — every device's entries about one record.
export const RecordAuditQuerySchema = z.object({
  record: z.string().min(1).max(200),
  kind: z.enum(['tally', 'objection', 'finalisation']).optional(),
});

/**
 * One stored entry with its device as the server knows it (the key lets a reader check the
 * signature; the name and role are the enrolment's, shown as who wrote the entry, whatever name was
 * typed into it: issue 14). `refused`: the entry is no change of the record — the server's workflow
 * refused the device's latest op on it (src/domain/workflow refusal codes, or `locked`), or the
 * entry is out of scope (src/domain/audit/scope.ts: `no-op`, no op of the device on the record;
 * `out-of-scope`, a witness or Panwascam writing beyond its own objections). Null otherwise, and
 * when an older server does not say.
 */
export const RecordAuditItemSchema = z.object({
  entry: AuditEntrySchema,
  device: z.object({
    deviceId: z.string(),
    name: z.string(),
    role: RoleSchema,
    revoked: z.boolean(),
    publicKey: PublicKeyJwkSchema,
  }),
  receivedAt: z.string(),
  refused: z.string().max(100).nullable().default(null),
});
export type RecordAuditItem = z.infer<typeof RecordAuditItemSchema>;

// GET /api/audit/recent[?prefix=<desa or TPS code>][&limit=n] — the kecamatan's latest entries.
/** Entries per GET /api/audit/recent answer at most (and by default). */
export const MAX_RECENT_AUDIT = 500;
export const RecentAuditQuerySchema = z.object({
  prefix: z.string().regex(/^\d{4,13}$/, 'a desa or TPS code').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_RECENT_AUDIT).default(MAX_RECENT_AUDIT),
});

/** Oldest first by the entries' time (UTC), then device and seq; `more`: cut at MAX_RECORD_AUDIT. */
export const RecordAuditResponseSchema = z.object({ items: z.array(RecordAuditItemSchema), more: z.boolean() });
export type RecordAuditResponse = z.infer<typeof RecordAuditResponseSchema>;

// POST /api/audit/alarm — a device found the server's answer contradicting its receipt.
/**
 * What the device reports (src/domain/audit/receipt.ts): the kind, its words, and the receipt it
 * holds. The server logs it as an integrity event; the device shows it whatever the server does.
 */
export const AuditAlarmReportSchema = z.object({
  kind: z.enum(['bad-signature', 'other-chain', 'deleted', 'truncated', 'rewritten', 'log-rewound']),
  message: z.object({ id: z.string().max(1000), en: z.string().max(1000) }),
  receipt: SignedCheckpointSchema.nullable(),
});
export type AuditAlarmReport = z.infer<typeof AuditAlarmReportSchema>;
export const AuditAlarmAnswerSchema = z.object({ received: z.literal(true) });
