import { describe, expect, it } from 'vitest';
import { exportPublicJwk, fingerprint, generateKeyPair, signText, verifyText } from '../../../src/domain/crypto/index.ts';

describe('device keys (ECDSA P-256)', () => {
  it('verifies its own signature and refuses another message, another domain or another key', async () => {
    const pair = await generateKeyPair();
    const other = await generateKeyPair();
    const jwk = await exportPublicJwk(pair.publicKey);
    const sig = await signText(pair.privateKey, 'rekap.op/v1', '{"a":1}');
    expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(await verifyText(jwk, 'rekap.op/v1', '{"a":1}', sig)).toBe(true);
    expect(await verifyText(jwk, 'rekap.op/v1', '{"a":2}', sig)).toBe(false);
    expect(await verifyText(jwk, 'rekap.summary/v1', '{"a":1}', sig)).toBe(false);
    expect(await verifyText(await exportPublicJwk(other.publicKey), 'rekap.op/v1', '{"a":1}', sig)).toBe(false);
    expect(await verifyText(jwk, 'rekap.op/v1', '{"a":1}', 'not-a-signature')).toBe(false);
  });

  it('keeps a browser device key non-extractable', async () => {
    const pair = await generateKeyPair();
    expect(pair.privateKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('jwk', pair.privateKey)).rejects.toThrow();
  });

  it('gives a short, stable fingerprint of the public key', async () => {
    const pair = await generateKeyPair();
    const jwk = await exportPublicJwk(pair.publicKey);
    const print = await fingerprint(jwk);
    expect(print).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    expect(await fingerprint({ ...jwk })).toBe(print);
  });
});
