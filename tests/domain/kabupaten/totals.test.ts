import { beforeAll, describe, expect, it } from 'vitest';
import type { KabupatenCode, KecamatanCode } from '../../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair, type PublicKeyJwk } from '../../../src/domain/crypto/index.ts';
import { admitSummary, kabupatenTotals, planImport, type AdmittedSummary } from '../../../src/domain/kabupaten/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { summaryHash, summaryHashGroups, type SummaryFile } from '../../../src/domain/summary/index.ts';
import { finalKecamatan, signedSummary, type Kecamatan } from './helpers.ts';

const KAB = '3509' as KabupatenCode;

async function admit(file: SummaryFile, setups: Kecamatan[], trust: PublicKeyJwk): Promise<AdmittedSummary> {
  const groups = summaryHashGroups(await summaryHash(file));
  const r = await admitSummary({
    value: file,
    kabupaten: KAB,
    setupOf: async (code: KecamatanCode) => setups.find((k) => k.setup.kecamatan.code === code)?.setup ?? null,
    trust,
    confirm: { positions: [4, 7], typed: [groups[4]!, groups[7]!] },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** A second DPRD kabupaten dapil: same parties, other candidates' names and dapil. */
function otherDapil(k: Kecamatan): Kecamatan {
  const contests = k.setup.contests.map((c) =>
    c.id === 'DPRD_KAB' ? { ...c, dapil: { name: 'Dapil Jember 5', seats: 7 }, parties: c.parties.map((p) => ({ ...p, candidates: p.candidates.map((x) => ({ ...x, name: `${x.name} (dapil 5)` })) })) } : c,
  ) as Setup['contests'];
  return { ...k, setup: { ...k.setup, contests } };
}

describe('kabupatenTotals: which summaries are summed together', () => {
  let server: CryptoKeyPair;
  let trust: PublicKeyJwk;
  let a: Kecamatan, b: Kecamatan, c: Kecamatan;
  let admitted: AdmittedSummary[];
  beforeAll(async () => {
    server = await generateKeyPair(true);
    trust = await exportPublicJwk(server.publicKey);
    a = finalKecamatan('350901', { tps: 3 });
    b = finalKecamatan('350902', { tps: 5 });
    c = otherDapil(finalKecamatan('350903', { tps: 4 }));
    const all = [a, b, c];
    admitted = [];
    for (const k of all) admitted.push(await admit(await signedSummary(k, server), all, trust));
  });

  const expected = (ks: Kecamatan[]) => ks.map((k) => ({ code: k.setup.kecamatan.code, name: k.setup.kecamatan.name, contests: k.setup.contests.map((x) => x.id) }));

  it('sums PPWP over every kecamatan: one ballot across the kabupaten', () => {
    const totals = kabupatenTotals(KAB, expected([a, b, c]), admitted.flatMap((s) => s.contests));
    const ppwp = totals.contests.find((x) => x.contest === 'PPWP')!;
    expect(ppwp.groups).toHaveLength(1);
    expect(ppwp.ballotConflict).toBe(false);
    expect(ppwp.groups[0]!.tpsIncluded).toBe(12);
    expect(ppwp.groups[0]!.kecamatan.map((k) => k.code)).toEqual(['350901', '350902', '350903']);
    const valid = admitted.reduce((sum, s) => sum + (s.contests[0]!.figures.valid ?? 0), 0);
    expect(ppwp.groups[0]!.figures.valid).toBe(valid);
    expect(ppwp.missing).toEqual([]);
  });

  it('keeps DPRD kabupaten totals of different dapil apart (never adds different ballots)', () => {
    const totals = kabupatenTotals(KAB, expected([a, b, c]), admitted.flatMap((s) => s.contests));
    const dprd = totals.contests.find((x) => x.contest === 'DPRD_KAB')!;
    expect(dprd.groups.map((g) => g.kecamatan.map((k) => k.code))).toEqual([['350901', '350902'], ['350903']]);
    expect(dprd.groups.map((g) => g.ballot.dapil?.name)).toEqual([a.setup.contests[4]!.dapil!.name, 'Dapil Jember 5']);
    expect(dprd.groups[1]!.figures).toEqual(admitted[2]!.contests[4]!.figures);
    // Different dapil are normal for DPRD kab/kota; not a conflict.
    expect(dprd.ballotConflict).toBe(false);
  });

  it('flags a PPWP whose ballot differs between kecamatan (setups disagree) instead of adding it', async () => {
    const odd: Kecamatan = {
      ...b,
      setup: { ...b.setup, contests: b.setup.contests.map((x) => (x.id === 'PPWP' ? { ...x, candidates: x.candidates.map((p, i) => (i === 0 ? { ...p, name: 'Pasangan lain' } : p)) } : x)) as Setup['contests'] },
    };
    const oddAdmitted = await admit(await signedSummary(odd, server, { contests: ['PPWP'] }), [odd], trust);
    const totals = kabupatenTotals(KAB, expected([a, odd]), [...admitted[0]!.contests, ...oddAdmitted.contests]);
    const ppwp = totals.contests.find((x) => x.contest === 'PPWP')!;
    expect(ppwp.groups).toHaveLength(2);
    expect(ppwp.ballotConflict).toBe(true);
  });

  it('lists kecamatan without a counted summary as missing, per contest', () => {
    const totals = kabupatenTotals(KAB, expected([a, b, c]), admitted[0]!.contests.filter((x) => x.contest === 'PPWP'));
    expect(totals.contests.find((x) => x.contest === 'PPWP')!.missing.map((m) => m.code)).toEqual(['350902', '350903']);
    const dpr = totals.contests.find((x) => x.contest === 'DPR')!;
    expect(dpr.groups).toEqual([]);
    expect(dpr.missing.map((m) => m.code)).toEqual(['350901', '350902', '350903']);
  });
});

describe('planImport: a kecamatan × contest counts one summary; replacing is explicit', () => {
  let first: AdmittedSummary;
  let second: AdmittedSummary;
  beforeAll(async () => {
    const server = await generateKeyPair(true);
    const trust = await exportPublicJwk(server.publicKey);
    const k = finalKecamatan('350901', { tps: 3 });
    first = await admit(await signedSummary(k, server, { contests: ['PPWP', 'DPR'] }), [k], trust);
    second = await admit(await signedSummary(k, server, { contests: ['PPWP'], createdAt: '2024-02-21T10:00:00+07:00' }), [k], trust);
  });
  const slots = (s: AdmittedSummary) => s.contests.map((c) => ({ kecamatan: c.kecamatan, contest: c.contest, hash: s.hash, importedAt: '2024-02-21T01:00:00Z' }));

  it('imports into empty slots', () => {
    expect(planImport([], first, false)).toEqual({ ok: true, value: { kind: 'import', replaces: [] } });
  });

  it('answers "unchanged" for the same file again (a retried upload)', () => {
    expect(planImport(slots(first), first, false)).toEqual({ ok: true, value: { kind: 'unchanged' } });
  });

  it('refuses another summary of the same kecamatan × contest unless replacement is asked for', () => {
    const refused = planImport(slots(first), second, false);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toEqual([{ kind: 'duplicate', kecamatan: '350901', contest: 'PPWP', existingHash: first.hash, importedAt: '2024-02-21T01:00:00Z' }]);
    const replaced = planImport(slots(first), second, true);
    expect(replaced).toEqual({ ok: true, value: { kind: 'import', replaces: [slots(first)[0]] } });
  });
});
