import { useLiveQuery } from 'dexie-react-hooks';
import { conflictBase, DexieSyncStore, type ConflictBase } from '../../sync/index.ts';
import { useAppDb } from '../common/db.ts';

/** What both sides of a record's conflict started from (src/sync/base.ts); undefined while loading. */
export function useConflictBase(key: string): ConflictBase | undefined {
  const db = useAppDb();
  return useLiveQuery(async () => {
    const store = new DexieSyncStore(db);
    const [version, stored] = await Promise.all([store.serverVersion(key), store.baseOf(key)]);
    return conflictBase(version, stored);
  }, [db, key]);
}
