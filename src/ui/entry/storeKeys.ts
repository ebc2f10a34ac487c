import type { FieldPath } from '../../domain/tally/fields.ts';

/*
 * What a component of the form can listen to instead of every change of the store: one cell (its
 * figure, draft, severity), one row's findings, or the list of findings. A keystroke then wakes the
 * cell typed, the sums over it and the findings that changed — not the other 200 cells of a DPR form.
 */

export const FINDINGS_KEY = 'findings';
/** The list of findings as a key list, one array for every subscriber. */
export const FINDINGS_KEYS: readonly string[] = [FINDINGS_KEY];
export const cellKey = (path: FieldPath): string => `cell:${path}`;
export const anchorKey = (anchor: string): string => `anchor:${anchor}`;

/** The keys a change touched, or 'all' when it may touch every cell (the form became read-only, say). */
export type Changed = ReadonlySet<string> | 'all';

export class KeyedListeners {
  private byKey = new Map<string, Set<() => void>>();

  add(keys: readonly string[], listener: () => void): () => void {
    for (const key of keys) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(listener);
    }
    return () => {
      for (const key of keys) {
        const set = this.byKey.get(key);
        if (!set) continue;
        set.delete(listener);
        if (set.size === 0) this.byKey.delete(key);
      }
    };
  }

  notify(changed: Changed): void {
    // A listener of several keys (a running sum) is called once.
    const called = new Set<() => void>();
    const call = (set: Set<() => void> | undefined) => {
      if (!set) return;
      for (const l of set) {
        if (called.has(l)) continue;
        called.add(l);
        l();
      }
    };
    if (changed === 'all') for (const set of [...this.byKey.values()]) call(set);
    else for (const key of changed) call(this.byKey.get(key));
  }
}
