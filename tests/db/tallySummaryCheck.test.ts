import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TALLY_STATUSES } from '../../src/domain/tally/tally.ts';
import { isTallySummaryRow, TallySummaryRowSchema } from '../../src/db/tallySummary.ts';

/** Any value in a field: right and wrong types, edge numbers. */
const anyValue = fc.oneof(
  fc.string(),
  fc.constantFrom(...TALLY_STATUSES, 'done', ''),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const goodRow = fc.record({
  key: fc.string(),
  tps: fc.string(),
  desa: fc.string(),
  contest: fc.string(),
  status: fc.constantFrom(...TALLY_STATUSES),
  errors: fc.nat(),
  warnings: fc.nat(),
  revision: fc.integer(),
  corrupt: fc.boolean(),
});
const FIELDS = ['key', 'tps', 'desa', 'contest', 'status', 'errors', 'warnings', 'revision', 'corrupt'] as const;

describe('the summaries’ plain check agrees with their schema', () => {
  it('accepts every row the schema accepts as it is', () => {
    fc.assert(fc.property(goodRow, (row) => isTallySummaryRow(row) && TallySummaryRowSchema.safeParse(row).success));
  });

  it('never accepts a row the schema refuses (a damaged field, a missing one, not an object)', () => {
    const damaged = fc.tuple(goodRow, fc.constantFrom(...FIELDS), anyValue, fc.boolean()).map(([row, field, value, drop]) => {
      const copy: Record<string, unknown> = { ...row };
      if (drop) delete copy[field];
      else copy[field] = value;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(damaged, anyValue), (raw) => {
        if (isTallySummaryRow(raw)) expect(TallySummaryRowSchema.safeParse(raw).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
