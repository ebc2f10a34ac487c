import type { ReactNode } from 'react';
import type { Setup } from '../../domain/setup/index.ts';
import type { Settings } from '../../db/index.ts';
import { Lists } from './Lists.tsx';
import { lazyNamed } from './lazyNamed.ts';
import type { Route } from './route.ts';
import type { RoleView } from '../../domain/workflow/screens.ts';
import { screenOfRoute } from './menu.ts';

/*
 * Every screen but the clerk's lists (home, desa) is loaded on first use: the form, the chair's
 * screens, the printouts, sync, verification… are most of the code and none of the first paint.
 * The service worker precaches every chunk, so they open offline too.
 */
const BackupScreen = lazyNamed(() => import('../backup/BackupScreen.tsx'), 'BackupScreen');
const ConflictsScreen = lazyNamed(() => import('../sync/ConflictsScreen.tsx'), 'ConflictsScreen');
const DHasilScreen = lazyNamed(() => import('../dhasil/DHasilScreen.tsx'), 'DHasilScreen');
const DiscrepanciesScreen = lazyNamed(() => import('../discrepancies/DiscrepanciesScreen.tsx'), 'DiscrepanciesScreen');
const EntryScreen = lazyNamed(() => import('./EntryScreen.tsx'), 'EntryScreen');
const FinalisationScreen = lazyNamed(() => import('../finalisation/FinalisationScreen.tsx'), 'FinalisationScreen');
const FirstRun = lazyNamed(() => import('../setup/FirstRun.tsx'), 'FirstRun');
const GridScreen = lazyNamed(() => import('../grid/GridScreen.tsx'), 'GridScreen');
const KabupatenScreen = lazyNamed(() => import('../kabupaten/KabupatenScreen.tsx'), 'KabupatenScreen');
const KecamatanHistoryScreen = lazyNamed(() => import('../history/KecamatanHistoryScreen.tsx'), 'KecamatanHistoryScreen');
const ObjectionsScreen = lazyNamed(() => import('../objections/ObjectionsScreen.tsx'), 'ObjectionsScreen');
const PrintScreen = lazyNamed(() => import('../print/PrintScreen.tsx'), 'PrintScreen');
const ProgressScreen = lazyNamed(() => import('../progress/ProgressScreen.tsx'), 'ProgressScreen');
const SettingsScreen = lazyNamed(() => import('../settings/SettingsScreen.tsx'), 'SettingsScreen');
const SyncScreen = lazyNamed(() => import('../sync/SyncScreen.tsx'), 'SyncScreen');
const VerifyScreen = lazyNamed(() => import('../verify/VerifyScreen.tsx'), 'VerifyScreen');

type RouteName = Route['name'];
type RouteOf<N extends RouteName> = Extract<Route, { name: N }>;

/** What a screen gets besides its route; `actor` is the operator's name, recorded with each change. */
export interface ScreenContext<S extends Setup | null> {
  setup: S;
  settings: Settings;
  actor: string;
}

/**
 * How one route is drawn. `open` screens work without a setup of this device's own (verifying a
 * summary, the kabupaten totals, connecting to a server brings one); the others need a setup, and
 * the first-run screen stands in for them until there is one. `preload` fetches the screen's chunk
 * (none for the screens in the initial bundle).
 */
export type RouteScreen<N extends RouteName> = { readonly preload?: () => Promise<void> } & (
  | { readonly open: true; render(route: RouteOf<N>, context: ScreenContext<Setup | null>): ReactNode }
  | { readonly open: false; render(route: RouteOf<N>, context: ScreenContext<Setup>): ReactNode }
);

