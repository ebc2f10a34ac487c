import { describe, expect, it } from 'vitest';
import { tpsCode, type DesaCode } from '../../src/domain/codes/codes.ts';
import { emptyTally, setFigure } from '../../src/domain/tally/fields.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import type { ContestSetup } from '../../src/domain/setup/schema.ts';
import { resolvedRecord } from '../../src/sync/conflicts.ts';

const PPWP = { id: 'PPWP', candidates: [1, 2, 3].map((number) => ({ number, name: `Paslon ${number}` })) } as unknown as ContestSetup;
const TPS = tpsCode('3509082001' as DesaCode, 1);
const form = (vote: number): Tally => ({ ...setFigure(emptyTally(TPS, PPWP), 'votes.1', vote), status: 'draft' });

/** A value typed while settling a conflict is a figure like any other (issue 14: 0–999,999). */
describe('settling a conflict with a typed value', () => {
  it.each([1e308, 1_000_000, -1, 1.5])('refuses %s in words', (value) => {
    const r = resolvedRecord(form(10), form(12), { cells: { 'votes.1': { from: 'typed', value } }, meta: 'server' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toEqual({ id: expect.stringContaining('0–999.999') as string, en: expect.stringContaining('0–999,999') as string });
  });

  it('takes 999,999 (E11 then flags it for people to decide)', () => {
    const r = resolvedRecord(form(10), form(12), { cells: { 'votes.1': { from: 'typed', value: 999_999 } }, meta: 'server' });
    expect(r.ok && r.value.votes).toMatchObject({ 1: 999_999 });
  });
});
