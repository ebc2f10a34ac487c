import { Dexie, type EntityTable } from 'dexie';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, upgradeToV2, upgradeToV5 } from './migrations.ts';
import type { PhotoDataRow, PhotoRow } from './photoRows.ts';
import type { RestoredEntryRow, RestoredSignerRow } from './restoredHistory.ts';
import type { TallySummaryRow } from './tallySummary.ts';
import { tallySummaryMiddleware } from './tallySummaryMiddleware.ts';
import type { AuditRow, ConflictRow, FinalisationRow, ObjectionRow, OpenCellRow, SyncRow } from './v3Types.ts';
import type { OutboxRow, Revision, SettingRow, SetupRow, TallyRow } from './types.ts';

/** The current schema version; every earlier version stays declared so old databases upgrade. */
export const DB_VERSION = 7;

export class RekapDb extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  setup!: EntityTable<SetupRow, 'id'>;
  tallies!: EntityTable<TallyRow, 'key'>;
  revisions!: EntityTable<Revision, 'id'>;
  outbox!: EntityTable<OutboxRow, 'id'>;
  objections!: EntityTable<ObjectionRow, 'id'>;
  finalisations!: EntityTable<FinalisationRow, 'key'>;
  sync!: EntityTable<SyncRow, 'key'>;
  conflicts!: EntityTable<ConflictRow, 'key'>;
  audit!: EntityTable<AuditRow, 'id'>;
  openCells!: EntityTable<OpenCellRow, 'id'>;
  tallySummaries!: EntityTable<TallySummaryRow, 'key'>;
  backupAudit!: EntityTable<RestoredEntryRow, 'id'>;
  backupSigners!: EntityTable<RestoredSignerRow, 'keyHash'>;
  photos!: EntityTable<PhotoRow, 'sha256'>;
  photoData!: EntityTable<PhotoDataRow, 'sha256'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5).upgrade(upgradeToV5);
    this.version(6).stores(SCHEMA_V6);
    this.version(7).stores(SCHEMA_V7);
    this.use(tallySummaryMiddleware(this));
  }
}

/** Opens (creating or upgrading) the local database; one per browser profile, named "rekap". */
export function openRekapDb(name = 'rekap'): RekapDb {
  return new RekapDb(name);
}
