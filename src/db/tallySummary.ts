import { z } from 'zod';
import { checkTally, isWarningAccepted } from '../domain/checks/index.ts';
import type { ContestSetup, Setup } from '../domain/setup/schema.ts';
import { TALLY_STATUSES, TallyStatusSchema, type TallyStatus } from '../domain/tally/tally.ts';
import { parseTallyRow } from './tallyRows.ts';
import type { TallyRow } from './types.ts';
import { isVouchedFor } from './vouchedRows.ts';

/**
 * What the list screens show of one stored form (its status chip, "ada galat", "ada peringatan"
 * and the per-desa counts), kept in the `tallySummaries` table beside its row. Reading these
 * instead of the forms is what lets the chair's list open without reading and checking 7,955 full
 * forms. Written in the same transaction as every write of the row (tallySummaryMiddleware.ts).
 */
export interface TallySummaryRow {
  /** The tally row's key (`<tps>:<contest>`). */
  key: string;
  tps: string;
  desa: string;
  contest: string;
  status: TallyStatus;
  /** Error findings of the form's own checks (checkTally, with its contest setup). */
  errors: number;
  /** Warning findings not (yet) accepted with a reason. */
  warnings: number;
  /** The row's revision this summary was made from. */
  revision: number;
  /** The stored row fails the row schema: the lists count it as damaged and show the form as empty. */
  corrupt: boolean;
}

/** Rows read back from IndexedDB are checked like every other stored row (rowSchemas.ts). */
export const TallySummaryRowSchema = z.object({
  key: z.string(),
  tps: z.string(),
  desa: z.string(),
  contest: z.string(),
  status: TallyStatusSchema,
  errors: z.number().int().min(0),
  warnings: z.number().int().min(0),
  revision: z.number().int(),
  corrupt: z.boolean(),
});

const STATUSES: ReadonlySet<unknown> = new Set(TALLY_STATUSES);
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * TallySummaryRowSchema as plain checks, for the lists that read thousands of summaries at a time:
 * true only for rows the schema accepts as they are (a test holds the two together). A row it
 * refuses still goes through the schema, which decides.
 */
export function isTallySummaryRow(raw: unknown): raw is TallySummaryRow {
  if (typeof raw !== 'object' || raw === null) return false;
  const r = raw as Record<keyof TallySummaryRow, unknown>;
  return (
    typeof r.key === 'string' &&
    typeof r.tps === 'string' &&
    typeof r.desa === 'string' &&
    typeof r.contest === 'string' &&
    STATUSES.has(r.status) &&
    isCount(r.errors) &&
    isCount(r.warnings) &&
    Number.isSafeInteger(r.revision) &&
    typeof r.corrupt === 'boolean'
  );
}

type Assert<T extends true> = T;
export type _SummaryRowAgrees = Assert<z.infer<typeof TallySummaryRowSchema> extends TallySummaryRow ? true : false>;

/** The summary of a valid row; `contest` is its contest's setup (undefined: checks without one). */
export function summaryOfRow(row: TallyRow, contest: ContestSetup | undefined): TallySummaryRow {
  let errors = 0;
  let warnings = 0;
  // An empty form has nothing to check (the chip says "kosong", not "ada galat").
  if (row.tally.status !== 'empty') {
    for (const finding of checkTally(row.tally, contest)) {
      if (finding.severity === 'error') errors += 1;
      else if (!isWarningAccepted(finding, row.tally)) warnings += 1;
    }
  }
  return { key: row.key, tps: row.tps, desa: row.desa, contest: row.contest, status: row.tally.status, errors, warnings, revision: row.revision, corrupt: false };
}

/**
 * The summary of a stored row that fails the schema, placed by its key as far as the key allows
 * (null when the key is not a string: no list could show such a row).
 */
export function corruptSummary(raw: unknown): TallySummaryRow | null {
  const r = raw && typeof raw === 'object' ? (raw as { key?: unknown; revision?: unknown }) : {};
  if (typeof r.key !== 'string') return null;
  const [tps = '', contest = ''] = r.key.split(':');
  return {
    key: r.key,
    tps,
    desa: tps.slice(0, 10),
    contest,
    status: 'empty',
    errors: 0,
    warnings: 0,
    revision: typeof r.revision === 'number' && Number.isInteger(r.revision) ? r.revision : 0,
    corrupt: true,
  };
}

/** A contest's setup by id; undefined when the setup does not have it (or there is no setup). */
export type ContestLookup = (contest: string) => ContestSetup | undefined;

export const contestLookup = (setup: Setup | null): ContestLookup => {
  const byId = new Map<string, ContestSetup>(setup?.contests.map((c) => [c.id, c]) ?? []);
  return (contest) => byId.get(contest);
};

/**
 * The summary of a row as stored (or about to be): checked against the row schema first, unless a
 * writer vouched for it (vouchedRows.ts). null only for a row no list could place (see corruptSummary).
 */
export function summaryOfStored(raw: unknown, contestOf: ContestLookup): TallySummaryRow | null {
  if (isVouchedFor(raw)) {
    const row = raw as TallyRow;
    return summaryOfRow(row, contestOf(row.contest));
  }
  const parsed = parseTallyRow(raw);
  return parsed.ok ? summaryOfRow(parsed.value, contestOf(parsed.value.contest)) : corruptSummary(raw);
}
