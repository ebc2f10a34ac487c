import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Figure, Tally } from '../../../src/domain/tally/tally.ts';
import { addFigure, computeTotals, sumTallies } from '../../../src/domain/totals/index.ts';
import { figureEntries, linearViolations } from '../synthetic/rules.ts';
import { anyTallyArb, consistentTallyArb, contestArb } from './arbitraries.ts';

const asMap = (entries: [string, Figure][]) => new Map(entries);

/** A contest with a list of its tallies, optionally mixed with tallies of other contests. */
const talliesOf = (make: typeof consistentTallyArb, maxLength = 25) =>
  contestArb.chain((contest) => fc.tuple(fc.constant(contest), fc.array(make(contest), { maxLength })));

describe('totals properties', () => {
  it('(a) per-TPS-consistent tallies sum to consistent totals (E01, E02, E04, E06, E08, E09 hold on sums)', () => {
    fc.assert(
      fc.property(talliesOf(consistentTallyArb), ([contest, tallies]) => {
        for (const t of tallies) expect(linearViolations(t)).toEqual([]); // the generator's own promise
        fc.pre(tallies.length > 0);
        const report = computeTotals(tallies, contest);
        expect(linearViolations(report.kecamatan.figures)).toEqual([]);
        for (const desa of report.desa) expect(linearViolations(desa.figures)).toEqual([]);
        expect(linearViolations(sumTallies(tallies, contest).figures)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('(b) totals do not depend on the order of the tallies', () => {
    const arb = talliesOf(anyTallyArb).chain(([contest, tallies]) =>
      fc.tuple(fc.constant(contest), fc.constant(tallies), fc.shuffledSubarray(tallies, { minLength: tallies.length })),
    );
    fc.assert(
      fc.property(arb, ([contest, tallies, shuffled]) => {
        const a = computeTotals(tallies, contest);
        const b = computeTotals(shuffled, contest);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a)); // same values and the same key order
        expect(JSON.stringify(sumTallies(shuffled, contest))).toBe(JSON.stringify(sumTallies(tallies, contest)));
      }),
      { numRuns: 200 },
    );
  });

  it('(c) adding one tally changes each sum by exactly its figures (null + x = x, x + null = x)', () => {
    const arb = contestArb.chain((contest) =>
      fc.tuple(fc.constant(contest), fc.array(anyTallyArb(contest), { maxLength: 15 }), anyTallyArb(contest)),
    );
    fc.assert(
      fc.property(arb, ([contest, tallies, extra]) => {
        const before = sumTallies(tallies, contest);
        const after = sumTallies([...tallies, extra], contest);
        const b = asMap(figureEntries(before.figures));
        const x = asMap(figureEntries(extra));
        const a = asMap(figureEntries(after.figures));
        expect([...a.keys()].sort()).toEqual([...new Set([...b.keys(), ...x.keys()])].sort());
        for (const [path, value] of a) expect(value).toBe(addFigure(b.get(path) ?? null, x.get(path) ?? null));
        const entered = figureEntries(extra).some(([, f]) => f !== null);
        expect(after.tpsIncluded).toBe(before.tpsIncluded + (entered ? 1 : 0));
      }),
      { numRuns: 200 },
    );
  });

  it('(d) null is never 0: a figure is null exactly when no tally enters it, else the sum of the entered ones', () => {
    fc.assert(
      fc.property(talliesOf(anyTallyArb), ([contest, tallies]) => {
        // A reference sum by a different path: flatten every tally to (path → figure) and add up.
        const reference = new Map<string, { entered: boolean; sum: number }>();
        for (const t of tallies) {
          for (const [path, f] of figureEntries(t)) {
            const cell = reference.get(path) ?? { entered: false, sum: 0 };
            if (f !== null) {
              cell.entered = true;
              cell.sum += f;
            }
            reference.set(path, cell);
          }
        }
        const { figures } = sumTallies(tallies, contest);
        for (const [path, value] of figureEntries(figures)) {
          const cell = reference.get(path);
          if (!cell?.entered) expect(value, path).toBeNull();
          else expect(value, path).toBe(cell.sum);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('ignores tallies of other contests and keeps kecamatan = sum of desa', () => {
    const arb = fc.tuple(contestArb, fc.array(contestArb.chain((c) => anyTallyArb(c)), { maxLength: 30 }));
    fc.assert(
      fc.property(arb, ([contest, mixed]) => {
        const own: Tally[] = mixed.filter((t) => t.contest === contest);
        const report = computeTotals(mixed, contest);
        expect(report.kecamatan.figures).toEqual(sumTallies(own, contest).figures);
        expect(report.kecamatan.tpsIncluded).toBe(report.desa.reduce((a, d) => a + d.tpsIncluded, 0));
        expect(report.desa.map((d) => d.code)).toEqual([...new Set(own.map((t) => t.tps.slice(0, 10)))].sort());
      }),
      { numRuns: 200 },
    );
  });
});
