import { beforeAll, describe, expect, it } from 'vitest';
import type { KabupatenCode, KecamatanCode } from '../../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair, type PublicKeyJwk } from '../../../src/domain/crypto/index.ts';
import { admissionFailureText, admitSummary, type AdmitInput } from '../../../src/domain/kabupaten/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { summaryHash, summaryHashGroups, type SummaryFile } from '../../../src/domain/summary/index.ts';
import { finalKecamatan, signedSummary, type Kecamatan } from './helpers.ts';

const KAB = '3509' as KabupatenCode;

describe('admitSummary (the kabupaten accepts only final, verified summaries bound to the paper)', () => {
  let server: CryptoKeyPair;
  let trust: PublicKeyJwk;
  let k: Kecamatan;
  let file: SummaryFile;
  beforeAll(async () => {
    server = await generateKeyPair(true);
    trust = await exportPublicJwk(server.publicKey);
    k = finalKecamatan('350908');
    file = await signedSummary(k, server);
  });

  const groupsOf = async (value: object, positions = [2, 11]) => {
    const groups = summaryHashGroups(await summaryHash(value));
    return { positions, typed: positions.map((p) => groups[p]!.toUpperCase()) };
  };
  const input = async (value: unknown, over: Partial<AdmitInput> = {}): Promise<AdmitInput> => ({
    value,
    kabupaten: KAB,
    setupOf: async (code: KecamatanCode) => (code === k.setup.kecamatan.code ? k.setup : null),
    trust,
    confirm: await groupsOf(value as object),
    ...over,
  });
  const failureKinds = (r: Awaited<ReturnType<typeof admitSummary>>) => (r.ok ? [] : r.error.map((f) => f.kind));

  it('admits a final, verified summary: one kecamatan total per contest with its ballot', async () => {
    const r = await admitSummary(await input(file));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kecamatan.code).toBe('350908');
    expect(r.value.contests.map((c) => c.contest)).toEqual(['PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB']);
    expect(r.value.contests[0]!.figures).toEqual(file.contests[0]!.kecamatan.figures);
    expect(r.value.contests[4]!.ballot.dapil?.name).toBe(k.setup.contests[4]!.dapil!.name);
    expect(r.value.hash).toBe(await summaryHash(file));
  });

  it('refuses a summary of another kabupaten', async () => {
    const other = finalKecamatan('351001');
    const foreign = await signedSummary(other, server);
    const r = await admitSummary(await input(foreign));
    expect(failureKinds(r)).toEqual(['other-kabupaten']);
    expect(!r.ok && admissionFailureText(r.error[0]!).en).toBe('This summary is for kabupaten 3510, not kabupaten 3509.');
  });

  it('refuses a kecamatan the importer has no setup for', async () => {
    const r = await admitSummary(await input(file, { setupOf: async () => null }));
    expect(failureKinds(r)).toEqual(['unknown-kecamatan']);
  });

  it('refuses a tampered figure, naming the TPS and the figure', async () => {
    const tampered = JSON.parse(JSON.stringify(file)) as SummaryFile;
    const entry = tampered.contests[0]!.desa[0]!.tps[0]!;
    (entry.figures.votes as Record<string, number>)['1']! += 1;
    const r = await admitSummary(await input(tampered));
    expect(failureKinds(r)).toEqual(['verification-failed']);
    const message = !r.ok ? admissionFailureText(r.error[0]!).en : '';
    expect(message).toContain('The summary fails verification');
    expect(message).toMatch(/signature does not match/);
    expect(message).toContain(`(${entry.tps.slice(0, 10)}), Votes for pair 1 (votes.1)`);
    expect(message).toContain(`Check TPS ${entry.tps}`);
  });

  it('refuses an attestation by a server other than the trusted one', async () => {
    const stranger = await generateKeyPair(true);
    const r = await admitSummary(await input(await signedSummary(k, stranger)));
    expect(failureKinds(r)).toEqual(['verification-failed']);
    expect(!r.ok && r.error[0]!.kind === 'verification-failed' && r.error[0]!.failures.map((f) => f.kind)).toEqual(['attestation-untrusted']);
  });

  it('refuses a summary made with a setup other than the importer’s', async () => {
    const changed: Setup = { ...k.setup, election: { ...k.setup.election, name: 'Pemilu lain' } };
    const r = await admitSummary(await input(file, { setupOf: async () => changed }));
    expect(!r.ok && r.error[0]!.kind === 'verification-failed' && r.error[0]!.failures.map((f) => f.kind)).toContain('setup-hash-mismatch');
  });

  it('refuses a summary signed by a witness device', async () => {
    const r = await admitSummary(await input(await signedSummary(k, server, { role: 'witness' })));
    expect(failureKinds(r)).toEqual(['signer-not-chair']);
  });

  it('refuses hash groups that do not match the paper, naming each wrong group (1-based)', async () => {
    const confirm = await groupsOf(file, [0, 15]);
    const r = await admitSummary(await input(file, { confirm: { positions: confirm.positions, typed: [confirm.typed[0]!, '0000' === confirm.typed[1] ? '1111' : '0000'] } }));
    expect(failureKinds(r)).toEqual(['hash-groups']);
    expect(!r.ok && admissionFailureText(r.error[0]!).en).toMatch(/^Group 16 \("(0000|1111)"\) does not match/);
  });

  it('refuses a summary with a TPS missing or not final, per contest, listing them', async () => {
    const partial: Kecamatan = {
      setup: k.setup,
      tallies: k.tallies
        .filter((t) => !(t.contest === 'DPR' && t.tps === k.tallies[0]!.tps))
        .map((t, i) => (t.contest === 'DPD' && i < 20 ? { ...t, status: 'verified' as const } : t)),
    };
    const r = await admitSummary(await input(await signedSummary(partial, server)));
    expect(failureKinds(r)).toEqual(['not-final', 'not-final']);
    if (r.ok) return;
    const [dpr, dpd] = r.error;
    expect(dpr).toMatchObject({ contest: 'DPR', missing: [k.tallies[0]!.tps], notFinal: [] });
    expect(dpd).toMatchObject({ contest: 'DPD', missing: [] });
    expect(dpd!.kind === 'not-final' && dpd!.notFinal.every((t) => t.status === 'verified')).toBe(true);
    expect(admissionFailureText(dpr!).id).toContain(`1 TPS belum masuk (${k.tallies[0]!.tps})`);
  });

  it('reports an unreadable file as such', async () => {
    const r = await admitSummary(await input({ format: 'rekap.tallies/v1' }, { confirm: { positions: [0, 1], typed: ['0000', '0000'] } }));
    expect(failureKinds(r)).toEqual(['unreadable']);
  });
});
