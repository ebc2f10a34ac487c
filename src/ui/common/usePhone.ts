import { useSyncExternalStore } from 'react';

/** The width under which screens take their phone layout (the same as the CSS media queries). */
export const PHONE_QUERY = '(max-width: 640px)';

const query = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(PHONE_QUERY) : null);

function subscribe(onChange: () => void): () => void {
  const q = query();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

/**
 * Whether the window is phone-wide: wide tables are then drawn as cards (one desa or TPS each), not
 * as a table to scroll sideways (issue 16). Live: turning a tablet redraws.
 */
export function usePhone(): boolean {
  return useSyncExternalStore(subscribe, () => query()?.matches ?? false, () => false);
}
