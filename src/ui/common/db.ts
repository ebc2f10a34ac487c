import { useSyncExternalStore } from 'react';
import { openRekapDb, type RekapDb } from '../../db/index.ts';

/**
 * The app's one local database. Screens reach it through `useAppDb()` (or `appDb()` outside React);
 * tests swap in a fresh database per test with `setAppDb(openRekapDb('test-…'))`.
 */
let current: RekapDb | null = null;
const listeners = new Set<() => void>();

export function appDb(): RekapDb {
  current ??= openRekapDb();
  return current;
}

export function setAppDb(db: RekapDb): void {
  current = db;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAppDb(): RekapDb {
  return useSyncExternalStore(subscribe, appDb, appDb);
}
