import { desaOfTps, type TpsCode } from '../domain/codes/codes.ts';
import { err, ok, type Result } from '../domain/common/result.ts';
import type { ContestSetup, Setup } from '../domain/setup/schema.ts';
import type { ContestId } from '../domain/tally/contest.ts';
import { emptyTally, figurePaths, getFigure } from '../domain/tally/fields.ts';
import { tallyKey, type Tally, type TallyKey } from '../domain/tally/tally.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { asTallyRow, TallyRowSchema } from './rowSchemas.ts';
import type { CorruptRow, Revision, TallyRow } from './types.ts';

/** Internal helpers shared by the tally, workflow and import modules. */

export function splitKey(key: string): { tps: string; contest: string } {
  const [tps = '', contest = ''] = key.split(':');
  return { tps, contest };
}

/** The contest of the setup a TPS × contest belongs to, or 'unknown-tally'. */
export function contestFor(setup: Setup, tps: string, contest: string): Result<ContestSetup, DbError> {
  const key = `${tps}:${contest}`;
  const desa = setup.desa.find((d) => d.code === tps.slice(0, 10));
  const number = Number(tps.slice(10));
  if (!/^\d{13}$/.test(tps) || !desa || !desa.tps.includes(number)) return err(dbError.unknownTally(key));
  const contestSetup = setup.contests.find((c) => c.id === contest);
  return contestSetup ? ok(contestSetup) : err(dbError.unknownTally(key));
}

export function parseTallyRow(raw: unknown): Result<TallyRow, CorruptRow> {
  const parsed = TallyRowSchema.safeParse(raw);
  if (parsed.success) return ok(asTallyRow(parsed.data));
  const key = raw && typeof raw === 'object' && typeof (raw as { key?: unknown }).key === 'string' ? (raw as { key: string }).key : '?';
  return err({ table: 'tallies', key, issues: toInputIssues(parsed.error) });
}

/**
 * Live queries re-read whole lists after every keystroke; re-validating thousands of unchanged rows
 * each time would make typing slow. A row already validated is reused while its fingerprint (every
 * write changes revision or updatedAt) is the same. Rows handed out are shared: treat them as
 * read-only. (Damage made to a stored row from outside the app during a session, keeping its
 * fingerprint, is found at the next start, when the cache is empty.)
 */
const validated = new WeakMap<RekapDb, Map<string, { fingerprint: string; row: TallyRow }>>();

function fingerprint(raw: unknown): string | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Partial<Record<keyof TallyRow, unknown>> & { secondEntry?: { at?: unknown } | null };
  return `${String(r.revision)}|${String(r.updatedAt)}|${String(r.updatedBy)}|${String(r.status)}|${String(r.secondEntry?.at ?? '')}`;
}

export function forgetValidatedRows(db: RekapDb): void {
  validated.delete(db);
}

/** parseTallyRow with the per-database cache of validated rows. */
export function parseTallyRowCached(db: RekapDb, raw: unknown): Result<TallyRow, CorruptRow> {
  const key = raw && typeof raw === 'object' ? (raw as { key?: unknown }).key : undefined;
  const print = fingerprint(raw);
  let cache = validated.get(db);
  if (typeof key === 'string' && print !== null) {
    const hit = cache?.get(key);
    if (hit && hit.fingerprint === print) return ok(hit.row);
  }
  const parsed = parseTallyRow(raw);
  if (parsed.ok && print !== null) {
    if (!cache) validated.set(db, (cache = new Map()));
    cache.set(parsed.value.key, { fingerprint: print, row: parsed.value });
  } else if (typeof key === 'string') cache?.delete(key);
  return parsed;
}

/** The stored row, zod-checked: ok(null) when absent, 'corrupt' when damaged. */
export async function readTallyRow(db: RekapDb, key: TallyKey | string): Promise<Result<TallyRow | null, DbError>> {
  const raw = await db.tallies.get(key as TallyKey);
  if (raw === undefined) return ok(null);
  const parsed = parseTallyRowCached(db, raw);
  return parsed.ok ? parsed : err(dbError.corrupt(key, parsed.error.issues));
}

/** A row that exists only in memory until its first change is written. */
export function newRow(tps: TpsCode, contest: ContestSetup, actor: string, at: string): TallyRow {
  const tally = emptyTally(tps, contest);
  return {
    key: tallyKey(tally),
    tps,
    desa: desaOfTps(tps),
    contest: contest.id as ContestId,
    status: tally.status,
    tally,
    revision: 0,
    updatedAt: at,
    updatedBy: actor,
    secondEntry: null,
  };
}

/** The row after a change: copies kept for indexes follow the tally; revision increases. */
export function nextRow(row: TallyRow, tally: Tally, actor: string, at: string, extra: Partial<TallyRow> = {}): TallyRow {
  return { ...row, ...extra, tally, status: tally.status, revision: row.revision + 1, updatedAt: at, updatedBy: actor };
}

export function missingPaths(tally: Tally) {
  return figurePaths(tally).filter((p) => getFigure(tally, p) === null);
}

/** Every figure of a tally, the same cells (in the same structure) as the setup's form. */
export function sameCells(a: Tally, b: Tally): boolean {
  const pa = figurePaths(a);
  const pb = figurePaths(b);
  return pa.length === pb.length && pa.every((p, i) => p === pb[i]);
}

export async function lastRevisionOf(db: RekapDb, key: string): Promise<Revision | undefined> {
  return db.revisions.where('key').equals(key).last();
}

export const normaliseActor = (actor: string): string => actor.trim().toLocaleLowerCase('id');
