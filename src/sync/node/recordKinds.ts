import type { z } from 'zod';
import { kindOfKey, type SyncRecord } from '../../api/index.ts';
import type { KeyedRecord } from '../../db/index.ts';
import { FinalisationRecordSchema } from '../../domain/finalisation/record.ts';
import { ObjectionSchema } from '../../domain/objections/schema.ts';
import { FormPhotosSchema } from '../../domain/photos/photo.ts';
import { TallySchema } from '../../domain/tally/tally.ts';

/** The schema of the record a state file holds under a key (a key alone says its kind). */
export function recordSchemaOf(key: string): z.ZodType<SyncRecord> {
  switch (kindOfKey(key)) {
    case 'objection':
      return ObjectionSchema;
    case 'finalisation':
      return FinalisationRecordSchema;
    case 'photos':
      return FormPhotosSchema;
    default:
      return TallySchema;
  }
}

export function keyedOf(key: string, record: SyncRecord): KeyedRecord {
  return { kind: kindOfKey(key) ?? 'tally', key, record } as KeyedRecord;
}
