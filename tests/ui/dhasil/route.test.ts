import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../../../src/ui/app/route.ts';

describe('chair routes', () => {
  it('round-trip progress, D.Hasil and print routes through the hash', () => {
    const routes: Route[] = [
      { name: 'progress' },
      { name: 'dhasil' },
      { name: 'dhasil', contest: 'DPR' },
      { name: 'dhasil', contest: 'DPRD_KAB', desa: '3509082001' as never },
      { name: 'print', contest: 'PPWP' },
      { name: 'print', contest: 'DPD', desa: '3509082012' as never },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash({ name: 'dhasil', contest: 'DPR', desa: '3509082001' as never })).toBe('#/dhasil/DPR/3509082001');
    expect(routeHash({ name: 'print', contest: 'PPWP' })).toBe('#/cetak/PPWP');
    expect(routeHash({ name: 'progress' })).toBe('#/progres');
  });

  it('sends unknown contests home and ignores a malformed desa code', () => {
    expect(parseRoute('#/dhasil/XYZ')).toEqual({ name: 'home' });
    expect(parseRoute('#/cetak')).toEqual({ name: 'home' });
    expect(parseRoute('#/dhasil/PPWP/123')).toEqual({ name: 'dhasil', contest: 'PPWP' });
  });
});
