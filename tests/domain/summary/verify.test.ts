import { beforeAll, describe, expect, it } from 'vitest';
import { exportPublicJwk, fingerprint, generateKeyPair } from '../../../src/domain/crypto/index.ts';
import {
  buildSummary,
  readFailureText,
  signSummary,
  verifySummary,
  verifySummaryText,
  type SummaryFailure,
  type SummaryFile,
  type SummaryReport,
} from '../../../src/domain/summary/index.ts';
import { generateKecamatan } from '../../../src/domain/synthetic/generate.ts';
import { attest, CREATED_AT, roundTrip, signedKecamatan, type Signed } from './helpers.ts';

async function report(file: unknown, options: Parameters<typeof verifySummary>[1] = {}): Promise<SummaryReport> {
  const result = await verifySummary(file, options);
  if (!result.ok) throw new Error(`unreadable: ${JSON.stringify(result.error)}`);
  return result.value;
}
const kinds = (r: SummaryReport) => r.failures.map((f) => f.kind);
const ofKind = <K extends SummaryFailure['kind']>(r: SummaryReport, kind: K) =>
  r.failures.filter((f): f is Extract<SummaryFailure, { kind: K }> => f.kind === kind);

describe('verifySummary', () => {
  let signed: Signed;
  let file: SummaryFile;
  beforeAll(async () => {
    signed = await signedKecamatan({ perDesa: 2, seed: 11, contests: ['PPWP', 'DPD'] });
    file = signed.file;
  });
  const copy = () => roundTrip(file);

  it('reports a faithful summary as valid, with the recomputed fingerprint and a trusted attestation', async () => {
    const r = await report(copy(), { trust: signed.serverKey, setup: signed.setup });
    expect(r.failures).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.signatureValid).toBe(true);
    expect(r.fingerprint).toBe(await fingerprint(signed.publicKey));
    expect(r.attestation).toMatchObject({ status: 'present', signatureValid: true, trusted: true });
    expect(r.attestation.status === 'present' && r.attestation.device.role).toBe('chair');
    expect(r.findings).toEqual([]);
  });

  it('detects reordered TPS (sorted by code is required) without inventing a total mismatch', async () => {
    const tampered = copy();
    const desa = tampered.contests[0]!.desa.find((d) => d.tps.length >= 2)!;
    desa.tps.reverse();
    const r = await report(tampered);
    expect(kinds(r)).toContain('signature-invalid');
    const order = ofKind(r, 'tps-order');
    expect(order.length).toBeGreaterThan(0);
    expect(order[0]).toMatchObject({ contest: 'PPWP', desa: desa.code });
    expect(kinds(r)).not.toContain('total-mismatch');
  });

  it('detects reordered desa and contests', async () => {
    const desaSwapped = copy();
    desaSwapped.contests[1]!.desa.reverse();
    expect(ofKind(await report(desaSwapped), 'desa-order')[0]).toMatchObject({ contest: 'DPD' });
    const contestsSwapped = copy();
    contestsSwapped.contests.reverse();
    expect(ofKind(await report(contestsSwapped), 'contest-order')).toEqual([{ kind: 'contest-order', contest: 'PPWP', previous: 'DPD' }]);
  });

  it('detects a swapped public key, with or without a matching fingerprint', async () => {
    const other = await exportPublicJwk((await generateKeyPair()).publicKey);
    const keyOnly = copy();
    keyOnly.signer.publicKey = other;
    const r1 = await report(keyOnly, { trust: signed.serverKey });
    expect(kinds(r1)).toEqual(['signature-invalid', 'fingerprint-mismatch', 'attestation-key-mismatch']);
    expect(ofKind(r1, 'fingerprint-mismatch')[0]).toEqual({
      kind: 'fingerprint-mismatch',
      stated: file.signer.fingerprint,
      computed: await fingerprint(other),
    });

    const keyAndPrint = copy();
    keyAndPrint.signer.publicKey = other;
    keyAndPrint.signer.fingerprint = await fingerprint(other);
    expect(kinds(await report(keyAndPrint, { trust: signed.serverKey }))).toEqual(['signature-invalid', 'attestation-key-mismatch']);
  });

  it('detects an edited signer (name, role) and an edited fingerprint', async () => {
    const renamed = copy();
    renamed.signer.name = 'Orang Lain';
    expect(kinds(await report(renamed))).toEqual(['signature-invalid']);
    const promoted = copy();
    promoted.signer.role = 'witness';
    expect(ofKind(await report(promoted), 'attestation-scope-mismatch')).toEqual([
      { kind: 'attestation-scope-mismatch', field: 'role', attested: 'chair', stated: 'witness' },
    ]);
    const print = copy();
    print.signer.fingerprint = 'AAAA BBBB CCCC DDDD';
    expect(kinds(await report(print))).toEqual(['signature-invalid', 'fingerprint-mismatch']);
  });

  it('detects an added member anywhere (the signature covers the file as read, not as a schema sees it)', async () => {
    const extra = copy() as unknown as Record<string, unknown>;
    (extra.contests as { note?: string }[])[0]!.note = 'tambahan';
    expect(kinds(await report(extra))).toEqual(['signature-invalid']);
  });

  it('treats truncated or foreign files as unreadable, never as a verdict', async () => {
    const text = JSON.stringify(file, null, 2);
    for (const cut of [1, 100, Math.floor(text.length / 2), text.length - 2]) {
      const result = await verifySummaryText(text.slice(0, cut));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.kind).toBe('not-json');
      // Worded with the place, never the engine's "Unexpected end of JSON input".
      if (!result.ok && result.error.kind === 'not-json') expect(result.error.detail.id).toMatch(/^Berkas (terpotong|bukan JSON yang benar)/);
    }
    const tallies = await verifySummary({ format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [] });
    expect(!tallies.ok && tallies.error).toEqual({ kind: 'wrong-format', found: '"rekap.tallies/v1"' });
    const broken = copy() as unknown as { contests: { desa: { tps: { tps: string }[] }[] }[] };
    broken.contests[0]!.desa[0]!.tps[0]!.tps = '12';
    const structure = await verifySummary(broken);
    expect(!structure.ok && structure.error).toMatchObject({ kind: 'invalid-structure', path: 'contests[0].desa[0].tps[0].tps' });
    for (const failure of [
      { kind: 'not-json', detail: { id: 'Berkas terpotong.', en: 'The file is cut short.' } } as const,
      { kind: 'wrong-format', found: null } as const,
      { kind: 'invalid-structure', path: 'signer.name', message: { id: 'Tidak boleh kosong.', en: 'Must not be empty.' } } as const,
    ]) {
      const message = readFailureText(failure);
      expect(message.id).not.toBe(message.en);
    }
  });

  describe('attestation', () => {
    it('without a trusted key: checked for consistency, reported as not checked against a server', async () => {
      const r = await report(copy());
      expect(r.valid).toBe(true);
      expect(r.attestation).toMatchObject({ status: 'present', signatureValid: true, trusted: null });
    });

    it('signed by another server than the trusted one', async () => {
      const trusted = await exportPublicJwk((await generateKeyPair()).publicKey);
      const r = await report(copy(), { trust: trusted });
      expect(ofKind(r, 'attestation-untrusted')).toEqual([
        {
          kind: 'attestation-untrusted',
          serverFingerprint: await fingerprint(signed.serverKey),
          trustedFingerprint: await fingerprint(trusted),
        },
      ]);
    });

    it('an edited statement (a clerk made into a chair) breaks the server signature', async () => {
      const forged = copy();
      forged.attestation!.statement.deviceName = 'Laptop lain';
      expect(kinds(await report(forged))).toEqual(['signature-invalid', 'attestation-signature-invalid']);
    });

    it('for another kecamatan', async () => {
      const { setup, tallies } = signed;
      const attestation = await attest(signed.serverKeys, signed.publicKey, { kecamatan: '350901' as Signed['setup']['kecamatan']['code'] });
      const built = await buildSummary(setup, tallies, ['PPWP'], { name: 'Siti', role: 'chair', publicKey: signed.publicKey }, { createdAt: CREATED_AT, attestation });
      if (!built.ok) throw new Error('build');
      const r = await report(roundTrip(await signSummary(built.value, signed.keys.privateKey)), { trust: signed.serverKey });
      expect(ofKind(r, 'attestation-scope-mismatch')).toEqual([
        { kind: 'attestation-scope-mismatch', field: 'kecamatan', attested: '350901', stated: setup.kecamatan.code },
      ]);
    });

    it('absent: fine without a trusted key, a failure when the verifier requires one', async () => {
      const bare = await signedKecamatan({ perDesa: 1, attested: false, contests: ['PPWP'] });
      expect((await report(roundTrip(bare.file))).valid).toBe(true);
      expect(kinds(await report(roundTrip(bare.file), { trust: bare.serverKey }))).toEqual(['attestation-missing']);
    });
  });

  it('with the verifier\'s own setup: refuses a summary made with another setup', async () => {
    const other = generateKecamatan({ tps: 16, seed: 12 }).setup;
    const r = await report(copy(), { setup: other });
    expect(r.setup).toBe('mismatched');
    expect(kinds(r)).toContain('setup-hash-mismatch');
  });

  it('detects a TPS moved to another desa, a lying count and a TPS both missing and counted', async () => {
    const moved = copy();
    const [d0, d1] = moved.contests[0]!.desa;
    d1!.tps.unshift(d0!.tps.pop()!);
    const r = await report(moved);
    expect(ofKind(r, 'tps-outside-desa')[0]).toMatchObject({ desa: d1!.code });
    expect(ofKind(r, 'total-mismatch').map((f) => f.desa)).toEqual(expect.arrayContaining([d0!.code, d1!.code]));

    const counted = copy();
    counted.contests[0]!.kecamatan.tpsIncluded += 1;
    expect(ofKind(await report(counted), 'count-mismatch')).toEqual([
      { kind: 'count-mismatch', contest: 'PPWP', level: 'kecamatan', desa: null, stated: 25, recomputed: 24 },
    ]);

    const both = copy();
    const desa = both.contests[0]!.desa[0]!;
    desa.tpsMissing = [desa.tps[0]!.tps];
    expect(ofKind(await report(both), 'tps-missing-and-included')).toEqual([
      { kind: 'tps-missing-and-included', contest: 'PPWP', desa: desa.code, tps: desa.tps[0]!.tps },
    ]);
  });

  it('detects a TPS dropped from the file when the verifier has the setup', async () => {
    const dropped = copy();
    const desa = dropped.contests[0]!.desa[0]!;
    const gone = desa.tps.shift()!;
    const r = await report(dropped, { setup: signed.setup });
    // Its figures vanish from the recomputed sums, and the setup says it is neither counted nor listed missing.
    expect(ofKind(r, 'total-mismatch').some((f) => f.level === 'desa' && f.desa === desa.code)).toBe(true);
    expect(ofKind(r, 'list-mismatch')).toEqual([
      { kind: 'list-mismatch', contest: 'PPWP', level: 'desa', desa: desa.code, field: 'tpsMissing', notListed: [gone.tps], wronglyListed: [] },
      { kind: 'list-mismatch', contest: 'PPWP', level: 'kecamatan', desa: null, field: 'tpsMissing', notListed: [gone.tps], wronglyListed: [] },
    ]);
    expect(ofKind(r, 'count-mismatch').map((f) => [f.level, f.stated, f.recomputed])).toEqual([
      ['desa', 2, 1],
      ['kecamatan', 24, 23],
    ]);
  });

  it('runs the checks on every TPS: findings are listed but do not invalidate the summary', async () => {
    const withError = await signedKecamatan({
      perDesa: 1,
      contests: ['PPWP'],
      tallies: (all) => {
        const i = all.findIndex((t) => t.contest === 'PPWP');
        const t = all[i]!;
        const broken = { ...t, valid: t.valid! + 1, acceptedWarnings: [{ code: 'W02', reason: 'cadangan terlambat tiba' }] };
        return all.map((x, j) => (j === i ? broken : x));
      },
    });
    const r = await report(roundTrip(withError.file));
    expect(r.valid).toBe(true);
    const e08 = r.findings.find((f) => f.code === 'E08');
    expect(e08).toMatchObject({ severity: 'error', contest: 'PPWP', accepted: false });
    expect(e08!.message.id).toMatch(/suara sah/i);
  });
});
