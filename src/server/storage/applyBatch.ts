import type { Insertable, Transaction } from 'kysely';
import { z } from 'zod';
import { opSigningMessage, ServerRecordSchema, type OpResult, type ServerRecord } from '../../api/index.ts';
import { desaOfTps } from '../../domain/codes/codes.ts';
import { recordLabel, refusal, refusalText } from '../../domain/workflow/index.ts';
import { decide, type SeenOp } from '../push/decide.ts';
import { reasons } from '../push/reasons.ts';
import { checkOp, isDesaFinal, viewNeeds, type RecordView } from '../push/workflow.ts';
import { chainRecordOf, clearRefused, type ChainRecord } from './refusedMarks.ts';
import type { AuditTable, ChangeTable, ConflictTable, Database, OpTable, RecordTable } from './schema.ts';
import type { ApplyOpInput, AuditAction, PushBatch } from './types.ts';

const SeenStatusSchema = z.enum(['applied', 'conflict', 'locked']);

/** Rows per INSERT: far below SQLite's and PostgreSQL's bound-parameter limits at ≤ 12 columns. */
const CHUNK = 500;

/**
 * Decides and stores one push under the kecamatan's lock (the caller holds it, in `trx`), with a
 * fixed number of statements per push instead of several per op: the ops already seen and the
 * current records are read in one query each, every op is decided in order in memory (`decide`,
 * the same rules; a later op sees what an earlier one of the same push did), and the rows are
 * written in bulk. On PostgreSQL each statement is a round trip inside the lock, so this is what
 * bounds a kecamatan's throughput (docs/BENCHMARKS.md).
 */
