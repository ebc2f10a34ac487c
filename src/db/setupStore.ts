import { err, ok, type Result } from '../domain/common/result.ts';
import { SetupSchema, type Setup } from '../domain/setup/schema.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { SetupRowSchema } from './rowSchemas.ts';
import { rebuildTallySummaries } from './rebuildSummaries.ts';
import { stableStringify } from './stable.ts';
import { abortWith, runWrite } from './storage.ts';
import { SETUP_ROW_ID, type SetupRow } from './types.ts';

/**
 * Stores the (validated) setup. Replacing it with another kecamatan's setup while tallies are
 * stored is refused ('setup-mismatch'): tallies must never end up under a foreign setup.
 */
export async function saveSetup(db: RekapDb, setup: Setup, opts: { hash?: string | null } = {}): Promise<Result<SetupRow, DbError>> {
  const parsed = SetupSchema.safeParse(setup);
  if (!parsed.success) return err(dbError.invalidFile(toInputIssues(parsed.error, { root: setup })));
  const row: SetupRow = { id: SETUP_ROW_ID, setup: parsed.data, hash: opts.hash ?? null, savedAt: nowIso() };
  return runWrite(db, ['setup', 'tallies', 'tallySummaries'], async () => {
    const existing = SetupRowSchema.safeParse(await db.setup.get(SETUP_ROW_ID));
    const previousKecamatan = existing.success ? existing.data.setup.kecamatan.code : null;
    if (previousKecamatan !== parsed.data.kecamatan.code && (await db.tallies.count()) > 0) {
      const foreign = await db.tallies.filter((t) => typeof t.tps !== 'string' || !t.tps.startsWith(parsed.data.kecamatan.code)).count();
      if (foreign > 0) abortWith(dbError.setupMismatch());
    }
    await db.setup.put(row);
    forgetParsedSetup(db);
    // The form checks behind the lists' counts read the contests (candidates, thresholds).
    const sameContests = existing.success && stableStringify(existing.data.setup.contests) === stableStringify(parsed.data.contests);
    if (!sameContests) await rebuildTallySummaries(db.tallies, db.tallySummaries, parsed.data);
    return row;
  });
}

/** The stored setup; `null` on first run; 'corrupt' when the stored row fails the schema. */
export async function loadSetup(db: RekapDb): Promise<Result<Setup | null, DbError>> {
  const raw = await db.setup.get(SETUP_ROW_ID);
  if (raw === undefined) return ok(null);
  // Checked once per save, like every other reader's (the app's start, the form, sync): a large
  // kecamatan's setup is thousands of TPS and candidates.
  const parsed = parseSetupRowCached(db, raw);
  return parsed.ok ? ok(parsed.value.setup) : parsed;
}

// Parsing the whole setup on every keystroke would be wasted work: keep the last parsed row per
// database and reuse it while the stored row is the same save (same savedAt and hash).
const parsedSetups = new WeakMap<RekapDb, SetupRow>();

export function forgetParsedSetup(db: RekapDb): void {
  parsedSetups.delete(db);
}

/** The stored setup row (with hash), or an error when absent/damaged. Used by the other modules. */
export async function requireSetupRow(db: RekapDb): Promise<Result<SetupRow, DbError>> {
  const raw = await db.setup.get(SETUP_ROW_ID);
  if (raw === undefined) return err(dbError.noSetup());
  return parseSetupRowCached(db, raw);
}

/** A setup row as read from the table, zod-checked once per save (see parsedSetups). */
export function parseSetupRowCached(db: RekapDb, raw: unknown): Result<SetupRow, DbError> {
  const r = raw as Partial<SetupRow> | null;
  const cached = parsedSetups.get(db);
  if (cached && r && cached.savedAt === r.savedAt && (cached.hash ?? null) === (r.hash ?? null)) return ok(cached);
  const parsed = SetupRowSchema.safeParse(raw);
  if (!parsed.success) return err(dbError.corrupt('setup', toInputIssues(parsed.error)));
  parsedSetups.set(db, parsed.data);
  return ok(parsed.data);
}
