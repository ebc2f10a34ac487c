// @vitest-environment jsdom
// The browser path: the same domain code, unchanged, under a DOM environment (jsdom). The Chromium
// run of the same check belongs to the end-to-end tests (tests/e2e), once the Verify screen ships.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PublicKeyJwkSchema } from '../../../src/domain/crypto/index.ts';
import { verifySummaryText } from '../../../src/domain/summary/index.ts';
import { roundTrip, signedKecamatan } from './helpers.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const signedInNode = readFileSync(join(FIXTURES, 'puger-ppwp.summary.json'), 'utf8');
const serverKey = PublicKeyJwkSchema.parse(JSON.parse(readFileSync(join(FIXTURES, 'server-key.jwk'), 'utf8')));

describe('cross-runtime (jsdom)', () => {
  it('runs in a DOM environment', () => {
    expect(typeof window).toBe('object');
    expect(typeof document.createElement).toBe('function');
  });

  it('verifies a summary signed in Node by the CLI, with the hash printed on its paper', async () => {
    // Without the setup: the demo setup may evolve, the file must keep verifying on its own.
    const result = await verifySummaryText(signedInNode, { trust: serverKey });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.failures).toEqual([]);
    expect(result.value.hashGroups.join(' ')).toBe('9115 c651 74ad 9320 3fd7 847a e159 5e02 212c 1533 b2ce afcb b1b4 c5dc 5d1d e229');
    expect(result.value.summary.signer.name).toBe('Ketua PPK Puger');
  });

  it('detects one changed digit in that file', async () => {
    const changed = signedInNode.replace(/"valid":(\d)/, (_m, d: string) => `"valid":${(Number(d) + 1) % 10}`);
    expect(changed).not.toBe(signedInNode);
    const result = await verifySummaryText(changed, { trust: serverKey });
    expect(result.ok && result.value.valid).toBe(false);
  });

  it('signs and verifies here too', async () => {
    const signed = await signedKecamatan({ perDesa: 1, contests: ['PPWP'] });
    const result = await verifySummaryText(JSON.stringify(roundTrip(signed.file)), { trust: signed.serverKey });
    expect(result.ok && result.value.failures).toEqual([]);
  });
});
