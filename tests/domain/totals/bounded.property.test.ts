import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dhasilCsv, kecamatanTable } from '../../../src/domain/export/index.ts';
import { verifySummary } from '../../../src/domain/summary/index.ts';
import { FiguresSchema } from '../../../src/domain/summary/schema.ts';
import { figurePaths, getFigure, setFigure } from '../../../src/domain/tally/fields.ts';
import { isFigureValue, MAX_FIGURE } from '../../../src/domain/tally/figure.ts';
import { TallySchema, type Tally } from '../../../src/domain/tally/tally.ts';
import { computeTotals, type TallyFigures } from '../../../src/domain/totals/index.ts';
import { roundTrip, signedKecamatan } from '../summary/helpers.ts';
import { anyTallyArb, contestArb } from './arbitraries.ts';

/**
 * The bound on figures (src/domain/tally/figure.ts, issue 14) and what it buys: whatever passes the
 * tally schema, every desa and kecamatan sum is a safe integer, so a total can never round or become
 * Infinity (as 1e308 in two TPS once made it, breaking the CSV export and summary signing).
 */

/** Numbers an attacker or a broken file may hold, besides ordinary figures. */
const anyNumber = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: MAX_FIGURE }) },
  { weight: 2, arbitrary: fc.constantFrom(0, MAX_FIGURE, MAX_FIGURE + 1, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, -1, 1.5, 1e-320, -0) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Figures within the bound, the bound itself often (the largest sums). */
const boundedNumber = fc.oneof(fc.integer({ min: 0, max: MAX_FIGURE }), fc.constant(MAX_FIGURE));

/** A tally of the contest with its entered figures replaced by numbers of `numberArb`. */
const rawTallyArb = (contest: Parameters<typeof anyTallyArb>[0], numberArb: fc.Arbitrary<number> = anyNumber) =>
  fc.tuple(anyTallyArb(contest), fc.array(numberArb, { minLength: 64, maxLength: 64 })).map(([tally, numbers]) => {
    let t: Tally = tally;
    figurePaths(tally).forEach((path, i) => {
      if (getFigure(tally, path) !== null) t = setFigure(t, path, numbers[i % numbers.length]!);
    });
    return t;
  });

const sumFigures = (f: TallyFigures): number[] => figurePaths(f as Tally).flatMap((p) => (getFigure(f as Tally, p) ?? null) === null ? [] : [getFigure(f as Tally, p)!]);

describe('bounded figures and their sums', () => {
  it('a tally passes the schema exactly when each of its figures is a whole number 0 … 999,999 (or empty)', () => {
    fc.assert(
      fc.property(contestArb.chain((contest) => rawTallyArb(contest)), (tally) => {
        const inBounds = figurePaths(tally).every((p) => {
          const v = getFigure(tally, p);
          return v === null || isFigureValue(v);
        });
        expect(TallySchema.safeParse(tally).success).toBe(inBounds);
      }),
      { numRuns: 300 },
    );
  });

  it('every desa and kecamatan sum of tallies within the bound is a safe integer, accepted as a sum', () => {
    const arb = contestArb.chain((contest) => fc.tuple(fc.constant(contest), fc.array(rawTallyArb(contest, boundedNumber), { maxLength: 40 })));
    fc.assert(
      fc.property(arb, ([contest, raw]) => {
        const tallies = raw.map((t) => TallySchema.parse(t));
        const report = computeTotals(tallies, contest);
        for (const area of [report.kecamatan, ...report.desa]) {
          for (const v of sumFigures(area.figures)) expect(Number.isSafeInteger(v) && v >= 0, String(v)).toBe(true);
          expect(FiguresSchema.safeParse({ ...area.figures, contest }).success).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('leaves room for any kecamatan: ten million TPS at the bound still add up exactly', () => {
    expect(MAX_FIGURE * 10_000_000).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('exports the CSV and signs and verifies the summary of a whole kecamatan with every figure at 999,999', { timeout: 120_000 }, async () => {
    const atMax = (tallies: Tally[]) => tallies.map((t) => figurePaths(t).reduce((acc, p) => setFigure(acc, p, MAX_FIGURE), t));
    const { setup, tallies, file } = await signedKecamatan({ perDesa: 999, contests: ['PPWP', 'DPR'], tallies: atMax });
    const tps = setup.desa.reduce((n, d) => n + d.tps.length, 0);
    expect(tps).toBe(364);
    for (const contest of ['PPWP', 'DPR'] as const) {
      const report = computeTotals(tallies, contest, setup);
      expect(report.kecamatan.figures.valid).toBe(tps * MAX_FIGURE);
      const csv = dhasilCsv(kecamatanTable(report, setup), 'id');
      expect(csv).toContain(`;${tps * MAX_FIGURE}`);
    }
    const verified = await verifySummary(roundTrip(file), { setup });
    expect(verified.ok && verified.value.failures).toEqual([]);
    expect(verified.ok && verified.value.valid).toBe(true);
    // E11 still flags every figure above the paper's 999, for people to decide.
    expect(verified.ok && verified.value.findings.some((f) => f.code === 'E11')).toBe(true);
  });
});
