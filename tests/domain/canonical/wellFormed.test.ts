import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical/json.ts';
import { hasLoneSurrogate, loneSurrogateAt } from '../../../src/domain/canonical/wellFormed.ts';

describe('well-formed text (issue 14)', () => {
  it('finds a lone surrogate in a value or a key, at any depth, and names its place', () => {
    expect(loneSurrogateAt({ a: [1, 'x', { b: 'y\ud800' }] })).toEqual(['a', 2, 'b']);
    expect(loneSurrogateAt({ a: { ['k\udfff']: 1 } })).toEqual(['a', 'k\udfff']);
    expect(loneSurrogateAt('\udc00\ud800')).toEqual([]);
    expect(loneSurrogateAt(JSON.parse(`${'['.repeat(20_000)}"\\ud800"${']'.repeat(20_000)}`))).toHaveLength(20_000);
  });

  it('passes paired surrogates (emoji) and every other string, as canonical JSON does', () => {
    const fine = { name: 'Siti 🗳️', desa: 'PUGER KULON', n: [1, null, true] };
    expect(loneSurrogateAt(fine)).toBeNull();
    expect(() => canonicalJson(fine)).not.toThrow();
    for (const s of ['\ud800', 'a\udfffb', '\udc00\ud800']) {
      expect(hasLoneSurrogate(s)).toBe(true);
      expect(() => canonicalJson({ s })).toThrow();
    }
    expect(hasLoneSurrogate('\ud83d\uddf3')).toBe(false);
  });
});
