import { z } from 'zod';
import { FinalisationRecordSchema, finalisationKey, type FinalisationRecord } from '../domain/finalisation/record.ts';
import { ObjectionSchema, type Objection } from '../domain/objections/schema.ts';
import { FormPhotosSchema, type FormPhotos } from '../domain/photos/photo.ts';
import { CONTEST_IDS } from '../domain/tally/contest.ts';
import { TallySchema, tallyKey, type Tally } from '../domain/tally/tally.ts';

/**
 * The record kinds of the plenary that sync (docs/sync.md): C.Hasil forms, objections and special
 * events, desa/kecamatan finalisations, the photos of a form (issue 17: their metadata; the bytes
 * travel as blobs). Each kind has its own key shape, so a key alone names its kind:
 * `<tps>:<contest>`, `objection:<id>`, `<desa or kecamatan>:<contest>`, `photos:<tps>:<contest>`.
 */
export const RECORD_KINDS = ['tally', 'objection', 'finalisation', 'photos'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

const CONTESTS = CONTEST_IDS.join('|');
export const TallyKeySchema = z.string().regex(new RegExp(`^\\d{13}:(${CONTESTS})$`), 'record key <tps>:<contest>');
export const ObjectionKeySchema = z.string().regex(/^objection:[A-Za-z0-9_-]{1,64}$/, 'record key objection:<id>');
export const FinalisationKeySchema = z.string().regex(new RegExp(`^(\\d{6}|\\d{10}):(${CONTESTS})$`), 'record key <desa|kecamatan>:<contest>');
export const PhotosKeySchema = z.string().regex(new RegExp(`^photos:\\d{13}:(${CONTESTS})$`), 'record key photos:<tps>:<contest>');
export const RecordKeySchema = z.union([TallyKeySchema, ObjectionKeySchema, FinalisationKeySchema, PhotosKeySchema]);

export function kindOfKey(key: string): RecordKind | null {
  if (TallyKeySchema.safeParse(key).success) return 'tally';
  if (ObjectionKeySchema.safeParse(key).success) return 'objection';
  if (FinalisationKeySchema.safeParse(key).success) return 'finalisation';
  if (PhotosKeySchema.safeParse(key).success) return 'photos';
  return null;
}

export const objectionKey = (id: string): string => `objection:${id}`;
/** The sync key of a form's photos record (the form's key is `<tps>:<contest>`). */
export const photosKey = (formKey: string): string => `photos:${formKey}`;

/** A record with its kind: what ops, server copies and conflicts carry. */
export type KindedRecord =
  | { kind: 'tally'; record: Tally }
  | { kind: 'objection'; record: Objection }
  | { kind: 'finalisation'; record: FinalisationRecord }
  | { kind: 'photos'; record: FormPhotos };
export type SyncRecord = KindedRecord['record'];

/** The key a record must be stored under (the server refuses an op whose key differs). */
export function recordKeyOf(r: KindedRecord): string {
  switch (r.kind) {
    case 'tally':
      return tallyKey(r.record);
    case 'objection':
      return objectionKey(r.record.id);
    case 'finalisation':
      return finalisationKey(r.record.desa, r.record.contest);
    case 'photos':
      return photosKey(`${r.record.tps}:${r.record.contest}`);
  }
}

/**
 * One schema per kind around common fields, as a union discriminated by `kind`. Rows stored before
 * records had kinds (outbox, conflicts, refusals on devices; tallies only) get theirs from the key.
 */
export function kinded<S extends z.ZodRawShape>(shape: S) {
  const union = z.discriminatedUnion('kind', [
    z.object({ ...shape, kind: z.literal('tally'), key: TallyKeySchema, record: TallySchema }),
    z.object({ ...shape, kind: z.literal('objection'), key: ObjectionKeySchema, record: ObjectionSchema }),
    z.object({ ...shape, kind: z.literal('finalisation'), key: FinalisationKeySchema, record: FinalisationRecordSchema }),
    z.object({ ...shape, kind: z.literal('photos'), key: PhotosKeySchema, record: FormPhotosSchema }),
  ]);
  return z.preprocess((raw) => {
    if (raw === null || typeof raw !== 'object' || 'kind' in raw) return raw;
    const key = (raw as { key?: unknown }).key;
    return typeof key === 'string' ? { ...raw, kind: kindOfKey(key) ?? 'tally' } : raw;
  }, union);
}
