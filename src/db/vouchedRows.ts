/**
 * Tally rows a writer has just built from validated parts (a restored backup, an imported file, a
 * pulled record): the summary middleware (tallySummaryMiddleware.ts) takes them as valid instead
 * of running the row schema on each a second time — for 7,955 rows that is seconds in the
 * browser's jitless zod. Held by identity only, so a row changed after it was vouched for (a new
 * object) is validated as usual.
 */
const vouched = new WeakSet<object>();

/** Marks rows as valid by construction; returns them, for `put(vouchFor(row))`. */
export function vouchFor<T extends object>(row: T): T {
  vouched.add(row);
  return row;
}

export function vouchForAll<T extends object>(rows: readonly T[]): readonly T[] {
  for (const row of rows) vouched.add(row);
  return rows;
}

export function isVouchedFor(value: unknown): boolean {
  return typeof value === 'object' && value !== null && vouched.has(value);
}
