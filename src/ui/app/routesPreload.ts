import { whenFirstScreenDrawn } from './firstScreen.ts';
import type { Route } from './route.ts';
import { ROUTE_SCREENS } from './routes.tsx';

/** What preloading reads of the route table: each route's chunk, if it has one of its own. */
export type Preloadable = { readonly [N in Route['name']]: { readonly preload?: () => Promise<void> } };

/** The clerk's next screens come first: a chip on the home or desa screen opens one of them. */
const FIRST: readonly Route['name'][] = ['entry', 'grid'];

/**
 * Fetches every lazily loaded screen, one chunk at a time whenever the browser is idle: no screen
 * opened later waits for its chunk (nor shows "Memuat…", nor fails offline before the service
 * worker controls the page), and the first screen did not wait for theirs.
 */
export async function preloadScreens(screens: Preloadable = ROUTE_SCREENS, idle: () => Promise<void> = whenIdle): Promise<void> {
  const names = Object.keys(screens) as Route['name'][];
  const seen = new Set<() => Promise<void>>();
  for (const name of [...FIRST, ...names.filter((n) => !FIRST.includes(n))]) {
    const preload = screens[name].preload;
    // Two routes may show one screen (sync and enrol): its chunk is fetched once.
    if (!preload || seen.has(preload)) continue;
    seen.add(preload);
    await idle();
    // A chunk that fails (offline without a cached copy) is fetched again when its screen opens.
    await preload().catch(() => undefined);
  }
}

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2_000 });
    else setTimeout(resolve, 50);
  });
}

/**
 * `preloadScreens` from the page's load on. Not later: a clerk on a first visit may lose the network
 * a moment after connecting, before the service worker took over the page, and the form must still
 * open then. Fetched in idle time, so the first screen's own work goes first.
 */
export function preloadScreensAfterLoad(): void {
  // And after the first screen is drawn: its own reads go first (firstScreen.ts).
  const start = () => void whenFirstScreenDrawn().then(() => preloadScreens());
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
