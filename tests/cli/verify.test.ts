import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair, exportPublicJwk } from '../../src/domain/crypto/index.ts';
import { PrivateKeyJwkSchema, publicPart, type SummaryFileV2 } from '../../src/domain/summary/index.ts';
import { attest, signedKecamatan, writePugerTallies } from '../domain/summary/helpers.ts';
import { DEMO_SETUP, readJson, run, tempDir } from './helpers.ts';

describe('rekap verify', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let summary: string;
  let server: CryptoKeyPair;
  beforeAll(async () => {
    server = await generateKeyPair(true);
  });
  beforeEach(async () => {
    tmp = await tempDir();
    const key = tmp.path('key.jwk');
    await run('keygen', '-o', key);
    const publicKey = publicPart(PrivateKeyJwkSchema.parse(await readJson(key)));
    const { serverKey, statement } = await attest(server, publicKey);
    await writeFile(tmp.path('enrol.json'), JSON.stringify({ serverKey, attestation: statement }));
    await writeFile(tmp.path('server.jwk'), JSON.stringify(serverKey));
    const tallies = await writePugerTallies(tmp.path('tallies.json'));
    summary = tmp.path('summary.json');
    const signed = await run(
      'sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '--key', key, '--contest', 'PPWP',
      '--signer-name', 'Siti Aminah', '--attestation', tmp.path('enrol.json'), '-o', summary,
    );
    expect(signed.code).toBe(0);
  });
  afterEach(() => tmp.cleanup());

  const edit = async (change: (file: SummaryFileV2) => void, name = 'tampered.json') => {
    const file = await readJson<SummaryFileV2>(summary);
    change(file);
    await writeFile(tmp.path(name), JSON.stringify(file, null, 2));
    return tmp.path(name);
  };

  it('exits 0 for a faithful summary, showing the signer, fingerprint, trusted attestation and hash groups', async () => {
    const r = await run('verify', summary, '--trust', tmp.path('server.jwk'), '--setup', DEMO_SETUP);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = await readJson<SummaryFileV2>(summary);
    expect(r.out).toMatch(/^SAH: .*PUGER \(350908\), PPWP\./);
    expect(r.out).toContain(`Penanda tangan: Siti Aminah (chair), sidik jari kunci ${file.signer.fingerprint}; tanda tangan cocok.`);
    expect(r.out).toContain('sah, server tepercaya');
    expect(r.out).toContain('Setup: sama dengan yang dipakai ringkasan.');
    expect(r.out).toMatch(/SHA-256: ([0-9a-f]{4} ){7}[0-9a-f]{4}\n {9}([0-9a-f]{4} ){7}[0-9a-f]{4}\n/);
  });

  it('exits 1 naming exactly the TPS and the figure when a TPS figure of a (v2) summary is changed', async () => {
    let tps = '';
    let before = 0;
    const tampered = await edit((file) => {
      expect(file.format).toBe('rekap.summary/v2');
      const entry = file.contests[0]!.desa[3]!.tps[0]!;
      tps = entry.tps;
      const votes = entry.figures.votes as Record<string, number>;
      before = votes['2']!;
      votes['2'] = before + 10;
    });
    const r = await run('verify', tampered, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^INVALID: /);
    // The TPS entries are not under the signature but under the signed tree: the signature holds, the leaf does not.
    expect(r.out).toContain('signature matches');
    expect(r.out).toContain(`President, TPS ${tps} (desa `);
    expect(r.out).toContain(`its figures are not the signed ones (its leaf hash does not match): Votes for pair 2 (votes.2) now ${before + 10}, signed ${before}.`);
    expect(r.out).toContain(`${tps} PPWP E08`);
  });

  it('still verifies a v1 summary as before: a changed TPS figure breaks the signature and the totals name where to look', async () => {
    const { file: v1 } = await signedKecamatan({ perDesa: 1, contests: ['PPWP'] });
    const entry = v1.contests[0]!.desa[3]!.tps[0]!;
    await writeFile(tmp.path('v1.json'), JSON.stringify(v1));
    expect((await run('verify', tmp.path('v1.json'))).code).toBe(0);
    (entry.figures.votes as Record<string, number>)['2']! += 10;
    await writeFile(tmp.path('v1-tampered.json'), JSON.stringify(v1));
    const r = await run('verify', tmp.path('v1-tampered.json'), '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toContain('1. The signature does not match the file');
    expect(r.out).toMatch(new RegExp(`President, desa .*Votes for pair 2 \\(votes\\.2\\): stated [\\d,]+, recomputed from 1 TPS [\\d,]+\\. Check TPS ${entry.tps}`));
  });

  it('--json gives the report with messages in the chosen language', async () => {
    const tampered = await edit((file) => {
      file.contests[0]!.kecamatan.figures.valid! += 1;
    });
    const r = await run('verify', tampered, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ format: 'rekap.verification/v1', valid: false, signatureValid: false, setup: 'not-supplied' });
    expect(json.hashGroups).toHaveLength(16);
    expect(json.failures.map((f: { kind: string }) => f.kind)).toEqual(['signature-invalid', 'total-mismatch']);
    expect(json.failures[1]).toMatchObject({ level: 'kecamatan', path: 'valid', contest: 'PPWP' });
    expect(json.failures[1].message).toContain('tertulis');
  });

  it('checks the attestation against --trust', async () => {
    const stranger = await exportPublicJwk((await generateKeyPair()).publicKey);
    await writeFile(tmp.path('stranger.jwk'), JSON.stringify(stranger));
    const r = await run('verify', summary, '--trust', tmp.path('stranger.jwk'), '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toContain('not by the trusted server');
    // A private key passed as the trust file works, with a warning.
    await run('keygen', '-o', tmp.path('private.jwk'));
    const priv = await run('verify', summary, '--trust', tmp.path('private.jwk'), '--lang', 'en');
    expect(priv.err).toContain('holds a private key');
  });

  it('exits 1 when the setup is another one', async () => {
    const setup = JSON.parse(await readFile(DEMO_SETUP, 'utf8'));
    setup.desa[0].name = 'DESA LAIN';
    await writeFile(tmp.path('setup.json'), JSON.stringify(setup));
    const r = await run('verify', summary, '--setup', tmp.path('setup.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('Ringkasan dibuat dengan setup lain');
  });

  it('exits 2 for a truncated, missing or foreign file', async () => {
    const text = await readFile(summary, 'utf8');
    await writeFile(tmp.path('cut.json'), text.slice(0, Math.floor(text.length * 0.7)));
    const cut = await run('verify', tmp.path('cut.json'));
    expect(cut.code).toBe(2);
    expect(cut.err).toMatch(/terpotong: isinya berhenti sebelum lengkap \(baris \d+, kolom \d+\)/);
    expect((await run('verify', tmp.path('none.json'))).code).toBe(2);
    const tallies = await run('verify', tmp.path('tallies.json'), '--lang', 'en');
    expect(tallies.code).toBe(2);
    expect(tallies.err).toContain('not a rekap.summary/v1 / rekap.summary/v2 summary (format "rekap.tallies/v1")');
    expect((await run('verify')).code).toBe(2);
  });
});