/** The app's screens by route name: the one place that says which screen a route shows. */
export const ROUTE_SCREENS: { readonly [N in RouteName]: RouteScreen<N> } = {
  home: { open: false, render: (route, { setup, settings }) => <Lists setup={setup} settings={settings} route={route} /> },
  desa: { open: false, render: (route, { setup, settings }) => <Lists setup={setup} settings={settings} route={route} /> },
  // Tallies (and the checks behind the chips) are only read on the list screens, not under the form.
  entry: {
    open: false,
    preload: EntryScreen.preload,
    render: (route, { setup, actor }) => <EntryScreen setup={setup} tps={route.tps} contest={route.contest} actor={actor} />,
  },
  grid: {
    open: false,
    preload: GridScreen.preload,
    render: (route, { setup, actor }) => <GridScreen setup={setup} desa={route.desa} contest={route.contest} actor={actor} />,
  },
  backup: { open: false, preload: BackupScreen.preload, render: (_route, { setup, actor }) => <BackupScreen setup={setup} actor={actor} /> },
  progress: { open: false, preload: ProgressScreen.preload, render: (_route, { setup }) => <ProgressScreen setup={setup} /> },
  dhasil: {
    open: false,
    preload: DHasilScreen.preload,
    render: (route, { setup }) => <DHasilScreen setup={setup} {...(route.contest ? { contest: route.contest } : {})} {...(route.desa ? { desa: route.desa } : {})} />,
  },
  print: {
    open: false,
    preload: PrintScreen.preload,
    render: (route, { setup }) => <PrintScreen setup={setup} contest={route.contest} {...(route.desa ? { desa: route.desa } : {})} />,
  },
  discrepancies: { open: false, preload: DiscrepanciesScreen.preload, render: (_route, { setup, actor }) => <DiscrepanciesScreen setup={setup} actor={actor} /> },
  objections: {
    open: false,
    preload: ObjectionsScreen.preload,
    render: (route, { setup, actor }) => {
      const prefill = route.tps ? { tps: route.tps, ...(route.contest ? { contest: route.contest } : {}) } : undefined;
      return <ObjectionsScreen setup={setup} actor={actor} {...(prefill ? { prefill } : {})} />;
    },
  },
  finalisation: {
    open: false,
    preload: FinalisationScreen.preload,
    render: (route, { setup }) => <FinalisationScreen setup={setup} contest={route.contest} {...(route.desa ? { desa: route.desa } : {})} />,
  },
  // Anyone may verify a summary (a witness, the kabupaten): no setup of one's own is needed.
  verify: { open: true, preload: VerifyScreen.preload, render: (_route, { setup }) => <VerifyScreen setup={setup} /> },
  // The totals come from the server this device is enrolled with, not from the local setup.
  kabupaten: { open: true, preload: KabupatenScreen.preload, render: () => <KabupatenScreen /> },
  auditLog: { open: false, preload: KecamatanHistoryScreen.preload, render: (_route, { setup }) => <KecamatanHistoryScreen setup={setup} /> },
  // Connecting needs no setup of one's own: enrolment brings the server's.
  sync: { open: true, preload: SyncScreen.preload, render: (_route, { setup, settings }) => <SyncScreen setup={setup} operator={settings.operatorName} /> },
  conflicts: { open: false, preload: ConflictsScreen.preload, render: (_route, { setup, actor }) => <ConflictsScreen setup={setup} actor={actor} /> },
  enrol: {
    open: true,
    preload: SyncScreen.preload,
    render: (route, { setup, settings }) => <SyncScreen setup={setup} operator={settings.operatorName} {...(route.code ? { code: route.code } : {})} />,
  },
  settings: { open: true, preload: SettingsScreen.preload, render: (_route, { setup, settings }) => <SettingsScreen setup={setup} settings={settings} /> },
};

/**
 * The screen for a route; a route that needs a setup shows the first-run screen (set up, restore
 * or connect) until this device has one.
 */
export function renderRoute(route: Route, setup: Setup | null, settings: Settings): ReactNode {
  return renderNamed(route.name, route, setup, settings);
}

function renderNamed<N extends RouteName>(name: N, route: RouteOf<N>, setup: Setup | null, settings: Settings): ReactNode {
  const screen: RouteScreen<N> = ROUTE_SCREENS[name];
  const actor = settings.operatorName ?? '';
  if (screen.open) return screen.render(route, { setup, settings, actor });
  return setup === null ? <FirstRun /> : screen.render(route, { setup, settings, actor });
}

/** Starts fetching a route's screen, e.g. while the setup is still being read on a reload. */
export function preloadRoute(route: Route): Promise<void> {
  return ROUTE_SCREENS[route.name].preload?.() ?? Promise.resolve();
}

/**
 * The route drawn for the one asked: a screen outside the role's menu (a witness at `#/`, the
 * clerk's lists, or at the backup) shows the role's home instead — for witnesses and Panwascam the
 * kecamatan D.Hasil, its total on the first screen.
 */
export function shownRoute(route: Route, view: RoleView): Route {
  const screen = screenOfRoute(route.name);
  if (screen === null || view.screens.includes(screen)) return route;
  return view.home === 'work' ? { name: 'home' } : { name: 'dhasil' };
}
