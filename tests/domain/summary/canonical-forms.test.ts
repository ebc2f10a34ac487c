import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical/index.ts';
import { canonicalForms, signingMessage } from '../../../src/domain/summary/index.ts';

const member = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.jsonValue());
const file = fc
  .tuple(fc.dictionary(fc.string(), member), fc.option(fc.string(), { nil: undefined }))
  .map(([record, signature]) => JSON.parse(JSON.stringify(signature === undefined ? record : { ...record, signature })) as object);

describe('canonicalForms (both canonical strings from one serialisation)', () => {
  it('equals canonicalJson of the whole value and of the value without its signature', () => {
    fc.assert(
      fc.property(file, (json) => {
        const forms = canonicalForms(json);
        expect(forms.full).toBe(canonicalJson(json));
        expect(forms.message).toBe(signingMessage(json));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same strings from the text the value was parsed from, canonical or not', () => {
    fc.assert(
      fc.property(file, fc.constantFrom(undefined, 2), (json, indent) => {
        const text = indent === undefined ? canonicalJson(json) : JSON.stringify(json, null, indent);
        expect(canonicalForms(json, text)).toEqual(canonicalForms(json));
      }),
      { numRuns: 300 },
    );
  });

  it('takes a canonical text as it is, without serialising the value again', () => {
    const value = { b: [1, 2], a: 'x', signature: 'sig' };
    const text = canonicalJson(value);
    // A member that throws when serialised shows that the value is not serialised when its text is canonical.
    const untouchable = {
      ...value,
      b: {
        toJSON: () => {
          throw new Error('serialised again');
        },
      },
    };
    expect(() => canonicalForms(untouchable)).toThrow();
    expect(canonicalForms(untouchable, text)).toEqual({ full: text, message: '{"a":"x","b":[1,2]}' });
  });

  it('ignores a canonical text whose members are not the value\'s', () => {
    const value = { a: 1, signature: 's' };
    expect(canonicalForms(value, '{"a":1,"b":2,"signature":"s"}')).toEqual(canonicalForms(value));
  });
});
