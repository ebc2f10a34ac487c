import { z } from 'zod';
import { AttestationSchema, AuditAlarmReportSchema, HashSchema, kindOfKey, LocalizedTextSchema, RoleSchema, ServerRecordSchema } from '../api/index.ts';
import { FinalisationRecordSchema } from '../domain/finalisation/record.ts';
import { ObjectionSchema } from '../domain/objections/schema.ts';
import { DesaCodeSchema, KecamatanCodeSchema } from '../domain/codes/codes.ts';
import { PublicKeyJwkSchema } from '../domain/crypto/keys.ts';
import { SignedCheckpointSchema } from '../domain/audit/checkpoint.ts';
import { TallySchema } from '../domain/tally/tally.ts';

/** Stored sync state is read back through these (IndexedDB and state files can be damaged). */

export const EnrolmentSchema = z.object({
  serverUrl: z.string().min(1),
  token: z.string().min(1),
  deviceId: z.string().min(1),
  deviceName: z.string(),
  role: RoleSchema,
  kecamatan: KecamatanCodeSchema,
  panel: z.string().nullable(),
  desa: z.array(DesaCodeSchema).nullable(),
  serverKey: PublicKeyJwkSchema,
  attestation: AttestationSchema,
  enrolledAt: z.string().min(1),
});

export const FailedOpSchema = z.object({
  id: z.number().int().min(1),
  opId: z.string(),
  key: z.string(),
  status: z.enum(['locked', 'rejected']),
  reason: LocalizedTextSchema,
  server: ServerRecordSchema.nullable(),
  at: z.string(),
});

export const MetaSchemas = {
  enrolment: EnrolmentSchema.nullable(),
  checkpoint: z.number().int().min(0),
  lastSyncAt: z.string().nullable(),
  lastError: LocalizedTextSchema.nullable(),
  failed: z.array(FailedOpSchema),
  auditSent: z.number().int().min(0),
  auditRefused: z.object({ message: LocalizedTextSchema, at: z.string() }).nullable(),
  writerKeys: z.record(z.string(), z.string()),
  pullRefused: z.array(
    z.object({ key: z.string(), version: z.number().int(), seq: z.number().int(), deviceId: z.string(), why: LocalizedTextSchema, refusedAt: z.string() }),
  ),
  auditReceipt: SignedCheckpointSchema.nullable(),
  auditAlarm: z.object({ kind: AuditAlarmReportSchema.shape.kind, message: LocalizedTextSchema, at: z.string() }).nullable(),
} as const;

function conflictOf<K extends string, R extends z.ZodType>(kind: K, record: R) {
  return z.object({
    kind: z.literal(kind),
    key: z.string().min(1),
    server: z.object({ version: z.number().int().min(1), record, hash: HashSchema, deviceId: z.string(), actor: z.string(), at: z.string() }),
    local: record.nullable(),
    opId: z.string().nullable(),
    source: z.enum(['push', 'pull']),
    detectedAt: z.string(),
  });
}

/** Conflicts stored before records had kinds are forms (their key says so). */
export const ConflictRowSchema = z.preprocess(
  (raw) => (raw && typeof raw === 'object' && !('kind' in raw) ? { ...raw, kind: kindOfKey(String((raw as { key?: unknown }).key)) ?? 'tally' } : raw),
  z.discriminatedUnion('kind', [conflictOf('tally', TallySchema), conflictOf('objection', ObjectionSchema), conflictOf('finalisation', FinalisationRecordSchema)]),
);
