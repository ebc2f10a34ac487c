import type { Transaction } from 'dexie';
import { rebuildTallySummaries } from './rebuildSummaries.ts';
import { SetupRowSchema } from './rowSchemas.ts';
import { SETUP_ROW_ID } from './types.ts';

/**
 * Every schema version ever shipped, oldest first. Never edit a shipped entry: add a new one with
 * an upgrade, and a test that opens a database of each earlier version (tests/db/migrations.test.ts).
 */
export const SCHEMA_V1 = {
  settings: 'key',
  setup: 'id',
  tallies: 'key, tps, contest',
  revisions: '++id, key',
  outbox: '++id',
} as const;

/**
 * v2: per-desa navigation and status chips need `desa` and `status` on the row itself (indexed,
 * plus [desa+contest] for a desa's list of one contest). Derived from the stored tally.
 */
export const SCHEMA_V2 = {
  settings: 'key',
  setup: 'id',
  tallies: 'key, tps, desa, contest, status, [desa+contest]',
  revisions: '++id, key',
  outbox: '++id',
} as const;

export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('tallies')
    .toCollection()
    .modify((row: Record<string, unknown>) => {
      // Tolerate damaged rows: they are still reported (not crashed on) by reads later.
      const key = typeof row.key === 'string' ? row.key : '';
      const tps = typeof row.tps === 'string' ? row.tps : (key.split(':')[0] ?? '');
      row.desa = tps.slice(0, 10);
      const tally = row.tally as { status?: unknown } | undefined;
      row.status = typeof tally?.status === 'string' ? tally.status : 'draft';
    });
}

/**
 * v3: the chair's view, sync and the audit trail. outbox: pending local ops (unique op id, by record
 * key so a record with pending ops is never overwritten by a pull); objections (D.Kejadian Khusus /
 * Keberatan); finalisations per desa or kecamatan × contest; sync: this device's enrolment and
 * checkpoint (key-value); conflicts: server versions that met local changes, by record key;
 * audit: the device's hash-chained, signed change log. New tables only: nothing to convert.
 */
export const SCHEMA_V3 = {
  settings: 'key',
  setup: 'id',
  tallies: 'key, tps, desa, contest, status, [desa+contest]',
  revisions: '++id, key',
  outbox: '++id, &opId, key',
  objections: 'id, desa, tps, contest',
  finalisations: 'key, desa, contest',
  sync: 'key',
  conflicts: 'key',
  audit: '++id, key',
} as const;

/**
 * v4: cells typed but not yet committed (Enter/Tab/leaving the cell or the form): their audit
 * entry waits until the cell is committed, so the trail holds one entry per committed cell, not
 * one per keystroke (docs/integrity.md). Key `<record key>|<path>`. A new table only.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  openCells: 'id, key',
} as const;

/**
 * v5: a small summary per form (status, error and open-warning counts: what the lists' chips and
 * counts show) beside each tally row, by desa, so that list screens never read and check full
 * forms (src/db/tallySummary.ts). Kept by every write (tallySummaryMiddleware.ts); computed here
 * for the rows already stored.
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  tallySummaries: 'key, desa',
} as const;

/**
 * v6: the signed audit entries of the devices whose backups this device restored (issue 15), by
 * `<device>#<seq>` and by form, and each of those devices' key and attestation: a restored form
 * shows its original history, and the next backup carries those chains on (src/db/restoredHistory.ts).
 * New tables only.
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  backupAudit: 'id, key',
  backupSigners: 'keyHash',
} as const;

/**
 * v7: photos of the C.Hasil (issue 17), src/db/photos.ts: `photos` one metadata row per photo, keyed
 * by the SHA-256 of its bytes, by form (`<tps>:<contest>`); `photoData` the bytes by the same hash
 * (apart, so that listing a form's pages reads no image). New tables only.
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  photos: 'sha256, key',
  photoData: 'sha256',
} as const;

export async function upgradeToV5(tx: Transaction): Promise<void> {
  // The stored setup is checked like any read: a damaged one gives summaries without contest
  // checks, and saving a good setup later recomputes them.
  const setup = SetupRowSchema.safeParse(await tx.table('setup').get(SETUP_ROW_ID));
  await rebuildTallySummaries(tx.table('tallies'), tx.table('tallySummaries'), setup.success ? setup.data.setup : null);
}
