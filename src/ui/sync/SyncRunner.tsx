import { Dexie } from 'dexie';
import { useEffect } from 'react';
import { useAppDb } from '../common/db.ts';
import { syncEngineFor } from './engine.ts';
import { useSyncStatus } from './useSyncStatus.ts';

/**
 * Runs the sync engine while this device is enrolled: a round soon after every local change to
 * the outbox (in any tab), when the network comes back, on server events and periodically.
 * Renders nothing.
 */
export function SyncRunner() {
  const db = useAppDb();
  const engine = syncEngineFor(db);
  const { enrolment } = useSyncStatus();
  const enrolled = enrolment !== null;

  useEffect(() => {
    if (!enrolled) return;
    engine.start();
    const outbox = `idb://${db.name}/outbox/`;
    const onMutation = (parts: Record<string, unknown>) => {
      if (Object.keys(parts).some((part) => part.startsWith(outbox))) engine.kick('write');
    };
    const onOnline = () => engine.kick('online');
    Dexie.on('storagemutated', onMutation);
    window.addEventListener('online', onOnline);
    return () => {
      Dexie.on.storagemutated.unsubscribe(onMutation);
      window.removeEventListener('online', onOnline);
      engine.stop();
    };
  }, [db, engine, enrolled]);

  return null;
}
