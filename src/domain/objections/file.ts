import { z } from 'zod';
import { KecamatanCodeSchema } from '../codes/codes.ts';
import { ContestIdSchema } from '../tally/contest.ts';
import { RoleSchema } from '../workflow/roles.ts';
import { DECISION_OUTCOMES, type Objection } from './schema.ts';

/**
 * `rekap.objections/v1`: the objections and special events of a kecamatan as a file (the headless
 * client's `pull --objections-out`), one flat entry each, for witnesses' and Panwascam's own tools.
 */
export const OBJECTIONS_FORMAT = 'rekap.objections/v1';

export const ObjectionsFileEntrySchema = z.object({
  id: z.string().min(1),
  scope: z.enum(['tps', 'desa', 'kecamatan']),
  /** The TPS, desa or kecamatan code the scope names. */
  code: z.string().regex(/^(\d{6}|\d{10}|\d{13})$/),
  contest: ContestIdSchema.nullable(),
  kind: z.enum(['objection', 'event']),
  text: z.string().min(1),
  /** Who filed it: the operator's name and the role of the device (null for one recorded before devices enrolled). */
  filedBy: z.object({ name: z.string(), role: RoleSchema.nullable() }),
  status: z.enum(['pending', 'decided']),
  decision: z.object({ outcome: z.enum(DECISION_OUTCOMES), note: z.string(), by: z.string(), at: z.string() }).nullable(),
});
export type ObjectionsFileEntry = z.infer<typeof ObjectionsFileEntrySchema>;

export const ObjectionsFileSchema = z.object({
  format: z.literal(OBJECTIONS_FORMAT),
  kecamatan: KecamatanCodeSchema,
  objections: z.array(ObjectionsFileEntrySchema),
});
export type ObjectionsFile = z.infer<typeof ObjectionsFileSchema>;

export function objectionsFileEntry(o: Objection, kecamatan: string): ObjectionsFileEntry {
  const code = o.scope.level === 'tps' ? o.scope.tps : o.scope.level === 'desa' ? o.scope.desa : kecamatan;
  return {
    id: o.id,
    scope: o.scope.level,
    code,
    contest: o.contest,
    kind: o.kind === 'special-event' ? 'event' : 'objection',
    text: o.description,
    filedBy: { name: o.filedBy?.name ?? o.recordedBy, role: o.filedBy?.role ?? null },
    status: o.decision.status === 'pending' ? 'pending' : 'decided',
    decision: o.decision.status === 'pending' ? null : { outcome: o.decision.status, note: o.decision.note, by: o.decision.by, at: o.decision.at },
  };
}

/** Oldest first (recorded time, then id), so two pulls of the same state write the same file. */
export function objectionsFile(kecamatan: string, objections: readonly Objection[]): ObjectionsFile {
  const sorted = [...objections].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
  return ObjectionsFileSchema.parse({ format: OBJECTIONS_FORMAT, kecamatan, objections: sorted.map((o) => objectionsFileEntry(o, kecamatan)) });
}
