import { useLiveQuery } from 'dexie-react-hooks';
import { unexportedChanges } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';

/** Changes made since the last backup export, live. A failed count reads as 0 (never breaks a screen). */
export function useUnexportedChanges(): number {
  const db = useAppDb();
  return useLiveQuery(() => unexportedChanges(db).catch(() => 0), [db]) ?? 0;
}
