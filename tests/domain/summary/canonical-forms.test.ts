import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical/index.ts';
import { canonicalForms, signingMessage } from '../../../src/domain/summary/index.ts';

describe('canonicalForms (both canonical strings from one serialisation)', () => {
  it('equals canonicalJson of the whole value and of the value without its signature', () => {
    const member = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.jsonValue());
    fc.assert(
      fc.property(fc.dictionary(fc.string(), member), fc.option(fc.string(), { nil: undefined }), (record, signature) => {
        const value = signature === undefined ? record : { ...record, signature };
        const json = JSON.parse(JSON.stringify(value)) as object;
        const forms = canonicalForms(json);
        expect(forms.full).toBe(canonicalJson(json));
        expect(forms.message).toBe(signingMessage(json));
      }),
      { numRuns: 300 },
    );
  });
});
