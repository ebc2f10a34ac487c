import { readFile, stat, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint, signText, verifyText } from '../../src/domain/crypto/index.ts';
import { importPrivateJwk, PrivateKeyJwkSchema, publicPart } from '../../src/domain/summary/index.ts';
import { readJson, run, tempDir } from './helpers.ts';

describe('rekap keygen', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('writes a P-256 private JWK readable by its owner only and prints its fingerprint', async () => {
    const r = await run('keygen', '-o', tmp.path('key.jwk'), '--public', tmp.path('public.jwk'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const jwk = PrivateKeyJwkSchema.parse(await readJson(tmp.path('key.jwk')));
    expect((await stat(tmp.path('key.jwk'))).mode & 0o777).toBe(0o600);
    const print = await fingerprint(publicPart(jwk));
    expect(r.out).toContain(`Sidik jari: ${print}`);
    expect(await readJson(tmp.path('public.jwk'))).toEqual(publicPart(jwk));
    // It is a working key pair: it signs, and its public part verifies.
    const key = await importPrivateJwk(jwk);
    const sig = await signText(key!, 'test/v1', 'halo');
    expect(await verifyText(publicPart(jwk), 'test/v1', 'halo', sig)).toBe(true);
  });

  it('gives a new key each time', async () => {
    await run('keygen', '-o', tmp.path('a.jwk'));
    await run('keygen', '-o', tmp.path('b.jwk'), '--lang', 'en');
    const a = await readJson<{ d: string }>(tmp.path('a.jwk'));
    const b = await readJson<{ d: string }>(tmp.path('b.jwk'));
    expect(a.d).not.toBe(b.d);
  });

  it('never overwrites an existing file (exit 2, file untouched)', async () => {
    await writeFile(tmp.path('key.jwk'), 'kunci lama');
    const r = await run('keygen', '-o', tmp.path('key.jwk'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toContain('already exists');
    expect(await readFile(tmp.path('key.jwk'), 'utf8')).toBe('kunci lama');
  });

  it('needs -o', async () => {
    const r = await run('keygen');
    expect(r.code).toBe(2);
    expect(r.err).toContain('-o');
  });
});
