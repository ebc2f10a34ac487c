import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical/index.ts';
import { canonicalTextMembers } from '../../../src/domain/canonical/text.ts';

/** What the scanner must never get wrong: accepting a text that canonicalJson would write otherwise. */
function expectSound(text: string): void {
  if (canonicalTextMembers(text) === null) return;
  expect(canonicalJson(JSON.parse(text))).toBe(text);
}

// Strings over the whole UTF-16 range, lone surrogates and control characters included.
const anyString = fc.string({ unit: 'binary' });
const tricky = fc.oneof(
  anyString,
  fc.constantFrom('', '"', '\\', '/', '\u0000', '\u001f', '\b\f\n\r\t', '\u007f', '\u2028', 'é', '😀', '\ud800', '\udc00x'),
);
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  // 2 ** 53 + 2 and 10 ** 17 + 2: integers past the exact range, printed in ECMAScript's own way
  fc.constantFrom(-0, 1e21, 1e20, 1e-7, 0.000001, 2 ** 53 + 2, 10 ** 17 + 2),
);
const jsonLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, tricky, number, fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(tricky, fc.constantFrom('1', '2', '10', '__proto__')), tie('value'), { maxKeys: 5 }),
})).object;

describe('canonicalTextMembers', () => {
  it('finds every canonical object text canonical, with its members as spans in key order', () => {
    fc.assert(
      fc.property(jsonLike, (value) => {
        let text: string;
        try {
          text = canonicalJson(value);
        } catch {
          return; // lone surrogates: canonicalJson refuses them, nothing to recognise
        }
        const members = canonicalTextMembers(text);
        expect(members).not.toBeNull();
        const keys = Object.keys(value).sort();
        expect(members!.map((m) => m.key)).toEqual(keys);
        expect(`{${members!.map((m) => text.slice(m.start, m.end)).join(',')}}`).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a text only when canonicalJson of its value gives it back byte for byte', () => {
    fc.assert(
      fc.property(jsonLike, fc.nat(), fc.constantFrom(undefined, 1, '\t'), (value, cut, indent) => {
        const text = JSON.stringify(value, null, indent);
        expectSound(text);
        expectSound(text.slice(0, cut % (text.length + 1)));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a number not in ECMAScript form', '{"a":1.0}'],
    ['minus zero', '{"a":-0}'],
    ['a leading zero', '{"a":01}'],
    ['an exponent ECMAScript would not write', '{"a":1e21}'],
    ['a number too large for a double', '{"a":1e400}'],
    ['an integer that does not survive as a double', '{"a":12345678901234567}'],
    ['an escaped solidus', '{"a":"\\/"}'],
    ['a needless \\u escape', '{"a":"\\u00e9"}'],
    ['an upper-case \\u escape', '{"a":"\\u001F"}'],
    ['\\u000a instead of \\n', '{"a":"\\u000a"}'],
    ['an escaped lone surrogate', '{"a":"\\ud800"}'],
    ['a raw lone surrogate', '{"a":"\ud800"}'],
    ['keys out of order', '{"b":1,"a":2}'],
    ['integer-like keys in numeric order', '{"1":1,"2":2,"10":3}'],
    ['a duplicate key', '{"a":1,"a":2}'],
    ['whitespace', '{"a": 1}'],
    ['a trailing newline', '{"a":1}\n'],
    ['a BOM', '\ufeff{"a":1}'],
    ['not an object', '[1]'],
    ['truncated', '{"a":[1,2'],
    ['not JSON', '{a:1}'],
  ])('refuses %s', (_, text) => {
    expect(canonicalTextMembers(text)).toBeNull();
  });

  it.each([
    ['integer-like keys in code-unit order', '{"1":1,"10":3,"2":2}'],
    ['numbers as ECMAScript writes them', '{"a":[0,-1,1e+21,100000000000000000000,1e-7,4.5,9007199254740992]}'],
    ['the short escapes and \\u00xx for the other control characters', '{"a":"\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f"}'],
    ['characters above U+001F unescaped, pairs of surrogates included', '{"a":"/\u007f\u2028é😀"}'],
    ['keys with escapes, compared decoded', '{"\\n":1,"\\"":2,"a":3}'],
  ])('accepts %s', (_, text) => {
    expect(canonicalTextMembers(text)).not.toBeNull();
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('gives up on nesting deeper than it scans, without overflowing the stack', () => {
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(canonicalTextMembers(deep)).toBeNull();
  });
});
