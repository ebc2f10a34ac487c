import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKecamatan } from '../../../src/domain/synthetic/generate.ts';
import { figurePaths, getFigure, setFigure } from '../../../src/domain/tally/fields.ts';
import { countMissing } from '../../../src/domain/tally/missing.ts';

const { tallies } = generateKecamatan({ tps: 3, seed: 7 });

describe('countMissing', () => {
  it('counts the empty cells exactly as the form’s cells read one by one, for every contest', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tallies), fc.array(fc.nat(), { maxLength: 40 }), (tally, picks) => {
        const paths = figurePaths(tally);
        const emptied = picks.reduce((t, i) => setFigure(t, paths[i % paths.length]!, null), tally);
        expect(countMissing(emptied)).toBe(paths.filter((p) => getFigure(emptied, p) === null).length);
      }),
      { numRuns: 300 },
    );
  });

  it('is 0 for a fully typed form and every cell for an empty one', () => {
    const full = tallies.find((t) => t.contest === 'DPR')!;
    expect(countMissing(full)).toBe(0);
    const paths = figurePaths(full);
    expect(countMissing(paths.reduce((t, p) => setFigure(t, p, null), full))).toBe(paths.length);
  });
});
