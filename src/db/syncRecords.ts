import { kindOfKey } from '../api/records.ts';
import { FinalisationRecordSchema, finalisationKey, type FinalisationRecord } from '../domain/finalisation/record.ts';
import type { Objection } from '../domain/objections/index.ts';
import type { TallyKey } from '../domain/tally/tally.ts';
import type { RekapDb } from './database.ts';
import { finalisationRecordOf, FinalisationRowSchema } from './finalisation.ts';
import { objectionRecordOf, objectionRow, ObjectionRowSchema } from './objections.ts';
import { appendRecordOutboxBase0, knownVersion, parseOps } from './outbox.ts';
import { formPhotosRecord } from './photoRecords.ts';
import { readTallyRow } from './tallyRows.ts';
import type { KeyedRecord } from './types.ts';
import type { FinalisationRow, ObjectionEvent } from './v3Types.ts';

/**
 * Objections and finalisations as records that sync (docs/sync.md): the row each is stored in on
 * this device and the record it carries on the wire. Forms keep their own rows (src/db/tallies.ts).
 */


/** The local record under a sync key, of whatever kind the key names; null when none is stored (or it does not read back). */
export async function readKeyedRecord(db: RekapDb, key: string): Promise<KeyedRecord | null> {
  switch (kindOfKey(key)) {
    case 'tally': {
      const row = await readTallyRow(db, key);
      return row.ok && row.value ? { kind: 'tally', key: key as TallyKey, record: row.value.tally } : null;
    }
    case 'objection': {
      const parsed = ObjectionRowSchema.safeParse(await db.objections.get(key.slice('objection:'.length)));
      return parsed.success ? objectionRecordOf(parsed.data) : null;
    }
    case 'finalisation': {
      const parsed = FinalisationRowSchema.safeParse(await db.finalisations.get(key));
      return parsed.success ? finalisationRecordOf(parsed.data) : null;
    }
    case 'photos':
      return formPhotosRecord(db, key);
    case null:
      return null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Stores an objection that came from the server (or a person's resolution) as this device's row;
 * the row's history gains the events the record shows (decided, linked), attributed as recorded.
 */
export async function putObjectionRecord(db: RekapDb, objection: Objection, at: string, by: string): Promise<void> {
  const parsed = ObjectionRowSchema.safeParse(await db.objections.get(objection.id));
  const before = parsed.success ? parsed.data : null;
  if (before && same(before.objection, objection)) return;
  const history: ObjectionEvent[] = before ? [...before.history] : [{ action: 'recorded', at: objection.recordedAt, by: objection.recordedBy }];
  const prior = before?.objection;
  if (!same(prior?.decision ?? { status: 'pending' }, objection.decision)) {
    const decidedAt = objection.decision.status === 'pending' ? at : objection.decision.at;
    const decidedBy = objection.decision.status === 'pending' ? by : objection.decision.by;
    history.push({ action: 'decided', at: decidedAt, by: decidedBy, before: prior?.decision ?? { status: 'pending' }, after: objection.decision });
  }
  if (!same(prior?.corrections ?? [], objection.corrections)) history.push({ action: 'linked', at, by, before: prior?.corrections ?? [], after: objection.corrections });
  const row = objectionRow(objection, (before?.revision ?? 0) + 1, at, by, history);
  await db.objections.put(row);
}

/** Stores a finalisation record as this device's row (its history is the record's own). */
export async function putFinalisationRecord(db: RekapDb, record: FinalisationRecord): Promise<void> {
  const clean = FinalisationRecordSchema.parse(record);
  const key = finalisationKey(clean.desa, clean.contest);
  const parsed = FinalisationRowSchema.safeParse(await db.finalisations.get(key));
  const before = parsed.success ? parsed.data : null;
  if (before && same(finalisationRecordOf(before).record, clean)) return;
  const last = clean.history.at(-1)!;
  const row = { key, ...clean, revision: (before?.revision ?? 0) + 1, updatedAt: last.at, updatedBy: last.by } as FinalisationRow;
  await db.finalisations.put(row);
}

/** Every objection and finalisation stored on this device, as records. */
export async function listPlenaryRecords(db: RekapDb): Promise<KeyedRecord[]> {
  const out: KeyedRecord[] = [];
  for (const raw of await db.objections.toArray()) {
    const parsed = ObjectionRowSchema.safeParse(raw);
    if (parsed.success) out.push(objectionRecordOf(parsed.data));
  }
  for (const raw of await db.finalisations.toArray()) {
    const parsed = FinalisationRowSchema.safeParse(raw);
    if (parsed.success) out.push(finalisationRecordOf(parsed.data));
  }
  return out;
}

/**
 * Queues (base 0) every objection and finalisation this device holds that has neither an op nor a
 * known server version — recorded before enrolment, or restored from a backup — as
 * enqueueUnsynced does for forms. Inside the caller's transaction (objections, finalisations,
 * OUTBOX_TABLES).
 */
export async function enqueueUnsyncedPlenary(db: RekapDb, actor: string): Promise<number> {
  const queued = new Set(parseOps(await db.outbox.toArray()).map((op) => op.key));
  let count = 0;
  for (const keyed of await listPlenaryRecords(db)) {
    if (queued.has(keyed.key) || (await knownVersion(db, keyed.key)) > 0) continue;
    await appendRecordOutboxBase0(db, keyed, actor);
    count++;
  }
  return count;
}
