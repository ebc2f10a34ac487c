/**
 * Work that draws nothing the user waits for — the sync runner, the audit sealer, the header's live
 * badges and links, the backup reminder, fetching the other screens' chunks — starts once the first
 * screen has drawn what it is for (a list its counts, any other screen itself), not while it is
 * being read: in Chromium their chunks and IndexedDB reads delayed the chair's list by ~0.3 s of
 * ~1.4 s. FIRST_SCREEN_LIMIT_MS bounds the wait should no screen say so.
 */
export const FIRST_SCREEN_LIMIT_MS = 2_000;

let markDrawn: () => void = () => undefined;
const drawn = new Promise<void>((resolve) => {
  markDrawn = resolve;
});
setTimeout(() => markDrawn(), FIRST_SCREEN_LIMIT_MS);

/** Called by the first screen once its content is on screen (again later: nothing happens). */
export function firstScreenDrawn(): void {
  markDrawn();
}

/** Resolves once the first screen is drawn (or FIRST_SCREEN_LIMIT_MS after the start). */
export function whenFirstScreenDrawn(): Promise<void> {
  return drawn;
}

/** A module loader that waits for the first screen, for lazyNamed. */
export function afterFirstScreen<L extends () => Promise<unknown>>(load: L): L {
  return (() => drawn.then(load)) as L;
}
