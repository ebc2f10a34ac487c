import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summaryHash, type Proof, type SummaryFileV2 } from '../../src/domain/summary/index.ts';
import { figurePaths, getFigure } from '../../src/domain/tally/fields.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import { signedKecamatan, writePugerTallies } from '../domain/summary/helpers.ts';
import { DEMO_SETUP, readJson, run, tempDir } from './helpers.ts';

describe('rekap prove / rekap verify-proof', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let summary: string;
  let groups: string;
  let tps: string;
  const sign = async (out: string) => {
    const r = await run('sign-summary', '--tallies', tmp.path('tallies.json'), '--setup', DEMO_SETUP, '--key', tmp.path('key.jwk'), '--signer-name', 'Siti Aminah', '-o', out);
    expect(r.code).toBe(0);
    const file = await readJson<SummaryFileV2>(out);
    // As typed from the paper: upper case, groups separated by spaces.
    return { file, groups: (await summaryHash(file)).toUpperCase().match(/.{4}/g)!.join(' ') };
  };
  beforeEach(async () => {
    tmp = await tempDir();
    expect((await run('keygen', '-o', tmp.path('key.jwk'))).code).toBe(0);
    await writePugerTallies(tmp.path('tallies.json'));
    summary = tmp.path('summary.json');
    const signed = await sign(summary);
    groups = signed.groups;
    tps = signed.file.contests[0]!.desa[2]!.tps[0]!.tps;
  });
  afterEach(() => tmp.cleanup());

  const prove = async (...extra: string[]) => {
    const r = await run('prove', summary, '--tps', tps, '-o', tmp.path('proof.json'), ...extra);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    return readJson<Proof>(tmp.path('proof.json'));
  };

  it('a proof of one TPS verifies against the printed groups (exit 0) and lists its figures to compare with the C.Hasil', async () => {
    const proof = await prove();
    expect(proof.format).toBe('rekap.proof/v1');
    expect(proof.entries.map((e) => e.entry.figures.contest)).toEqual(['PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB']);
    const r = await run('verify-proof', tmp.path('proof.json'), '--root', groups);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^TERMASUK: .*TPS ${tps}, PUGER \\(350908\\)`));
    expect(r.out).toContain(`Presiden (PPWP), TPS ${tps}: termasuk`);
    const ppwp = proof.entries[0]!.entry.figures as unknown as Tally;
    expect(r.out).toContain(`paslon 2 (votes.2): ${getFigure(ppwp, 'votes.2')}`);
  });

  it('--contest proves one contest only; --json gives the report', async () => {
    const proof = await prove('--contest', 'DPD');
    expect(proof.entries.map((e) => e.entry.figures.contest)).toEqual(['DPD']);
    const r = await run('verify-proof', tmp.path('proof.json'), '--root', groups, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'rekap.proof-verification/v1', valid: true, tps, entries: [{ contest: 'DPD', included: true }] });
  });

  it('changing any figure in the proof fails with exit 1 naming the TPS and contest', async () => {
    const proof = await prove('--contest', 'PPWP');
    const figures = proof.entries[0]!.entry.figures as unknown as Tally;
    for (const path of figurePaths(figures)) {
      const changed = structuredClone(proof);
      const parts = path.split('.');
      let node = changed.entries[0]!.entry.figures as unknown as Record<string, unknown>;
      for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
      node[parts.at(-1)!] = ((getFigure(figures, path) ?? 0) + 1) % 1000;
      await writeFile(tmp.path('changed.json'), JSON.stringify(changed));
      const r = await run('verify-proof', tmp.path('changed.json'), '--root', groups, '--lang', 'en');
      expect(r.code, path).toBe(1);
      expect(r.out).toContain(`1. President, TPS ${tps}: the figures in this proof are NOT in the signed summary`);
    }
  });

  it("fails with exit 1 against another summary's groups", async () => {
    await prove();
    const other = await sign(tmp.path('other.json'));
    expect(other.groups).not.toBe(groups);
    const r = await run('verify-proof', tmp.path('proof.json'), '--root', other.groups, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^NOT PROVEN: /);
    expect(r.out).toMatch(/from the paper differ from this proof's summary: the proof is of another summary, or a typo\./);
  });

  it('refuses garbage with exit 2: not JSON, not a proof, a broken proof, no or malformed --root', async () => {
    await prove();
    await writeFile(tmp.path('garbage.json'), '{"format": "rekap.proof/v1", "tps": ');
    expect((await run('verify-proof', tmp.path('garbage.json'), '--root', groups)).code).toBe(2);
    const notProof = await run('verify-proof', summary, '--root', groups, '--lang', 'en');
    expect(notProof.code).toBe(2);
    expect(notProof.err).toContain('is not a rekap.proof/v1 proof (format "rekap.summary/v2")');
    const broken = await readJson<Proof>(tmp.path('proof.json'));
    (broken.entries[0] as { path: unknown }).path = 'x';
    await writeFile(tmp.path('broken.json'), JSON.stringify(broken));
    const b = await run('verify-proof', tmp.path('broken.json'), '--root', groups);
    expect(b.code).toBe(2);
    expect(b.err).toContain('Struktur bukti rusak');
    expect((await run('verify-proof', tmp.path('proof.json'))).code).toBe(2);
    const short = await run('verify-proof', tmp.path('proof.json'), '--root', groups.slice(0, 40));
    expect(short.code).toBe(2);
    expect(short.err).toContain('16 kelompok');
  });

  it('prove refuses a v1 summary and an unknown TPS (exit 2), and a summary that does not verify (exit 1)', async () => {
    const { file: v1 } = await signedKecamatan({ perDesa: 1, contests: ['PPWP'] });
    await writeFile(tmp.path('v1.json'), JSON.stringify(v1));
    const old = await run('prove', tmp.path('v1.json'), '--tps', v1.contests[0]!.desa[0]!.tps[0]!.tps, '-o', tmp.path('p.json'), '--lang', 'en');
    expect(old.code).toBe(2);
    expect(old.err).toContain('A rekap.summary/v1 summary has no Merkle tree');
    const unknown = await run('prove', summary, '--tps', '3509082001999', '-o', tmp.path('p.json'));
    expect(unknown.code).toBe(2);
    expect((await run('prove', summary, '--tps', '12', '-o', tmp.path('p.json'))).code).toBe(2);

    const file = await readJson<SummaryFileV2>(summary);
    (file.contests[0]!.desa[2]!.tps[0]!.figures.votes as Record<string, number>)['1']! += 1;
    await writeFile(tmp.path('tampered.json'), JSON.stringify(file));
    const tampered = await run('prove', tmp.path('tampered.json'), '--tps', tps, '-o', tmp.path('p.json'), '--lang', 'en');
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain('is not valid; no proof was made');
    expect(tampered.err).toContain(`TPS ${tps}`);
  });
});
