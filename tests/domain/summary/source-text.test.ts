import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical/index.ts';
import { summaryHash, verifySummary, verifySummaryText, type SummaryReport } from '../../../src/domain/summary/index.ts';
import { signedKecamatan, type Signed } from './helpers.ts';

/** Verification from the file's own text (hashed as it is when canonical) must agree with verification from the value. */
describe('verifying from the source text', () => {
  let signed: Signed;
  let canonical: string;
  beforeAll(async () => {
    signed = await signedKecamatan({ perDesa: 2, seed: 5, contests: ['PPWP', 'DPR'] });
    canonical = canonicalJson(signed.file);
  });

  const fromText = async (text: string): Promise<SummaryReport> => {
    const result = await verifySummaryText(text, { trust: signed.serverKey, setup: signed.setup });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };
  const fromValue = async (text: string): Promise<SummaryReport> => {
    const result = await verifySummary(JSON.parse(text.replace(/^\uFEFF/, '')), { trust: signed.serverKey, setup: signed.setup });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };
  const verdict = ({ valid, hash, signatureValid, failures }: SummaryReport) => ({ valid, hash, signatureValid, failures });

  it('gives the canonical hash whether the file is canonical, re-indented or starts with a BOM', async () => {
    const hash = await summaryHash(signed.file);
    for (const text of [canonical, JSON.stringify(signed.file, null, 2), `\uFEFF${canonical}`]) {
      const r = await fromText(text);
      expect(r.valid).toBe(true);
      expect(r.hash).toBe(hash);
      expect(verdict(r)).toEqual(verdict(await fromValue(text)));
    }
  });

  it('still catches one changed digit in a file that stays canonical', async () => {
    // The first TPS vote figure of PPWP pair 1, changed in the text itself: the file stays canonical.
    const at = canonical.indexOf('"votes":{"1":', canonical.indexOf('"tps":[')) + '"votes":{"1":'.length;
    const digit = canonical[at]!;
    const tampered = `${canonical.slice(0, at)}${digit === '9' ? '8' : String(Number(digit) + 1)}${canonical.slice(at + 1)}`;
    const r = await fromText(tampered);
    expect(r.valid).toBe(false);
    expect(r.signatureValid).toBe(false);
    expect(r.hash).not.toBe(await summaryHash(signed.file));
    expect(r.failures.map((f) => f.kind)).toEqual(['signature-invalid', 'total-mismatch', 'total-mismatch']);
    expect(verdict(r)).toEqual(verdict(await fromValue(tampered)));
  });
});