export async function applyBatch(trx: Transaction<Database>, kecamatan: string, inputs: readonly ApplyOpInput[], batch: PushBatch | null = null): Promise<OpResult[]> {
  const counters = await trx.selectFrom('kecamatan').select(['last_seq', 'last_audit']).where('code', '=', kecamatan).executeTakeFirstOrThrow();
  let lastSeq = Number(counters.last_seq);
  let lastAudit = Number(counters.last_audit);
  const seen = await seenOps(trx, kecamatan, [...new Set(inputs.map((i) => i.op.opId))]);
  const setup = inputs[0]?.setup;
  if (!setup) return [];
  const needs = viewNeeds(inputs.map((i) => i.op), setup);
  const { current, damaged } = await currentRecords(trx, kecamatan, [...needs.keys], [...needs.patterns]);
  const view: RecordView = { get: (key) => current.get(key) ?? null, all: () => current.values() };

  const ops: OpTable[] = [];
  const conflicts: ConflictTable[] = [];
  const records = new Map<string, RecordTable>();
  const changes: ChangeTable[] = [];
  const audits: Insertable<AuditTable>[] = [];
  const results: OpResult[] = [];
  // Device × record pairs with an applied op: their earlier refused chain entries are unmarked.
  const landed = new Map<string, { deviceId: string; record: ChainRecord }>();

  for (const input of inputs) {
    const { op, device, receivedAt, actor } = input;
    const desaFinal = (op.kind === 'tally' || op.kind === 'photos') && isDesaFinal(view, desaOfTps(op.record.tps), op.record.contest);
    const label = recordLabel(setup, op.key);
    if (damaged.has(op.key)) {
      // Deciding against a copy that cannot be read could overwrite a version it does not know of.
      results.push({ opId: op.opId, status: 'rejected', code: 'stored-damaged', reason: reasons.storedDamaged(label) });
      continue;
    }
    const decision = decide(op, actor, seen.get(op.opId) ?? null, current.get(op.key) ?? null, desaFinal);
    const logOp = (status: SeenOp['status'], version: number | null, seq: number | null) => {
      ops.push({ kecamatan, op_id: op.opId, hash: op.hash, key: op.key, device_id: device.id, status, version, seq, received_at: receivedAt, batch: batch?.id ?? null, signature: batch ? null : (op.signature ?? null), message: batch || op.signature === undefined ? null : opSigningMessage(op) });
      seen.set(op.opId, { hash: op.hash, status, version, seq });
    };
    const audit = (action: AuditAction, version: number, detail: string | null) =>
      audits.push({ kecamatan, id: ++lastAudit, at: receivedAt, action, device_id: device.id, actor: op.actor, key: op.key, op_id: op.opId, version, hash: op.hash, detail });
    switch (decision.kind) {
      case 'replay-applied':
        results.push({ opId: op.opId, status: 'duplicate', version: decision.version, seq: decision.seq });
        break;
      case 'replay-conflict':
        results.push({ opId: op.opId, status: 'conflict', server: decision.server });
        break;
      case 'replay-locked':
        results.push({ opId: op.opId, status: 'locked', reason: reasons.locked(), server: decision.server });
        break;
      case 'reused-op-id':
        results.push({ opId: op.opId, status: 'rejected', code: 'reused-op-id', reason: reasons.reusedOpId() });
        break;
      case 'refused':
        audit('refused', current.get(op.key)?.version ?? 0, JSON.stringify({ code: decision.refusal.code, baseVersion: op.baseVersion }));
        results.push({ opId: op.opId, status: 'rejected', code: decision.refusal.code, reason: refusalText(decision.refusal, label, actor, setup), server: current.get(op.key) ?? null });
        break;
      case 'unknown-base':
        results.push({ opId: op.opId, status: 'rejected', code: 'unknown-base', reason: reasons.unknownBase(decision.baseVersion) });
        break;
      case 'locked': {
        logOp('locked', null, null);
        const why = refusal(desaFinal ? 'desa-final' : 'locked');
        audit('locked', decision.server.version, JSON.stringify({ code: why.code }));
        results.push({ opId: op.opId, status: 'locked', code: why.code, reason: refusalText(why, label, actor, setup), server: decision.server });
        break;
      }
      case 'conflict':
        logOp('conflict', null, null);
        conflicts.push({
          kecamatan,
          op_id: op.opId,
          key: op.key,
          base_version: op.baseVersion,
          server_version: decision.server.version,
          record: input.recordText,
          hash: op.hash,
          device_id: device.id,
          actor: op.actor,
          at: op.at,
          reason: op.reason,
          received_at: receivedAt,
        });
        audit('conflict', decision.server.version, JSON.stringify({ baseVersion: op.baseVersion }));
        results.push({ opId: op.opId, status: 'conflict', server: decision.server });
        break;
      case 'apply': {
        const verdict = checkOp(op, current.get(op.key) ?? null, actor, setup, view);
        if (!verdict.ok) {
          // Not logged as seen: the same op may pass once the hall's records allow it (a decided objection).
          audit('refused', current.get(op.key)?.version ?? 0, JSON.stringify({ code: verdict.error.code, baseVersion: op.baseVersion }));
          results.push({ opId: op.opId, status: 'rejected', code: verdict.error.code, reason: refusalText(verdict.error, label, actor, setup), server: current.get(op.key) ?? null });
          break;
        }
        const seq = ++lastSeq;
        const row: RecordTable = {
          kecamatan,
          key: op.key,
          version: decision.version,
          record: input.recordText,
          hash: op.hash,
          device_id: device.id,
          actor: op.actor,
          at: op.at,
          seq,
          updated_at: receivedAt,
        };
        // One row per key in the upsert (PostgreSQL refuses to update a row twice in one statement).
        records.set(op.key, row);
        current.set(op.key, { kind: op.kind, key: op.key, version: decision.version, record: op.record, hash: op.hash, deviceId: device.id, actor: op.actor, at: op.at } as ServerRecord);
        const { updated_at: _updated, ...change } = row;
        changes.push(change);
        logOp('applied', decision.version, seq);
        landed.set(`${device.id}\n${op.key}`, { deviceId: device.id, record: chainRecordOf(op.kind, op.key) });
        audit('applied', decision.version, JSON.stringify({ baseVersion: op.baseVersion, status: op.kind === 'tally' ? op.record.status : op.kind, reason: op.reason, findings: input.findings }));
        results.push({ opId: op.opId, status: 'applied', version: decision.version, seq });
        break;
      }
      default: {
        const never: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(never)}`);
      }
    }
  }

  // The manifest is what proves the logged ops: stored once, whatever number of pushes resend it.
  if (batch && ops.length > 0) {
    const row = { kecamatan, id: batch.id, device_id: batch.deviceId, manifest: batch.manifest, signature: batch.signature, received_at: inputs[0]!.receivedAt };
    await trx.insertInto('push_batches').values(row).onConflict((oc) => oc.columns(['kecamatan', 'id']).doNothing()).execute();
  }
  for (const part of chunks([...records.values()])) {
    await trx
      .insertInto('records')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['kecamatan', 'key']).doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          record: eb.ref('excluded.record'),
          hash: eb.ref('excluded.hash'),
          device_id: eb.ref('excluded.device_id'),
          actor: eb.ref('excluded.actor'),
          at: eb.ref('excluded.at'),
          seq: eb.ref('excluded.seq'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  for (const part of chunks(changes)) await trx.insertInto('changes').values(part).execute();
  for (const part of chunks(ops)) await trx.insertInto('ops').values(part).execute();
  for (const part of chunks(conflicts)) await trx.insertInto('conflicts').values(part).execute();
  for (const part of chunks(audits)) await trx.insertInto('audit').values(part).execute();
  await clearRefused(trx, kecamatan, [...landed.values()]);
  if (lastSeq !== Number(counters.last_seq) || lastAudit !== Number(counters.last_audit)) {
    await trx.updateTable('kecamatan').set({ last_seq: lastSeq, last_audit: lastAudit }).where('code', '=', kecamatan).execute();
  }
  return results;
}

async function seenOps(trx: Transaction<Database>, kecamatan: string, opIds: readonly string[]): Promise<Map<string, SeenOp>> {
  const out = new Map<string, SeenOp>();
  for (const part of chunks(opIds)) {
    const rows = await trx.selectFrom('ops').select(['op_id', 'hash', 'status', 'version', 'seq']).where('kecamatan', '=', kecamatan).where('op_id', 'in', part).execute();
    for (const r of rows) out.set(r.op_id, { hash: r.hash, status: SeenStatusSchema.parse(r.status), version: r.version, seq: r.seq });
  }
  return out;
}

/**
 * The records a push reads: by key, and by LIKE pattern (the kecamatan's objections, a desa's
 * forms). A stored row that no longer parses (edited in the database, or written before a rule) is
 * named in `damaged`, not read: ops on it are refused in words, and a desa holding it is not ready.
 */
async function currentRecords(trx: Transaction<Database>, kecamatan: string, keys: readonly string[], patterns: readonly string[]): Promise<{ current: Map<string, ServerRecord>; damaged: Set<string> }> {
  const out = new Map<string, ServerRecord>();
  const damaged = new Set<string>();
  const add = (row: RecordTable) => {
    const parsed = ServerRecordSchema.safeParse({ key: row.key, version: row.version, record: parseOrNull(row.record), hash: row.hash, deviceId: row.device_id, actor: row.actor, at: row.at });
    if (parsed.success) out.set(row.key, parsed.data);
    else damaged.add(row.key);
  };
  for (const part of chunks(keys)) {
    const rows = await trx.selectFrom('records').selectAll().where('kecamatan', '=', kecamatan).where('key', 'in', part).execute();
    rows.forEach(add);
  }
  for (const pattern of patterns) {
    const rows = await trx.selectFrom('records').selectAll().where('kecamatan', '=', kecamatan).where('key', 'like', pattern).execute();
    rows.forEach(add);
  }
  return { current: out, damaged };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
