import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPublicJwk, fingerprint } from '../../src/domain/crypto/index.ts';
import { PrivateKeyJwkSchema, publicPart, signedHeadOf, summaryHash, verifySummary, type SummaryFile } from '../../src/domain/summary/index.ts';
import { canonicalJson } from '../../src/domain/canonical/index.ts';
import { attest, writePugerTallies } from '../domain/summary/helpers.ts';
import { DEMO_SETUP, readJson, run, tempDir } from './helpers.ts';
import { generateKeyPair } from '../../src/domain/crypto/index.ts';

describe('rekap sign-summary', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let tallies: string;
  let key: string;
  beforeEach(async () => {
    tmp = await tempDir();
    tallies = await writePugerTallies(tmp.path('tallies.json'));
    key = tmp.path('key.jwk');
    expect((await run('keygen', '-o', key)).code).toBe(0);
  });
  afterEach(() => tmp.cleanup());

  const sign = (...extra: string[]) =>
    run('sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '--key', key, '-o', tmp.path('summary.json'), ...extra);

  it('writes a summary of every contest that verifies, and prints the fingerprint and the 16 hash groups', async () => {
    const r = await sign('--signer-name', 'Siti Aminah');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = await readJson<SummaryFile>(tmp.path('summary.json'));
    expect(file.contests.map((c) => c.contest)).toEqual(['PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB']);
    const publicKey = publicPart(PrivateKeyJwkSchema.parse(await readJson(key)));
    expect(file.signer).toEqual({ name: 'Siti Aminah', role: 'chair', publicKey, fingerprint: await fingerprint(publicKey) });
    expect(file.attestation).toBeNull();
    const result = await verifySummary(file);
    expect(result.ok && result.value.valid).toBe(true);
    expect(file.format).toBe('rekap.summary/v2');
    const groups = (await summaryHash(file)).match(/.{4}/g)!;
    // The file is its own canonical form; the printed hash is that of its signed head (the file without TPS entries).
    expect(await readFile(tmp.path('summary.json'), 'utf8')).toBe(canonicalJson(file));
    expect(createHash('sha256').update(canonicalJson(signedHeadOf(file))).digest('hex')).toBe(groups.join(''));
    expect(r.out).toContain(`  ${groups.slice(0, 8).join(' ')}\n  ${groups.slice(8).join(' ')}\n`);
    expect(r.out).toContain(file.signer.fingerprint);
    expect(r.out).toContain('PPWP 12/364');
  });

  it('signs one contest with --contest, another role with --role, and carries an enrolment attestation', async () => {
    const server = await generateKeyPair(true);
    const publicKey = publicPart(PrivateKeyJwkSchema.parse(await readJson(key)));
    const { serverKey, statement } = await attest(server, publicKey, { role: 'clerk' });
    await writeFile(tmp.path('enrol.json'), JSON.stringify({ serverKey, attestation: statement }));
    const r = await sign('--contest', 'DPD', '--role', 'clerk', '--attestation', tmp.path('enrol.json'), '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toContain('with server attestation');
    const file = await readJson<SummaryFile>(tmp.path('summary.json'));
    expect(file.contests.map((c) => c.contest)).toEqual(['DPD']);
    expect(file.signer.role).toBe('clerk');
    const result = await verifySummary(file, { trust: await exportPublicJwk(server.publicKey) });
    expect(result.ok && result.value.failures).toEqual([]);
  });

  it('signs anyway but warns when TPS figures have error findings', async () => {
    tallies = await writePugerTallies(tmp.path('broken.json'), 1, (all) => all.map((t, i) => (i === 0 ? { ...t, valid: (t.valid ?? 0) + 3 } : t)));
    const r = await sign('--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Warning: \d+ error findings/);
  });

  it('refuses bad input with exit 2 and writes nothing', async () => {
    await writeFile(tmp.path('notakey.jwk'), JSON.stringify({ kty: 'EC', crv: 'P-256' }));
    const notKey = await run('sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '--key', tmp.path('notakey.jwk'), '-o', tmp.path('s.json'));
    expect(notKey.code).toBe(2);
    expect(notKey.err).toContain('notakey.jwk');

    // A key file whose private part belongs to another key must not sign under this public key.
    const other = tmp.path('other.jwk');
    await run('keygen', '-o', other);
    const spliced = { ...(await readJson<object>(key)), d: (await readJson<{ d: string }>(other)).d };
    await writeFile(tmp.path('spliced.jwk'), JSON.stringify(spliced));
    const splicedRun = await run('sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '--key', tmp.path('spliced.jwk'), '-o', tmp.path('s.json'), '--lang', 'en');
    expect(splicedRun.code).toBe(2);
    expect(splicedRun.err).toContain('do not match');

    const twice = await writePugerTallies(tmp.path('twice.json'), 1, (all) => [...all, all[0]!]);
    const dup = await run('sign-summary', '--tallies', twice, '--setup', DEMO_SETUP, '--key', key, '-o', tmp.path('s.json'), '--lang', 'en');
    expect(dup.code).toBe(2);
    expect(dup.err).toContain('two tallies for TPS');

    expect((await sign('--role', 'king')).code).toBe(2);
    expect((await sign('--contest', 'DPRD')).code).toBe(2);
    expect((await run('sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '-o', tmp.path('s.json'))).code).toBe(2);
    await expect(readJson(tmp.path('s.json'))).rejects.toThrow();
  });
});
