import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical/index.ts';
import {
  failureText,
  signedHeadOf,
  verifySummary,
  type SummaryFailure,
  type SummaryFileV2,
  type SummaryReport,
} from '../../../src/domain/summary/index.ts';
import { roundTrip, signedKecamatanV2, type SignedV2 } from './helpers.ts';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function verified(file: unknown, signed: SignedV2): Promise<SummaryReport> {
  const result = await verifySummary(file, { trust: signed.serverKey, setup: signed.setup });
  if (!result.ok) throw new Error(`unreadable: ${JSON.stringify(result.error)}`);
  return result.value;
}

const leafFailures = (failures: SummaryFailure[]) =>
  failures.filter((f): f is Extract<SummaryFailure, { kind: 'tps-leaf-mismatch' }> => f.kind === 'tps-leaf-mismatch');

describe('rekap.summary/v2', () => {
  let signed: SignedV2;
  beforeAll(async () => {
    signed = await signedKecamatanV2({ perDesa: 2, seed: 11, contests: ['PPWP', 'DPR'] });
  });

  it('verifies, and its printed hash is the SHA-256 of the signed head (the file without TPS entries)', async () => {
    const file = roundTrip(signed.file);
    expect(file.format).toBe('rekap.summary/v2');
    expect(file.tpsTree.size).toBe(2 * 12 * 2);
    const report = await verified(file, signed);
    expect(report.failures).toEqual([]);
    expect(report.valid).toBe(true);
    const head = signedHeadOf(file) as { contests: { desa: object[] }[] };
    expect(head.contests[0]!.desa[0]).not.toHaveProperty('tps');
    expect(report.hash).toBe(sha(canonicalJson(head)));
    expect(report.hash).not.toBe(sha(canonicalJson(file)));
  });

  it('a TPS figure changed after signing is named with its TPS, figure, value now and signed value; the signature still holds', async () => {
    const file = roundTrip(signed.file);
    const entry = file.contests[0]!.desa[4]!.tps[1]!;
    const votes = entry.figures.votes as Record<string, number>;
    const before = votes['2']!;
    votes['2'] = before + 7;
    const report = await verified(file, signed);
    expect(report.valid).toBe(false);
    expect(report.signatureValid).toBe(true);
    const [changed, ...others] = leafFailures(report.failures);
    expect(others).toEqual([]);
    expect(changed).toEqual({
      kind: 'tps-leaf-mismatch',
      contest: 'PPWP',
      desa: file.contests[0]!.desa[4]!.code,
      tps: entry.tps,
      figures: [{ path: 'votes.2', now: before + 7, signed: before }],
    });
    expect(failureText(changed!).en).toContain(`TPS ${entry.tps}`);
  });

  it('a changed status or accepted warning names the TPS too (no figure differs)', async () => {
    const file = roundTrip(signed.file);
    const entry = file.contests[1]!.desa[0]!.tps[0]!;
    entry.status = 'draft';
    const report = await verified(file, signed);
    expect(leafFailures(report.failures)).toMatchObject([{ tps: entry.tps, contest: 'DPR' }]);
  });

  it('a member added to a TPS entry changes its leaf', async () => {
    const file = roundTrip(signed.file) as unknown as { contests: { desa: { tps: Record<string, unknown>[] }[] }[] };
    file.contests[0]!.desa[2]!.tps[0]!.note = 'tambahan';
    const report = await verified(file, signed);
    expect(leafFailures(report.failures).map((f) => f.tps)).toEqual([signed.file.contests[0]!.desa[2]!.tps[0]!.tps]);
  });

  it('a figure changed together with its leaf hash breaks the signed tree', async () => {
    const file = roundTrip(signed.file);
    const entry = file.contests[0]!.desa[0]!.tps[0]!;
    entry.figures.invalid = (entry.figures.invalid ?? 0) + 1;
    entry.leaf = 'f'.repeat(64);
    const report = await verified(file, signed);
    expect(report.failures.map((f) => f.kind)).toContain('tree-mismatch');
  });

  it('a changed desa total is covered by the signature', async () => {
    const file = roundTrip(signed.file);
    file.contests[0]!.desa[1]!.figures.valid! += 1;
    const report = await verified(file, signed);
    expect(report.failures[0]).toEqual({ kind: 'signature-invalid' });
  });

  it('photo hashes are part of their leaf', async () => {
    const tps = signed.file.contests[0]!.desa[3]!.tps[0]!.tps;
    const photo = 'a'.repeat(64);
    const withPhotos = await signedKecamatanV2({ perDesa: 2, seed: 11, contests: ['PPWP'] }, new Map([[`${tps}:PPWP`, [photo]]]));
    const file: SummaryFileV2 = roundTrip(withPhotos.file);
    const entry = file.contests[0]!.desa[3]!.tps[0]!;
    expect(entry.photos).toEqual([photo]);
    expect(file.contests[0]!.desa[3]!.tps[1]).not.toHaveProperty('photos');
    expect((await verified(file, withPhotos)).valid).toBe(true);
    entry.photos = ['b'.repeat(64)];
    expect(leafFailures((await verified(file, withPhotos)).failures).map((f) => f.tps)).toEqual([tps]);
  });
});
