import { z } from 'zod';
import { SignatureSchema } from '../crypto/keys.ts';
import { IsoTimeSchema, SignerRoleSchema } from '../summary/attestation.ts';
import { HashHexSchema } from '../summary/schema.ts';

/**
 * One entry of a device's audit trail `rekap.audit/v1`: who changed which record on which device,
 * from what to what, and why. Entries form a per-device hash chain (each names the hash of the one
 * before) and each is signed with the device key, so an entry cannot be changed, dropped, inserted or
 * reordered after the fact without the chain showing it.
 */
export const AUDIT_FORMAT = 'rekap.audit/v1';
/** Domain-separation prefix of an entry's signature (see signText). */
export const AUDIT_SIGNATURE_DOMAIN = 'rekap.audit/v1';

/** `photos`: a form's photos (issue 17), keyed like the form, `<tps>:<contest>`. */
export const AUDIT_RECORD_KINDS = ['tally', 'objection', 'finalisation', 'photos'] as const;
export const AuditRecordKindSchema = z.enum(AUDIT_RECORD_KINDS);
export type AuditRecordKind = z.infer<typeof AuditRecordKindSchema>;

/**
 * What happened. `tally.changed`: figures or marks typed or corrected; `tally.status`: entered,
 * verified, final or back; `*.resolved`: a person resolved a sync conflict (into a new version, or
 * by taking the server's); `photos.added` / `photos.removed`: a C.Hasil photo attached to or removed
 * from a form, recording the SHA-256 of its stored bytes (docs/integrity.md).
 */
export const AUDIT_ACTIONS = [
  'tally.changed',
  'tally.status',
  'tally.resolved',
  'objection.recorded',
  'objection.decided',
  'objection.linked',
  'objection.resolved',
  'finalisation.finalised',
  'finalisation.reopened',
  'finalisation.resolved',
  'photos.added',
  'photos.removed',
  'photos.resolved',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** The change itself, as written by the device (no chain position yet). */
export const AuditChangeSchema = z.strictObject({
  at: IsoTimeSchema,
  /** The person operating the device, as they named themselves. */
  actor: z.string().max(200),
  /** The device's role from its enrolment; null before it is enrolled. */
  role: SignerRoleSchema.nullable(),
  record: z.object({ kind: AuditRecordKindSchema, key: z.string().min(1).max(200) }),
  action: AuditActionSchema,
  before: z.json().nullable(),
  after: z.json().nullable(),
  reason: z.string().max(2000).nullable(),
});
export type AuditChange = z.infer<typeof AuditChangeSchema>;

/** A change placed in the chain: the device (its key hash), its position and the previous hash. */
export const AuditBodySchema = AuditChangeSchema.extend({
  format: z.literal(AUDIT_FORMAT),
  /** keyHash(device public key): the chain's owner, known before the device is enrolled. */
  device: HashHexSchema,
  /** 1, 2, 3 … without gaps. */
  seq: z.number().int().min(1),
  /** Hash of entry seq − 1; null for seq 1. */
  prev: HashHexSchema.nullable(),
});
export type AuditBody = z.infer<typeof AuditBodySchema>;

export const AuditEntrySchema = AuditBodySchema.extend({
  /** sha256Hex(canonicalJson(body)). */
  hash: HashHexSchema,
  /** signText(device key, AUDIT_SIGNATURE_DOMAIN, hash). */
  signature: SignatureSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The last entry of a chain: what a summary names as its audit head. */
export interface ChainHead {
  seq: number;
  hash: string;
}
