import type { Setup } from '../../domain/setup/index.ts';
import type { Screen } from '../../domain/workflow/screens.ts';
import type { DeviceView } from '../common/useRoleView.ts';
import { routeHash, type Route } from './route.ts';

/** The routes that belong to each screen of the menu (its item is marked current on them). */
export const SCREEN_ROUTES: Record<Screen, readonly Route['name'][]> = {
  work: ['home', 'desa', 'entry', 'grid'],
  progress: ['progress'],
  dhasil: ['dhasil', 'print'],
  discrepancies: ['discrepancies'],
  objections: ['objections'],
  finalisation: ['finalisation'],
  backup: ['backup'],
  verify: ['verify'],
  auditLog: ['auditLog'],
  kabupaten: ['kabupaten'],
  sync: ['sync', 'enrol', 'conflicts'],
  settings: ['settings'],
};

/** Screens that need no setup of this device's own (routes.tsx `open`): a kabupaten server's chair has none. */
const WITHOUT_SETUP: readonly Screen[] = ['verify', 'kabupaten', 'sync', 'settings'];
/** Before the role is read: the screens every role has. */
const EVERY_ROLE: readonly Screen[] = ['verify', 'sync', 'settings'];
/** Screens whose data come from the server this device is enrolled with. */
const ENROLLED_ONLY: readonly Screen[] = ['auditLog', 'kabupaten'];

export interface MenuItem {
  screen: Screen;
  href: string;
  current: readonly Route['name'][];
}

function hrefOf(screen: Screen, setup: Setup | null): string {
  const first = setup?.contests[0]?.id ?? 'PPWP';
  switch (screen) {
    case 'work':
      return routeHash({ name: 'home' });
    case 'finalisation':
      return routeHash({ name: 'finalisation', contest: first });
    default:
      return routeHash({ name: SCREEN_ROUTES[screen][0]! } as Route);
  }
}

/**
 * The menu of this device: its role's screens (src/domain/workflow/screens.ts), those that need a
 * setup once it has one, those served by the server once it is enrolled. Before the role is read,
 * only the screens every role has.
 */
export function menuItems(setup: Setup | null, view: DeviceView | undefined): MenuItem[] {
  const screens = view?.screens ?? EVERY_ROLE;
  return screens
    .filter((s) => setup !== null || WITHOUT_SETUP.includes(s))
    .filter((s) => !ENROLLED_ONLY.includes(s) || view?.enrolled === true)
    .map((screen) => ({ screen, href: hrefOf(screen, setup), current: SCREEN_ROUTES[screen] }));
}

/**
 * The menu screen a route belongs to. A form opens for every role (read-only where the table says:
 * a witness follows it from a D.Hasil card); the desa grid is the clerks' typing tool, part of the work.
 */
export function screenOfRoute(name: Route['name']): Screen | null {
  if (name === 'entry') return null;
  const found = (Object.keys(SCREEN_ROUTES) as Screen[]).find((s) => SCREEN_ROUTES[s].includes(name));
  return found ?? null;
}
