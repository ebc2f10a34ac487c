import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { Language } from '../../domain/common/text.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import type { EntryStore } from './entryStore.ts';

/** What every cell of one form needs; one value per form (the blind second entry has its own). */
export interface EntryContextValue {
  store: EntryStore;
  contest: ContestSetup;
  lang: Language;
  /** Moves focus to a cell of this form (and selects its digits, so typing replaces them, unless `select: false`). */
  focusPath: (path: FieldPath, opts?: { select?: boolean }) => void;
  /** The cell after / before this one in paper order, if any. */
  neighbour: (path: FieldPath, step: 1 | -1) => FieldPath | undefined;
  /** Distinguishes the ids of two forms on one page (first and second entry). */
  idPrefix: string;
}

export const EntryContext = createContext<EntryContextValue | null>(null);

export function useEntry(): EntryContextValue {
  const value = useContext(EntryContext);
  if (!value) throw new Error('useEntry outside an EntryContext');
  return value;
}

/**
 * Subscribes to a slice of the form's store. The selector must return a primitive or an array the
 * store keeps stable, so that components re-render only when their slice really changed.
 */
export function useStore<T>(store: EntryStore, select: (s: EntryStore) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store));
}

/**
 * useStore woken only by changes of `keys` (src/ui/entry/storeKeys.ts) and by changes that touch
 * every cell. `keys` must keep its identity across renders (a constant, or memoised).
 */
export function useStoreKeys<T>(store: EntryStore, keys: readonly string[], select: (s: EntryStore) => T): T {
  const subscribe = useCallback((listener: () => void) => store.subscribeTo(keys, listener), [store, keys]);
  return useSyncExternalStore(subscribe, () => select(store));
}
