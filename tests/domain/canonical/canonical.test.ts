import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashGroups, sha256Hex } from '../../../src/domain/canonical/index.ts';

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    // number serialisation (RFC 8785 §3.2.2.3, ECMAScript Number.prototype.toString)
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [-0, '0'],
    [0.000001, '0.000001'],
    [1e-7, '1e-7'],
    [4.5, '4.5'],
    // eslint-disable-next-line no-loss-of-precision -- the RFC 8785 vector is written this way on purpose
    [333333333.33333329, '333333333.3333333'],
    [-1.5e-300, '-1.5e-300'],
    [9007199254740992, '9007199254740992'],
    // strings: only the mandatory escapes, everything else as UTF-8 characters
    ['\u20ac$\u000f\nA\'B"\\\\"/', '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"'],
    ['\u0000\u001f\b\f\r\t', '"\\u0000\\u001f\\b\\f\\r\\t"'],
    ['é😀', '"é😀"'],
    [null, 'null'],
    [true, 'true'],
    [[], '[]'],
    [{}, '{}'],
  ])('serialises %j as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('sorts keys by UTF-16 code units, recursively (the RFC 8785 §3.2.3 example)', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order off the string: JSON.parse would move the integer-like key "1" first again.
    const keys = [...canonicalJson(value).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(canonicalJson({ b: [{ z: 1, a: 2 }], a: { d: null, c: 'x' } })).toBe('{"a":{"c":"x","d":null},"b":[{"a":2,"z":1}]}');
  });

  it('matches the RFC 8785 §3.2.2 sample output', () => {
    const input = {
      // eslint-disable-next-line no-loss-of-precision -- verbatim RFC 8785 input
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\u005c"\u002f',
      literals: [null, true, false],
    };
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('does not depend on key insertion order', () => {
    const entries = fc.uniqueArray(fc.tuple(fc.string(), fc.jsonValue()), { selector: ([k]) => k, maxLength: 12 });
    fc.assert(
      fc.property(
        entries.chain((e) => fc.tuple(fc.constant(e), fc.shuffledSubarray(e, { minLength: e.length }))),
        ([a, b]) => {
          expect(canonicalJson(Object.fromEntries(b))).toBe(canonicalJson(Object.fromEntries(a)));
        },
      ),
    );
  });

  it('round-trips: parsing the canonical form gives an equal value, and canonicalising again is stable', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = canonicalJson(value);
        expect(canonicalJson(JSON.parse(json))).toBe(json);
      }),
    );
  });

  it('refuses values without a JSON representation', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(Symbol('x'))).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow();
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
    expect(() => canonicalJson('\ud800')).toThrow(); // lone surrogate
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow();
  });

  it('drops undefined object members like JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('hashes %j to the FIPS 180-2 vector', async (input, expected) => {
    expect(await sha256Hex(input)).toBe(expected);
  });

  it('hashes strings as UTF-8, the same as their encoded bytes', async () => {
    const text = 'Rekapitulasi — Puger € 😀';
    expect(await sha256Hex(text)).toBe(await sha256Hex(new TextEncoder().encode(text)));
    expect(await sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(await sha256Hex('abc'));
  });
});

describe('hashGroups', () => {
  it('splits a SHA-256 digest into 16 groups of 4', async () => {
    const groups = hashGroups(await sha256Hex('abc'));
    expect(groups).toHaveLength(16);
    expect(groups.every((g) => /^[0-9a-f]{4}$/.test(g))).toBe(true);
    expect(groups.slice(0, 3)).toEqual(['ba78', '16bf', '8f01']);
    expect(groups.join('')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('supports other sizes, a shorter last group, and refuses a size below 1', () => {
    expect(hashGroups('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(hashGroups('', 4)).toEqual([]);
    expect(() => hashGroups('abcd', 0)).toThrow(RangeError);
  });
});
