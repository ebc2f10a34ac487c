import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  confirmFailureText,
  confirmHashGroups,
  HASH_GROUP_COUNT,
  pickGroupPositions,
  summaryHashGroups,
} from '../../../src/domain/summary/index.ts';

const HASH = '81e7636a4bc38469ac8103a5671dc9145e0562b995628625e09d8b2777e3341f';

describe('binding the file to the paper: two hash groups typed from the D.Hasil', () => {
  it('picks two different positions among the 16 groups, sorted, from any random source', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), (draws) => {
        let i = 0;
        const positions = pickGroupPositions((n) => draws[i++]! % n);
        expect(positions).toHaveLength(2);
        expect(new Set(positions).size).toBe(2);
        expect(positions.every((p) => p >= 0 && p < HASH_GROUP_COUNT)).toBe(true);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }),
    );
    // Every position can come up (no group is never asked).
    const seen = new Set<number>();
    for (let a = 0; a < 16; a++) {
      const draws = [a, 0];
      for (const p of pickGroupPositions((n) => draws.shift()! % n)) seen.add(p);
    }
    expect(seen.size).toBe(16);
    expect(() => pickGroupPositions(() => 16)).toThrow(RangeError);
  });

  it('accepts the groups as printed, in any case and with stray spaces', () => {
    const groups = summaryHashGroups(HASH);
    expect(groups).toHaveLength(16);
    expect(confirmHashGroups(HASH, [2, 11], [groups[2]!.toUpperCase(), ` ${groups[11]!.slice(0, 2)} ${groups[11]!.slice(2)} `])).toEqual({
      ok: true,
      value: true,
    });
  });

  it('names every wrong or malformed group', () => {
    const result = confirmHashGroups(HASH, [0, 15], ['81e8', 'xyz']);
    expect(result).toEqual({
      ok: false,
      error: [
        { kind: 'group-mismatch', position: 0, typed: '81e8' },
        { kind: 'group-malformed', position: 15, typed: 'xyz' },
      ],
    });
    if (result.ok) return;
    expect(confirmFailureText(result.error[0]!).id).toContain('Kelompok ke-1');
    expect(confirmFailureText(result.error[1]!).en).toContain('Group 16');
  });

  it('a group of another file does not pass', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), fc.integer({ min: 0, max: 15 }), (other, position) => {
        const typed = summaryHashGroups(other)[position]!;
        const expected = summaryHashGroups(HASH)[position]!;
        expect(confirmHashGroups(HASH, [position], [typed]).ok).toBe(typed === expected);
      }),
    );
  });
});
