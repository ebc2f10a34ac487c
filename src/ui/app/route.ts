import { useCallback, useSyncExternalStore } from 'react';
import type { DesaCode, TpsCode } from '../../domain/codes/codes.ts';
import { CONTEST_IDS, type ContestId } from '../../domain/tally/contest.ts';
import { isGridContest, type GridContestId } from '../grid/gridContests.ts';

/**
 * The app's screens as a small typed state kept in the URL hash, so that reload, back/forward and
 * bookmarks work offline without a router library (the service worker serves one index.html).
 */
export type Route =
  | { readonly name: 'home'; readonly day?: string; readonly panel?: string }
  | { readonly name: 'desa'; readonly desa: DesaCode }
  | { readonly name: 'entry'; readonly tps: TpsCode; readonly contest: ContestId }
  | { readonly name: 'grid'; readonly desa: DesaCode; readonly contest: GridContestId }
  | { readonly name: 'backup' }
  | { readonly name: 'progress' }
  | { readonly name: 'dhasil'; readonly contest?: ContestId; readonly desa?: DesaCode }
  | { readonly name: 'print'; readonly contest: ContestId; readonly desa?: DesaCode }
  | { readonly name: 'discrepancies' }
  | { readonly name: 'objections'; readonly tps?: TpsCode; readonly contest?: ContestId }
  | { readonly name: 'finalisation'; readonly contest: ContestId; readonly desa?: DesaCode }
  | { readonly name: 'verify' }
  | { readonly name: 'kabupaten' }
  | { readonly name: 'auditLog' }
  | { readonly name: 'sync' }
  | { readonly name: 'conflicts' }
  | { readonly name: 'enrol'; readonly code?: string }
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
    case 'tabel':
      if (a && /^\d{10}$/.test(a) && b && isGridContest(b)) return { name: 'grid', desa: a as DesaCode, contest: b };
      break;
    case 'hari':
      return { name: 'home', ...(a ? { day: a } : {}), ...(b ? { panel: b } : {}) };
    case 'cadangan':
      return { name: 'backup' };
    case 'progres':
      return { name: 'progress' };
    case 'dhasil':
      if (!a) return { name: 'dhasil' };
      if (isContest(a)) return { name: 'dhasil', contest: a, ...(b && /^\d{10}$/.test(b) ? { desa: b as DesaCode } : {}) };
      break;
    case 'cetak':
      if (a && isContest(a)) return { name: 'print', contest: a, ...(b && /^\d{10}$/.test(b) ? { desa: b as DesaCode } : {}) };
      break;
    case 'temuan':
      return { name: 'discrepancies' };
    case 'keberatan':
      if (a && /^\d{13}$/.test(a)) return { name: 'objections', tps: a as TpsCode, ...(b && isContest(b) ? { contest: b } : {}) };
      return { name: 'objections' };
    case 'finalisasi':
      if (a && isContest(a)) return { name: 'finalisation', contest: a, ...(b && /^\d{10}$/.test(b) ? { desa: b as DesaCode } : {}) };
      break;
    case 'verifikasi':
      return { name: 'verify' };
    case 'kabupaten':
      return { name: 'kabupaten' };
    case 'riwayat':
      return { name: 'auditLog' };
    case 'sinkron':
      return { name: 'sync' };
    case 'konflik':
      return { name: 'conflicts' };
    case 'daftar':
      return { name: 'enrol', ...(a ? { code: a } : {}) };
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
    case 'grid':
      return `#/tabel/${route.desa}/${route.contest}`;
    case 'backup':
      return '#/cadangan';
    case 'progress':
      return '#/progres';
    case 'dhasil':
      return route.contest ? `#/dhasil/${route.contest}${route.desa ? `/${route.desa}` : ''}` : '#/dhasil';
    case 'print':
      return `#/cetak/${route.contest}${route.desa ? `/${route.desa}` : ''}`;
    case 'discrepancies':
      return '#/temuan';
    case 'objections':
      return route.tps ? `#/keberatan/${route.tps}${route.contest ? `/${route.contest}` : ''}` : '#/keberatan';
    case 'finalisation':
      return `#/finalisasi/${route.contest}${route.desa ? `/${route.desa}` : ''}`;
    case 'verify':
      return '#/verifikasi';
    case 'kabupaten':
      return '#/kabupaten';
    case 'auditLog':
      return '#/riwayat';
    case 'sync':
      return '#/sinkron';
    case 'conflicts':
      return '#/konflik';
    case 'enrol':
      return route.code ? `#/daftar/${encodeURIComponent(route.code)}` : '#/daftar';
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
