import { describe, expect, it } from 'vitest';
import type { DesaCode } from '../../../src/domain/codes/codes.ts';
import { parseRoute, routeHash } from '../../../src/ui/app/route.ts';

const DESA = '3509082001' as DesaCode;

describe('grid route', () => {
  it('is #/tabel/<desa>/<contest> for PPWP and DPD', () => {
    expect(routeHash({ name: 'grid', desa: DESA, contest: 'PPWP' })).toBe('#/tabel/3509082001/PPWP');
    expect(parseRoute('#/tabel/3509082001/PPWP')).toEqual({ name: 'grid', desa: DESA, contest: 'PPWP' });
    expect(parseRoute('#/tabel/3509082001/DPD')).toEqual({ name: 'grid', desa: DESA, contest: 'DPD' });
  });

  it('is not offered for DPR/DPRD forms, nor without a desa code', () => {
    expect(parseRoute('#/tabel/3509082001/DPR')).toEqual({ name: 'home' });
    expect(parseRoute('#/tabel/3509082001/DPRD_KAB')).toEqual({ name: 'home' });
    expect(parseRoute('#/tabel/35090820/PPWP')).toEqual({ name: 'home' });
    expect(parseRoute('#/tabel')).toEqual({ name: 'home' });
  });
});
