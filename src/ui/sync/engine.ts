import { useSyncExternalStore } from 'react';
import type { RekapDb } from '../../db/index.ts';
import { DexieSyncStore, SyncEngine, watchEvents, type EngineState } from '../../sync/index.ts';
import { useAppDb } from '../common/db.ts';

/** One engine per database (tests swap the app's database; the engine follows). */
const engines = new WeakMap<RekapDb, SyncEngine>();

export function syncEngineFor(db: RekapDb): SyncEngine {
  let engine = engines.get(db);
  if (!engine) {
    engine = new SyncEngine({
      store: new DexieSyncStore(db),
      watch: (enrolment, onEvent, onConnection, signal) =>
        void watchEvents({ serverUrl: enrolment.serverUrl, token: enrolment.token, onEvent: () => onEvent(), onConnection, signal }),
    });
    engines.set(db, engine);
  }
  return engine;
}

/** Lets tests (and later a settings option) use another engine for a database. */
export function setSyncEngine(db: RekapDb, engine: SyncEngine): void {
  engines.get(db)?.stop();
  engines.set(db, engine);
}

export function useSyncEngine(): SyncEngine {
  return syncEngineFor(useAppDb());
}

/** What the engine knows right now (phase, reachability, backoff), re-rendering on changes. */
export function useEngineState(): EngineState {
  const engine = useSyncEngine();
  return useSyncExternalStore(engine.subscribe, engine.getState, engine.getState);
}
