import { useLiveQuery } from 'dexie-react-hooks';
import { enrolledActor } from '../../db/index.ts';
import { roleView, type RoleView } from '../../domain/workflow/screens.ts';
import { STANDALONE_ACTOR } from '../../domain/workflow/actor.ts';
import { useAppDb } from './db.ts';

/** The role's view, and whether this device is enrolled with a server (the history comes from it). */
export interface DeviceView extends RoleView {
  enrolled: boolean;
}

/**
 * What this device's role sees and may do (src/domain/workflow/screens.ts): the menu, the routes
 * and every write control ask it. A device never enrolled is the whole PPK. Undefined while the
 * enrolment is read.
 */
export function useRoleView(): DeviceView | undefined {
  const db = useAppDb();
  return useLiveQuery(async () => {
    const enrolled = await enrolledActor(db);
    return { ...roleView(enrolled ?? STANDALONE_ACTOR), enrolled: enrolled !== null };
  }, [db]);
}
