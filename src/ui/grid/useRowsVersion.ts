import { useCallback, useSyncExternalStore } from 'react';
import type { GridRowRef } from './context.ts';

/**
 * Re-renders on a change in any row (the totals, the save state): the rows' versions joined into
 * one string, a primitive snapshot React can compare.
 */
export function useRowsVersion(rows: readonly GridRowRef[]): string {
  const subscribe = useCallback(
    (listener: () => void) => {
      const offs = rows.map((r) => r.store.subscribe(listener));
      return () => offs.forEach((off) => off());
    },
    [rows],
  );
  return useSyncExternalStore(subscribe, () => rows.map((r) => r.store.version).join(','));
}
