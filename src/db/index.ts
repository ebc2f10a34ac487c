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
