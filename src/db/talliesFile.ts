import { z } from 'zod';
import { desaOfTps } from '../domain/codes/codes.ts';
import { err, ok, type Result } from '../domain/common/result.ts';
import type { LocalizedText } from '../domain/common/text.ts';
import { ObjectionSchema, type Objection } from '../domain/objections/schema.ts';
import { checkTallyChange, recordLabel, refusalText, tallyFacts } from '../domain/workflow/index.ts';
import { deviceActor } from './deviceActor.ts';
import { figurePaths, getFigure } from '../domain/tally/fields.ts';
import { TALLIES_FORMAT, TalliesFileSchema, tallyKey, type Tally, type TalliesFile, type TallyKey } from '../domain/tally/tally.ts';
import { AUDIT_TABLES, appendAuditMany, changeMaps, type AuditWrite } from './audit.ts';
import { nowIso } from './clock.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';
import { toInputIssues } from './issues.ts';
import { appendOutboxMany, OUTBOX_TABLES } from './outbox.ts';
import { loadSetup, requireSetupRow } from './setupStore.ts';
import { stableStringify } from './stable.ts';
import { abortWith, runWrite } from './storage.ts';
import { contestFor, newRow, nextRow, parseTallyRow, sameCells } from './tallyRows.ts';
import type { Change, Revision, TallyRow } from './types.ts';
import { vouchForAll } from './vouchedRows.ts';

/** A `rekap.tallies/v1` file of every stored (readable) tally, in key order. */
export async function exportTallies(db: RekapDb): Promise<Result<TalliesFile, DbError>> {
  const setup = await loadSetup(db);
  if (!setup.ok) return setup;
  if (!setup.value) return err(dbError.noSetup());
  const raws = await db.tallies.toArray();
  const tallies: Tally[] = [];
  for (const raw of raws) {
    const row = parseTallyRow(raw);
    if (row.ok) tallies.push(row.value.tally);
  }
  tallies.sort((a, b) => (tallyKey(a) < tallyKey(b) ? -1 : 1));
  return ok({ format: TALLIES_FORMAT, kecamatan: setup.value.kecamatan.code, tallies });
}

export type TallyImportOutcome =
  | { key: TallyKey; outcome: 'imported' }
  | { key: TallyKey; outcome: 'unchanged' }
  | { key: TallyKey; outcome: 'conflict-not-overwritten' }
  | { key: TallyKey; outcome: 'unknown-tally' }
  /** The workflow does not let this device put the form in the file's state (e.g. final on a clerk's device). */
  | { key: TallyKey; outcome: 'refused'; message: LocalizedText };

export interface TallyImportReport {
  imported: number;
  unchanged: number;
  conflicts: number;
  unknown: number;
  refused: number;
  outcomes: TallyImportOutcome[];
}

/** The audit reason of a tally taken from a file (the file is not signed: say where it came from). */
export const TALLIES_IMPORT_REASON = `Impor berkas ${TALLIES_FORMAT} / imported from a ${TALLIES_FORMAT} file`;

const isBlank = (t: Tally) => figurePaths(t).every((p) => getFigure(t, p) === null);

/** Every difference between two tallies of the same form, as history changes. */
function diff(before: Tally, after: Tally): Change[] {
  const changes: Change[] = [];
  for (const path of figurePaths(after)) {
    const a = getFigure(before, path) ?? null;
    const b = getFigure(after, path) ?? null;
    if (a !== b) changes.push({ path, before: a, after: b });
  }
  for (const path of ['enteredBy', 'verifiedBy', 'acceptedWarnings'] as const) {
    const a = before[path] ?? null;
    const b = after[path] ?? null;
    if (stableStringify(a) !== stableStringify(b)) changes.push({ path, before: a, after: b });
  }
  return changes;
}

/**
 * Imports a validated tallies file in one transaction. A tally replaces the local one only when
 * that is absent or still blank; anything else is reported as a conflict and left untouched
 * (never silently change data). Each import is kept as an 'import' revision.
 */
