import { useLiveQuery } from 'dexie-react-hooks';
import type { Setup } from '../../domain/setup/index.ts';
import { getSettings, listTallies, loadSetup, type DbError, type Settings, type TallyList } from '../../db/index.ts';
import { useAppDb } from './db.ts';

export type SetupState =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'ready'; setup: Setup }
  | { state: 'corrupt'; error: DbError };

/** The stored setup, live: the first-run screen gives way to the work screen once it is saved. */
export function useSetupState(): SetupState {
  const db = useAppDb();
  const result = useLiveQuery(() => loadSetup(db), [db]);
  if (result === undefined) return { state: 'loading' };
  if (!result.ok) return { state: 'corrupt', error: result.error };
  return result.value ? { state: 'ready', setup: result.value } : { state: 'none' };
}

/** Device settings, live (undefined while loading). */
export function useSettings(): Settings | undefined {
  const db = useAppDb();
  return useLiveQuery(() => getSettings(db), [db]);
}

/** Every stored tally row, live (undefined while loading). */
export function useTallyList(): TallyList | undefined {
  const db = useAppDb();
  return useLiveQuery(() => listTallies(db), [db]);
}
