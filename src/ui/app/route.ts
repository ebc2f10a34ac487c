import { useCallback, useSyncExternalStore } from 'react';
import type { DesaCode, TpsCode } from '../../domain/codes/codes.ts';
import { CONTEST_IDS, type ContestId } from '../../domain/tally/contest.ts';

/**
 * The app's screens as a small typed state kept in the URL hash, so that reload, back/forward and
 * bookmarks work offline without a router library (the service worker serves one index.html).
 */
export type Route =
  | { readonly name: 'home'; readonly day?: string; readonly panel?: string }
  | { readonly name: 'desa'; readonly desa: DesaCode }
  | { readonly name: 'entry'; readonly tps: TpsCode; readonly contest: ContestId }
  | { readonly name: 'backup' }
  | { readonly name: 'settings' };

const isContest = (s: string): s is ContestId => (CONTEST_IDS as readonly string[]).includes(s);

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, a, b] = parts;
  switch (head) {
    case 'desa':
      if (a && /^\d{10}$/.test(a)) return { name: 'desa', desa: a as DesaCode };
      break;
    case 'tps':
      if (a && /^\d{13}$/.test(a) && b && isContest(b)) return { name: 'entry', tps: a as TpsCode, contest: b };
      break;
    case 'hari':
      return { name: 'home', ...(a ? { day: a } : {}), ...(b ? { panel: b } : {}) };
    case 'cadangan':
      return { name: 'backup' };
    case 'pengaturan':
      return { name: 'settings' };
    default:
      break;
  }
  return { name: 'home' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return route.day ? `#/hari/${encodeURIComponent(route.day)}${route.panel ? `/${encodeURIComponent(route.panel)}` : ''}` : '#/';
    case 'desa':
      return `#/desa/${route.desa}`;
    case 'entry':
      return `#/tps/${route.tps}/${route.contest}`;
    case 'backup':
      return '#/cadangan';
    case 'settings':
      return '#/pengaturan';
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
const snapshot = () => window.location.hash;

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (window.location.hash !== hash) window.location.hash = hash;
}

/** The current route, re-rendering on hash changes. */
export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, snapshot, () => '');
  const go = useCallback((route: Route) => navigate(route), []);
  return [parseRoute(hash), go];
}