export async function importTallies(db: RekapDb, input: unknown, actor: string): Promise<Result<TallyImportReport, DbError>> {
  if (!actor.trim()) return err(dbError.actorRequired());
  const parsed = TalliesFileSchema.safeParse(input);
  if (!parsed.success) return err(dbError.invalidFile(toInputIssues(parsed.error, { root: input })));
  const file = parsed.data;
  const seen = new Map<string, number>();
  const duplicates = file.tallies.flatMap((t, i) => {
    const key = tallyKey(t);
    const first = seen.get(key);
    seen.set(key, i);
    return first === undefined ? [] : [{ path: `tallies[${i}]`, message: { id: `Duplikat ${key} (juga di tallies[${first}])`, en: `Duplicate ${key} (also at tallies[${first}])` } }];
  });
  if (duplicates.length > 0) return err(dbError.invalidFile(duplicates));

  return runWrite(db, ['setup', 'tallies', 'revisions', 'objections', 'finalisations', ...OUTBOX_TABLES, ...AUDIT_TABLES], async () => {
    const setupRow = await requireSetupRow(db);
    if (!setupRow.ok) return abortWith(setupRow.error);
    const setup = setupRow.value.setup;
    if (file.kecamatan !== setup.kecamatan.code) {
      return abortWith(
        dbError.invalidFile([{ path: 'kecamatan', message: { id: `Berkas untuk kecamatan ${file.kecamatan}, bukan ${setup.kecamatan.code}`, en: `File is for kecamatan ${file.kecamatan}, not ${setup.kecamatan.code}` } }]),
      );
    }
    const report: TallyImportReport = { imported: 0, unchanged: 0, conflicts: 0, unknown: 0, refused: 0, outcomes: [] };
    const actorNow = await deviceActor(db);
    const objections = await objectionsOf(db);
    const finalDesa = await finalDesaContests(db);
    const at = nowIso();
    // One read and one write per table for the whole file: a kecamatan is ~8,000 tallies.
    const raws = await db.tallies.bulkGet(file.tallies.map((t) => tallyKey(t)));
    const rows: TallyRow[] = [];
    const revisions: Revision[] = [];
    const audit: AuditWrite[] = [];
    file.tallies.forEach((incoming, i) => {
      const key = tallyKey(incoming);
      const outcome = (o: Exclude<TallyImportOutcome['outcome'], 'refused'>) => {
        report.outcomes.push({ key, outcome: o } as TallyImportOutcome);
        if (o === 'imported') report.imported++;
        else if (o === 'unchanged') report.unchanged++;
        else if (o === 'conflict-not-overwritten') report.conflicts++;
        else report.unknown++;
      };
      const contest = contestFor(setup, incoming.tps, incoming.contest);
      if (!contest.ok) return outcome('unknown-tally');
      const raw = raws[i];
      const stored = raw === undefined ? null : parseTallyRow(raw);
      // A damaged local row is never replaced silently either: it is someone's data.
      const local = stored === null ? null : stored.ok ? stored.value : undefined;
      const base = local ?? newRow(incoming.tps, contest.value, actor, at);
      if (!sameCells(incoming, base.tally)) return outcome('unknown-tally');
      const changes = diff(base.tally, incoming);
      if (changes.length === 0 && incoming.status === base.tally.status) return outcome('unchanged');
      const replaceable = local !== undefined && (local === null || isBlank(local.tally));
      if (!replaceable) return outcome('conflict-not-overwritten');
      // The file may carry any status: the workflow decides whether this device may set it.
      const verdict = checkTallyChange({
        before: local?.tally ?? null,
        after: incoming,
        actor: actorNow,
        facts: tallyFacts(incoming, contest.value, objections),
        reason: TALLIES_IMPORT_REASON,
        desaFinal: finalDesa.has(`${desaOfTps(incoming.tps)}:${incoming.contest}`),
      });
      if (!verdict.ok) {
        report.refused++;
        report.outcomes.push({ key, outcome: 'refused', message: refusalText(verdict.error, recordLabel(setup, key), actorNow, setup) });
        return;
      }
      const updated = nextRow(base, incoming, actor, at);
      rows.push(updated);
      revisions.push({ key, revision: updated.revision, at, by: actor, kind: 'import', changes, statusBefore: base.status, statusAfter: incoming.status, reason: null });
      audit.push({
        at,
        actor,
        record: { kind: 'tally', key },
        action: 'tally.changed',
        ...changeMaps(changes, { before: local ? local.status : null, after: incoming.status }),
        reason: TALLIES_IMPORT_REASON,
      });
      return outcome('imported');
    });
    // Built from a parsed local row and a parsed file tally: valid without a second parse.
    await db.tallies.bulkPut(vouchForAll(rows));
    await db.revisions.bulkAdd(revisions);
    await appendOutboxMany(db, rows, actor, null);
    await appendAuditMany(db, audit);
    return report;
  });
}

const ObjectionOfRowSchema = z.object({ objection: ObjectionSchema });
const FinalRowSchema = z.object({ key: z.string(), state: z.literal('final') });

/** Every objection stored (damaged rows cover nothing), for the guards of imported verified forms. */
async function objectionsOf(db: RekapDb): Promise<Objection[]> {
  return (await db.objections.toArray()).flatMap((raw) => {
    const parsed = ObjectionOfRowSchema.safeParse(raw);
    return parsed.success ? [parsed.data.objection] : [];
  });
}

/** `<desa>:<contest>` of every finalised desa × contest. */
async function finalDesaContests(db: RekapDb): Promise<Set<string>> {
  return new Set((await db.finalisations.toArray()).flatMap((raw) => {
    const parsed = FinalRowSchema.safeParse(raw);
    return parsed.success ? [parsed.data.key] : [];
  }));
}
