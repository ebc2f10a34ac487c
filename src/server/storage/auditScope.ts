import type { Kysely } from 'kysely';
import { objectionKey } from '../../api/records.ts';
import type { AuditEntry } from '../../domain/audit/index.ts';
import type { ScopeMark } from '../../domain/audit/scope.ts';
import type { Database } from './schema.ts';
import { syncKeyOf } from './refusedMarks.ts';

/**
 * The mark each entry of a pushed segment is stored with (audit_chain.refused): null when it is a
 * change the server saw, else why it is none — the workflow refused the device's latest op on the
 * record (its code, issue 11), the device never pushed an op on it (`no-op`), or a witness or
 * Panwascam device wrote about something other than an objection it filed (`out-of-scope`).
 * Issue 14: an entry about a record must correspond to an op of the same device, or to a refused
 * one, marked so. Runs inside the append's transaction, under the kecamatan's lock, so a mark and
 * the decisions it reflects never disagree; a device's own later applied op clears it
 * (refusedMarks.ts clearRefused), which covers a segment that arrived before its op.
 */

type Db = Kysely<Database>;

/** Rows per statement: far below both engines' bound-parameter limits. */
const CHUNK = 500;

/** The server's decisions on an op (src/server/storage/applyBatch.ts); the latest per record counts. */
const DECISIONS = ['applied', 'conflict', 'refused', 'locked'] as const;

/** Roles that write no figures: their entries may only be about objections they filed. */
const OBJECTION_ONLY = new Set(['witness', 'panwas']);

/**
 * A person giving up their change for the server's (`*.resolved`) changed nothing by itself: it
 * needs no op of its own (taking the server's version sends none), and is never marked refused.
 */
const isResolution = (entry: AuditEntry): boolean => entry.action.endsWith('.resolved');

export interface ScopeInput {
  /** Every device id enrolled with the chain's key (a device enrolled again keeps its chain). */
  deviceIds: readonly string[];
  /** The role the server gave the pushing device. */
  role: string;
  entries: readonly AuditEntry[];
}

export async function scopeMarks(db: Db, kecamatan: string, input: ScopeInput): Promise<(string | null)[]> {
  const { deviceIds, role, entries } = input;
  const keys = [...new Set(entries.map((e) => syncKeyOf(e.record)))];
  const latest = await latestDecisions(db, kecamatan, deviceIds, keys);
  const filed = OBJECTION_ONLY.has(role) ? await filedObjections(db, kecamatan, deviceIds, keys) : null;
  return entries.map((entry) => {
    const key = syncKeyOf(entry.record);
    if (filed && (entry.record.kind !== 'objection' || !filed.has(key))) return 'out-of-scope' satisfies ScopeMark;
    if (isResolution(entry)) return null;
    const decision = latest.get(key);
    if (!decision) return 'no-op' satisfies ScopeMark;
    return decision.refused;
  });
}

interface Decision {
  /** The refusal code when the latest decision refused or locked the op; null when it was taken. */
  refused: string | null;
}

async function latestDecisions(db: Db, kecamatan: string, deviceIds: readonly string[], keys: readonly string[]): Promise<Map<string, Decision>> {
  const out = new Map<string, Decision>();
  if (deviceIds.length === 0) return out;
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('audit as a')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('audit')
            .select((s) => ['key', s.fn.max('id').as('id')])
            .where('kecamatan', '=', kecamatan)
            .where('device_id', 'in', deviceIds)
            .where('key', 'in', part)
            .where('action', 'in', DECISIONS)
            .groupBy('key')
            .as('latest'),
        (join) => join.onRef('latest.key', '=', 'a.key').onRef('latest.id', '=', 'a.id'),
      )
      .select(['a.key', 'a.action', 'a.detail'])
      .where('a.kecamatan', '=', kecamatan)
      .execute();
    for (const row of rows) {
      if (row.key === null) continue;
      const refused = row.action === 'refused' || row.action === 'locked' ? (codeOf(row.detail) ?? (row.action === 'locked' ? 'locked' : 'refused')) : null;
      out.set(row.key, { refused });
    }
  }
  return out;
}

/** The objections (by sync key) whose first version one of these devices wrote. */
async function filedObjections(db: Db, kecamatan: string, deviceIds: readonly string[], keys: readonly string[]): Promise<Set<string>> {
  const wanted = keys.filter((k) => k.startsWith(objectionKey('')));
  const out = new Set<string>();
  if (deviceIds.length === 0) return out;
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const rows = await db
      .selectFrom('changes')
      .select('key')
      .where('kecamatan', '=', kecamatan)
      .where('version', '=', 1)
      .where('device_id', 'in', deviceIds)
      .where('key', 'in', wanted.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) out.add(row.key);
  }
  return out;
}

function codeOf(detail: string | null): string | null {
  if (detail === null) return null;
  try {
    const parsed: unknown = JSON.parse(detail);
    const code = parsed && typeof parsed === 'object' && 'code' in parsed ? parsed.code : null;
    return typeof code === 'string' && code !== '' ? code : null;
  } catch {
    return null;
  }
}
