import { useLiveQuery } from 'dexie-react-hooks';
import type { DesaCode } from '../../domain/codes/codes.ts';
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

/**
 * Stored tally rows, live (undefined while loading): every row, or only those of the given desa —
 * a list screen reads what it shows, not all 8,000 forms of a large kecamatan.
 */
export function useTallyList(desa?: readonly DesaCode[]): TallyList | undefined {
  const db = useAppDb();
  const scope = desa === undefined ? null : desa.join(',');
  const result = useLiveQuery(async () => {
    if (scope === null) return { scope, list: await listTallies(db) };
    const lists = await Promise.all(scope.split(',').filter(Boolean).map((code) => listTallies(db, { desa: code as DesaCode })));
    return { scope, list: { rows: lists.flatMap((l) => l.rows), corrupt: lists.flatMap((l) => l.corrupt) } };
  }, [db, scope]);
  // While another scope's rows are still shown, say "loading" rather than show them as this one's.
  return result?.scope === scope ? result.list : undefined;
}
