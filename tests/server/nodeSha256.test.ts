import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256Hex, setSha256 } from '../../src/domain/canonical/hash.ts';
import { installNodeSha256 } from '../../src/server/nodeSha256.ts';

describe("Node's SHA-256 standing in for Web Crypto's (server and CLI)", () => {
  afterEach(() => setSha256(null));

  it('gives the digest the browser computes, for any text (lone surrogates included) and any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.uint8Array()), async (data) => {
        setSha256(null);
        const web = await sha256Hex(data);
        installNodeSha256();
        expect(await sha256Hex(data)).toBe(web);
      }),
      { numRuns: 300 },
    );
  });

  it('hashes the known vector', async () => {
    installNodeSha256();
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
