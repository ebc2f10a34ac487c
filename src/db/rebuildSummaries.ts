import type { Table } from 'dexie';
import type { Setup } from '../domain/setup/schema.ts';
import { contestLookup, summaryOfStored, type TallySummaryRow } from './tallySummary.ts';

/**
 * Recomputes every form's summary from the stored rows, inside the caller's write transaction:
 * when the summaries table is made (schema v5) and when a setup with other contests is saved (the
 * checks behind the counts depend on them). Every row goes through the row schema: this is where
 * data written before summaries existed is read.
 */
export async function rebuildTallySummaries(tallies: Table, summaries: Table, setup: Setup | null): Promise<number> {
  const contestOf = contestLookup(setup);
  const rows: TallySummaryRow[] = [];
  for (const raw of (await tallies.toArray()) as unknown[]) {
    const summary = summaryOfStored(raw, contestOf);
    if (summary) rows.push(summary);
  }
  await summaries.clear();
  await summaries.bulkPut(rows);
  return rows.length;
}
