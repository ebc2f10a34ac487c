// Public API of the local database (Dexie). UI and sync import from here only.
export * from './types.ts';
export * from './errors.ts';
export { RekapDb, openRekapDb, DB_VERSION } from './database.ts';
export * from './settings.ts';
export * from './setupStore.ts';
export * from './tallies.ts';
export * from './workflow.ts';
export * from './history.ts';
export * from './storage.ts';
export * from './backup.ts';
export * from './talliesFile.ts';
export * from './outbox.ts';
export * from './objections.ts';
export * from './finalisation.ts';
export * from './audit.ts';
export type { ObjectionRow, ObjectionEvent, FinalisationRow, FinalisationEvent } from './v3Types.ts';
export type { ConflictRow, TallyConflictRow, ConflictServerSide, SyncRow, AuditRow } from './v3Types.ts';
export * from './syncRecords.ts';
