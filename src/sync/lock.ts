/**
 * One tab syncs at a time. Browsers: a Web Lock (navigator.locks) shared by every tab of the
 * origin; a round that finds the lock taken is skipped — the tab holding it sends the same shared
 * outbox. Where Web Locks are missing (Node, old browsers) a lock per engine keeps rounds of one
 * engine from overlapping.
 */
export interface SyncLock {
  /** Runs `body` when the lock is free now; `{ ran: false }` when someone else holds it. */
  tryRun<T>(body: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}

export const SYNC_LOCK_NAME = 'rekap-sync';

export function localLock(): SyncLock {
  let busy = false;
  return {
    async tryRun(body) {
      if (busy) return { ran: false };
      busy = true;
      try {
        return { ran: true, value: await body() };
      } finally {
        busy = false;
      }
    },
  };
}

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

export function webLock(locks: LockManagerLike, name = SYNC_LOCK_NAME): SyncLock {
  return {
    tryRun(body) {
      return locks.request(name, { ifAvailable: true }, async (lock) => (lock ? { ran: true as const, value: await body() } : { ran: false as const }));
    },
  };
}

/** Web Locks when the platform has them, otherwise a lock for this engine. */
export function defaultLock(): SyncLock {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  return locks && typeof locks.request === 'function' ? webLock(locks) : localLock();
}
