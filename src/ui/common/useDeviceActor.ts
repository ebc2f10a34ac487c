import { useLiveQuery } from 'dexie-react-hooks';
import { deviceActor } from '../../db/index.ts';
import type { Actor } from '../../domain/workflow/index.ts';
import { useAppDb } from './db.ts';

/**
 * This device as the workflow sees it (its enrolled role and panel; the whole PPK when never
 * enrolled): what the screens offer comes from the same table the server enforces. Undefined while
 * loading.
 */
export function useDeviceActor(): Actor | undefined {
  const db = useAppDb();
  return useLiveQuery(() => deviceActor(db), [db]);
}
