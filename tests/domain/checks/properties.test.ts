import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTally } from '../../../src/domain/checks/index.ts';
import { figurePaths, getFigure, setFigure } from '../../../src/domain/tally/fields.ts';
import { TallySchema } from '../../../src/domain/tally/tally.ts';
import { consistentTallyArb } from './arbitrary.ts';

const errors = (t: Parameters<typeof checkTally>[0]) => checkTally(t).filter((f) => f.severity === 'error');

describe('checks on per-TPS-consistent tallies (property)', () => {
  it('the arbitrary produces valid tallies', () => {
    fc.assert(fc.property(consistentTallyArb, (t) => TallySchema.safeParse(t).success));
  });

  it('a consistent tally has no error findings', () => {
    fc.assert(
      fc.property(consistentTallyArb, (t) => {
        expect(errors(t)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('changing any single figure by ±1 yields at least one error naming that cell', () => {
    fc.assert(
      fc.property(consistentTallyArb, fc.nat(), fc.constantFrom(1, -1), (t, pick, delta) => {
        const paths = figurePaths(t);
        const path = paths[pick % paths.length]!;
        const changed = setFigure(t, path, getFigure(t, path)! + delta);
        const found = errors(changed);
        expect(found.length, `${path} ${delta > 0 ? '+1' : '-1'}`).toBeGreaterThan(0);
        expect(found.some((f) => f.fields.includes(path))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('setting any single figure to null (not entered) never adds a finding', () => {
    fc.assert(
      fc.property(consistentTallyArb, fc.nat(), (t, pick) => {
        const paths = figurePaths(t);
        const path = paths[pick % paths.length]!;
        const before = checkTally(t).length;
        expect(checkTally(setFigure(t, path, null)).length).toBeLessThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});
