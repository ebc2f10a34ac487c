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

  it('says nothing or what zod says, whatever else is changed in a TPS entry', () => {
    const WARNINGS = [
      { code: 'W01', reason: 'dibaca ulang' },
      { code: 'W01', reason: 'dibaca ulang', by: 'Siti', at: null },
      { code: 'W01', reason: '' },
      { code: 'X1', reason: 'r' },
      { code: 'W02', reason: 'r', by: undefined },
      { code: 'W02', reason: 'r', extra: 1 },
    ];
    const change = fc.record({
      entry: fc.nat(),
      how: fc.constantFrom('entry-member', 'status', 'tps', 'warning', 'gender-row', 'gender-member', 'ballots', 'contest', 'drop'),
      value: fc.constantFrom(...ODD_VALUES, 'final', 'verified', '3509082001001', 'PPWP', 'DPR', 'DPD'),
      warning: fc.constantFrom(...WARNINGS),
    });
    const seen = new Set<string>();
    fc.assert(
      fc.property(change, ({ entry, how, value, warning }) => {
        const copy = roundTrip(small);
        const list = entries(copy);
        const target = list[entry % list.length]! as unknown as Record<string, Record<string, unknown>>;
        const figures = target.figures!;
        if (how === 'entry-member') put(target, 'extra', value);
        else if (how === 'status') put(target, 'status', value);
        else if (how === 'tps') put(target, 'tps', value);
        else if (how === 'warning') (target.acceptedWarnings as unknown as unknown[]).push({ ...warning });
        else if (how === 'gender-row') put((figures.voters as Record<string, object>).dpt!, 'male', value);
        else if (how === 'gender-member') put((figures.voters as Record<string, object>).dpt!, 'extra', value);
        else if (how === 'ballots') put(figures.ballots as object, 'used', value);
        else if (how === 'contest') put(figures, 'contest', value);
        else delete figures.valid;
        seen.add(expectAsZod(copy));
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual(['fast', 'zod']);
  });

  it('leaves everything outside the TPS entries to the schema', () => {
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

  it('stands in for records, objects, arrays and discriminated unions only as far as it can', () => {
    expect(exactCheck(z.object({ a: z.number() }).catchall(z.string()))).toBeNull();
    expect(exactCheck(z.object({ a: z.number() }).refine((o) => o.a > 0))).toBeNull();
    expect(exactCheck(z.record(z.enum(['a', 'b']), z.number()))).toBeNull();
    const record = exactCheck(z.record(z.string().regex(/^\d$/), z.object({ n: z.number() })))!;
    expect(record({ 1: { n: 1 }, 2: { n: 2 } })).toBe(true);
    expect(record({ 1: { n: 1, m: 2 } })).toBe(false); // zod would strip m
    expect(record({ 12: { n: 1 } })).toBe(false);
    expect(record(Object.create({ inherited: 1 }) as object)).toBe(false);
    expect(record(new Map())).toBe(false);
    expect(exactCheck(z.array(z.number()).min(1))).toBeNull();
    const optional = exactCheck(z.object({ a: z.number(), b: z.string().optional(), c: z.string().default('x') }))!;
    expect(optional({ a: 1, c: 'y' })).toBe(true);
    expect(optional({ a: 1, b: 'z', c: 'y' })).toBe(true);
    expect(optional({ a: 1 })).toBe(false); // zod would fill in c
    const union = exactCheck(z.discriminatedUnion('k', [z.object({ k: z.literal('a'), n: z.number() }), z.object({ k: z.enum(['b', 'c']), s: z.string() })]))!;
    expect(union({ k: 'a', n: 1 })).toBe(true);
    expect(union({ k: 'c', s: 'x' })).toBe(true);
    expect(union({ k: 'a', s: 'x' })).toBe(false);
    expect(union({ k: 'd', n: 1 })).toBe(false);
  });
});
