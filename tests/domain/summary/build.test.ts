import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../../src/domain/canonical/index.ts';
import { desaOfTps } from '../../../src/domain/codes/codes.ts';
import { exportPublicJwk, fingerprint, generateKeyPair } from '../../../src/domain/crypto/index.ts';
import {
  buildFailureText,
  buildSummary,
  SUMMARY_FORMAT,
  summaryHash,
  verifySummary,
  verifySummaryText,
} from '../../../src/domain/summary/index.ts';
import { computeTotals } from '../../../src/domain/totals/index.ts';
import { emptyTally } from '../../../src/domain/tally/fields.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { CREATED_AT, pugerSetup, roundTrip, signedKecamatan } from './helpers.ts';

describe('buildSummary + signSummary', () => {
  it('lists every contest in counting order, desa and TPS sorted by code, with the D.Hasil totals', async () => {
    const { setup, tallies, file, publicKey } = await signedKecamatan({ perDesa: 3, contests: ['DPD', 'PPWP'] });
    expect(file.format).toBe(SUMMARY_FORMAT);
    expect(file.contests.map((c) => c.contest)).toEqual(['PPWP', 'DPD']);
    expect(file.setupHash).toBe(await sha256Hex(canonicalJson(setup)));
    expect(file.auditHead).toBeNull();
    expect(file.createdAt).toBe(CREATED_AT);
    expect(file.signer).toEqual({ name: 'Siti Aminah', role: 'chair', publicKey, fingerprint: await fingerprint(publicKey) });
    expect(file.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);

    for (const block of file.contests) {
      const codes = block.desa.map((d) => d.code);
      expect(codes).toEqual([...codes].sort());
      const report = computeTotals(tallies, block.contest, setup);
      // The same sums the D.Hasil screen shows (computeTotals), level by level.
      expect(block.kecamatan.figures).toEqual(report.kecamatan.figures);
      expect(block.kecamatan.tpsIncluded).toBe(36);
      expect(block.kecamatan.tpsMissing).toHaveLength(364 - 36);
      expect(block.desa).toHaveLength(12);
      for (const desa of block.desa) {
        const tps = desa.tps.map((t) => t.tps);
        expect(tps).toEqual([...tps].sort());
        expect(tps.every((t) => desaOfTps(t) === desa.code)).toBe(true);
        expect(desa.figures).toEqual(report.desa.find((d) => d.code === desa.code)!.figures);
      }
      // Every TPS's own figures travel with the summary, so anyone can add them up again.
      const entry = block.desa[0]!.tps[0]!;
      const tally = tallies.find((t) => t.tps === entry.tps && t.contest === block.contest)!;
      expect(entry.figures.valid).toBe(tally.valid);
      expect(entry.figures.votes).toEqual(tally.votes);
      expect(entry.status).toBe('verified');
    }
  });

  it('verifies as valid straight after signing, and again after a JSON round trip with other whitespace', async () => {
    const { file, setup, serverKey } = await signedKecamatan({ perDesa: 2 });
    const direct = await verifySummary(file, { trust: serverKey, setup });
    expect(direct.ok && direct.value.failures).toEqual([]);
    const pretty = await verifySummaryText(JSON.stringify(file, null, 7), { trust: serverKey, setup });
    expect(pretty.ok && pretty.value.valid).toBe(true);
    // The hash is of the canonical form: the same whatever the file's formatting.
    expect(pretty.ok && pretty.value.hash).toBe(await summaryHash(file));
    expect(pretty.ok && pretty.value.hashGroups).toHaveLength(16);
    expect(pretty.ok && pretty.value.setup).toBe('matched');
  });

  it('names missing and unverified TPS per desa and for the kecamatan', async () => {
    const { file } = await signedKecamatan({
      perDesa: 2,
      contests: ['PPWP'],
      tallies: (all) => {
        const ppwp = all.filter((t) => t.contest === 'PPWP');
        const dropped = ppwp[3]!.tps; // no tally at all
        const emptied = ppwp[5]!; // a tally with nothing entered counts as missing too
        const draft = ppwp[8]!.tps;
        const ppwpSetup = pugerSetup().contests.find((c) => c.id === 'PPWP')!;
        return all
          .filter((t) => !(t.contest === 'PPWP' && t.tps === dropped))
          .map((t): Tally => (t === emptied ? { ...emptyTally(t.tps, ppwpSetup), status: 'draft' } : t))
          .map((t) => (t.contest === 'PPWP' && t.tps === draft ? { ...t, status: 'entered' as const } : t));
      },
    });
    const block = file.contests[0]!;
    expect(block.kecamatan.tpsIncluded).toBe(22);
    expect(block.kecamatan.tpsMissing).toHaveLength(364 - 22);
    expect(block.kecamatan.tpsUnverified).toHaveLength(1);
    const listed = block.desa.flatMap((d) => d.tps.map((t) => t.tps));
    for (const missing of block.kecamatan.tpsMissing) expect(listed).not.toContain(missing);
    const result = await verifySummary(roundTrip(file));
    expect(result.ok && result.value.failures).toEqual([]);
  });

  it('refuses what would make the summary ambiguous, with a sentence in both languages', async () => {
    const { setup, tallies } = await signedKecamatan({ perDesa: 1, attested: false });
    const publicKey = await exportPublicJwk((await generateKeyPair()).publicKey);
    const signer = { name: 'Siti', role: 'chair' as const, publicKey };
    const opts = { createdAt: CREATED_AT };

    const none = await buildSummary(setup, tallies, [], signer, opts);
    expect(!none.ok && none.error).toEqual({ kind: 'no-contests' });

    const twice = await buildSummary(setup, [...tallies, tallies[0]!], ['PPWP'], signer, opts);
    expect(!twice.ok && twice.error).toEqual({ kind: 'duplicate-tally', tps: tallies[0]!.tps, contest: 'PPWP' });

    const stranger = { ...tallies[0]!, tps: `${tallies[0]!.tps.slice(0, 10)}950` as typeof tallies[0]['tps'] };
    const unknown = await buildSummary(setup, [...tallies, stranger], ['PPWP'], signer, opts);
    expect(!unknown.ok && unknown.error).toEqual({ kind: 'tps-not-in-setup', tps: stranger.tps, contest: 'PPWP' });

    const onlyPpwp = { ...setup, contests: setup.contests.filter((c) => c.id === 'PPWP') };
    const missingContest = await buildSummary(onlyPpwp, tallies, ['DPD'], signer, opts);
    expect(!missingContest.ok && missingContest.error).toEqual({ kind: 'contest-not-in-setup', contest: 'DPD' });

    const nameless = await buildSummary(setup, tallies, ['PPWP'], { ...signer, name: '  ' }, opts);
    expect(!nameless.ok && nameless.error.kind).toBe('signer-name-empty');

    for (const result of [none, twice, unknown, missingContest, nameless]) {
      if (result.ok) throw new Error('expected a failure');
      const message = buildFailureText(result.error);
      expect(message.id).not.toBe(message.en);
      expect(message.id.length).toBeGreaterThan(10);
    }
  });

  it('refuses an attestation made for another device key', async () => {
    const { setup, tallies, file } = await signedKecamatan({ perDesa: 1 });
    const otherKey = await exportPublicJwk((await generateKeyPair()).publicKey);
    const result = await buildSummary(setup, tallies, ['PPWP'], { name: 'Siti', role: 'chair', publicKey: otherKey }, {
      createdAt: CREATED_AT,
      attestation: file.attestation,
    });
    expect(!result.ok && result.error.kind).toBe('attestation-key-mismatch');
  });

  it('keeps a not-entered cell as null in the sums (never a false 0)', async () => {
    const { setup, tallies } = await signedKecamatan({ perDesa: 1, attested: false });
    const contest = setup.contests.find((c) => c.id === 'PPWP')!;
    // Only one TPS is entered, and only its valid votes.
    const only = { ...emptyTally(tallies[0]!.tps, contest), valid: 150, status: 'entered' as const };
    const publicKey = await exportPublicJwk((await generateKeyPair()).publicKey);
    const built = await buildSummary(setup, [only], ['PPWP'], { name: 'Siti', role: 'chair', publicKey }, { createdAt: CREATED_AT });
    if (!built.ok) throw new Error('build failed');
    const kec = built.value.contests[0]!.kecamatan;
    expect(kec.figures.valid).toBe(150);
    expect(kec.figures.invalid).toBeNull();
    expect(kec.figures.voters.dpt.total).toBeNull();
    expect(kec.tpsIncluded).toBe(1);
    expect(kec.tpsMissing).toHaveLength(363);
  });
});
