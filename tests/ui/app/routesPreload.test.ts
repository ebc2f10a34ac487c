import { describe, expect, it } from 'vitest';
import type { Route } from '../../../src/ui/app/route.ts';
import { ROUTE_SCREENS } from '../../../src/ui/app/routes.tsx';
import { preloadScreens, type Preloadable } from '../../../src/ui/app/routesPreload.ts';

/** A route table whose lazily loaded screens note when they are fetched. */
function table(fetched: string[], options: { failing?: Route['name'] } = {}): Preloadable {
  const entries = Object.entries(ROUTE_SCREENS).map(([name, screen]) => {
    if (!screen.preload) return [name, {}];
    const preload = async () => {
      fetched.push(name);
      if (name === options.failing) throw new Error('offline');
    };
    return [name, { preload }];
  });
  // sync and enrol show one screen: they share its preload, as in the real table.
  const result = Object.fromEntries(entries) as Record<Route['name'], { preload?: () => Promise<void> }>;
  result.enrol = result.sync;
  return result;
}

describe('preloadScreens', () => {
  it('fetches the form and the desa grid first, then every other lazily loaded screen once, each after an idle moment', async () => {
    const fetched: string[] = [];
    let idles = 0;
    await preloadScreens(table(fetched), async () => {
      idles += 1;
    });
    expect(fetched.slice(0, 2)).toEqual(['entry', 'grid']);
    const lazy = Object.entries(ROUTE_SCREENS).filter(([name, s]) => s.preload && name !== 'enrol').map(([name]) => name);
    expect([...fetched].sort()).toEqual([...lazy].sort());
    expect(idles).toBe(fetched.length);
  });

  it('goes on after a chunk that cannot be fetched', async () => {
    const fetched: string[] = [];
    await preloadScreens(table(fetched, { failing: 'entry' }), async () => undefined);
    expect(fetched).toContain('settings');
  });
});

describe('ROUTE_SCREENS', () => {
  it("keeps the clerk's lists in the first bundle and loads every other screen on first use", () => {
    const eager = Object.entries(ROUTE_SCREENS)
      .filter(([, screen]) => !screen.preload)
      .map(([name]) => name);
    expect(eager.sort()).toEqual(['desa', 'home']);
  });
});
