import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exactCheck } from '../../../src/domain/summary/exactCheck.ts';
import { readSummaryFast } from '../../../src/domain/summary/fastRead.ts';
import { SummaryFileSchema, type SummaryFile } from '../../../src/domain/summary/index.ts';
import { FigureSchema } from '../../../src/domain/tally/tally.ts';
import { roundTrip, signedKecamatan } from './helpers.ts';

/** The contract: the fast reader says nothing (null) or exactly what zod says. */
function expectAsZod(value: unknown): 'fast' | 'zod' {
  const fast = readSummaryFast(value);
  const full = SummaryFileSchema.safeParse(value);
  if (fast === null) return 'zod';
  expect(full.success).toBe(true);
  expect(fast).toEqual(full.data);
  return 'fast';
}

const ODD_VALUES = [null, 0, 7, 999, 1.5, -1, -0, Number.NaN, Infinity, '5', true, {}, [], undefined];
const ODD_KEYS = ['0', '01', '1000', '999', '7', 'x', '__proto__', ''];

/** Sets an own enumerable member, even "__proto__" (which plain assignment would take as the prototype). */
const put = (target: object, key: PropertyKey, value: unknown) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

describe('readSummaryFast', () => {
  let file: SummaryFile;
  let small: SummaryFile;
  beforeAll(async () => {
    file = (await signedKecamatan({ perDesa: 1, seed: 3 })).file;
    // One contest with a candidate record, one with party records: enough for the mutations, and quick.
    small = (await signedKecamatan({ perDesa: 1, seed: 3, contests: ['DPD', 'DPR'] })).file;
  });
  const entries = (f: SummaryFile) => f.contests.flatMap((c) => c.desa.flatMap((d) => d.tps));

  it('reads a signed summary of every contest on the fast path, as zod does', () => {
    expect(expectAsZod(roundTrip(file))).toBe('fast');
  });

  it('says nothing or what zod says, whatever is changed in a vote record', () => {
    const change = fc.record({
      entry: fc.nat(),
      at: fc.nat(),
      how: fc.constantFrom('value', 'key', 'party-member', 'party-drop', 'symbol', 'not-a-record'),
      key: fc.constantFrom(...ODD_KEYS),
      value: fc.constantFrom(...ODD_VALUES),
    });
    const seen = new Set<string>();
    fc.assert(
      fc.property(change, ({ entry, at, how, key, value }) => {
        const copy = roundTrip(small);
        const list = entries(copy);
        const { figures } = list[entry % list.length]!;
        const votes = figures.votes as Record<string, unknown>;
        const keys = Object.keys(votes);
        const target = keys[at % keys.length]!;
        const party = figures.contest === 'DPR' || figures.contest === 'DPRD_PROV' || figures.contest === 'DPRD_KAB';
        if (how === 'value') {
          if (party) put((votes[target] as { candidates: object }).candidates, Object.keys((votes[target] as { candidates: object }).candidates)[0] ?? '1', value);
          else put(votes, target, value);
        } else if (how === 'key') put(party ? (votes[target] as { candidates: object }).candidates : votes, key, party ? value : 1);
        else if (how === 'party-member' && party) put(votes[target] as object, key === '' ? 'extra' : key, 0);
        else if (how === 'party-drop' && party) delete (votes[target] as Record<string, unknown>).total;
        else if (how === 'symbol') put(votes, Symbol('x'), 1);
        else if (how === 'not-a-record') figures.votes = [] as never;
        seen.add(expectAsZod(copy));
      }),
      { numRuns: 150 },
    );
    // Both ways were taken: the property says something about each.
    expect([...seen].sort()).toEqual(['fast', 'zod']);
  });

  it('leaves everything outside the vote records to the schema', () => {
    const stray = { ...roundTrip(file), extra: 1 };
    expect(expectAsZod(stray)).toBe('fast');
    expect(readSummaryFast(stray)).not.toHaveProperty('extra');
    const broken = roundTrip(file);
    (broken.contests[0]!.desa[0]!.tps[0]! as { status: string }).status = 'bogus';
    expect(readSummaryFast(broken)).toBeNull();
  });
});

describe('exactCheck', () => {
  it('answers for a leaf what zod answers, and false where zod would change the value', () => {
    const check = exactCheck(FigureSchema)!;
    for (const v of ODD_VALUES) {
      const r = FigureSchema.safeParse(v);
      expect(check(v)).toBe(r.success && Object.is(r.data, v));
    }
    const plusOne = exactCheck(z.number().transform((n) => n + 1))!;
    expect(plusOne(1)).toBe(false);
    expect(exactCheck(z.number().min(0))!(-0)).toBe(true);
  });

  it('stands in for records and objects only as far as it can', () => {
    expect(exactCheck(z.object({ a: z.number() }).catchall(z.string()))).toBeNull();
    expect(exactCheck(z.object({ a: z.number() }).refine((o) => o.a > 0))).toBeNull();
    expect(exactCheck(z.record(z.enum(['a', 'b']), z.number()))).toBeNull();
    const record = exactCheck(z.record(z.string().regex(/^\d$/), z.object({ n: z.number() })))!;
    expect(record({ 1: { n: 1 }, 2: { n: 2 } })).toBe(true);
    expect(record({ 1: { n: 1, m: 2 } })).toBe(false); // zod would strip m
    expect(record({ 12: { n: 1 } })).toBe(false);
    expect(record(Object.create({ inherited: 1 }) as object)).toBe(false);
    expect(record(new Map())).toBe(false);
  });
});
