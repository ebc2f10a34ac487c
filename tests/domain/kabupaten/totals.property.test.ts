import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KabupatenCode, KecamatanCode } from '../../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair, type PublicKeyJwk } from '../../../src/domain/crypto/index.ts';
import { admitSummary, ballotSetup, kabupatenTotals, type KecamatanContestTotals } from '../../../src/domain/kabupaten/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { compareFigures, summaryHash, summaryHashGroups, type SummaryFile } from '../../../src/domain/summary/index.ts';
import { entryTally } from '../../../src/domain/summary/recompute.ts';
import { addTally, createAccumulator, toFigures } from '../../../src/domain/totals/accumulator.ts';
import type { SummaryFigures } from '../../../src/domain/summary/index.ts';
import { finalKecamatan, signedSummary, type Kecamatan } from './helpers.ts';

const KAB = '3509' as KabupatenCode;

const withDapil = (k: Kecamatan, dapil: number): Kecamatan =>
  dapil === 0
    ? k
    : {
        ...k,
        setup: {
          ...k.setup,
          contests: k.setup.contests.map((c) => (c.id === 'DPRD_KAB' ? { ...c, dapil: { name: `Dapil ${dapil + 1}`, seats: 7 } } : c)) as Setup['contests'],
        },
      };

describe('kabupaten totals (property)', () => {
  let server: CryptoKeyPair;
  let trust: PublicKeyJwk;
  beforeAll(async () => {
    server = await generateKeyPair(true);
    trust = await exportPublicJwk(server.publicKey);
  });

  it('equal, per contest and ballot, the sum over every TPS figure of every included summary', async () => {
    const kecamatanArb = fc.record({ n: fc.integer({ min: 1, max: 30 }), tps: fc.integer({ min: 1, max: 5 }), seed: fc.integer({ min: 1, max: 1e6 }), dapil: fc.integer({ min: 0, max: 1 }) });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kecamatanArb, { minLength: 1, maxLength: 4, selector: (k) => k.n }), async (specs) => {
        const kecamatan = specs.map((s) => withDapil(finalKecamatan(`3509${String(s.n).padStart(2, '0')}`, { tps: s.tps, seed: s.seed }), s.dapil));
        const files: SummaryFile[] = [];
        const entries: KecamatanContestTotals[] = [];
        for (const k of kecamatan) {
          const file = await signedSummary(k, server);
          const groups = summaryHashGroups(await summaryHash(file));
          const admitted = await admitSummary({
            value: file,
            kabupaten: KAB,
            setupOf: async (code: KecamatanCode) => (code === k.setup.kecamatan.code ? k.setup : null),
            trust,
            confirm: { positions: [0, 15], typed: [groups[0]!, groups[15]!] },
          });
          if (!admitted.ok) throw new Error(JSON.stringify(admitted.error));
          files.push(file);
          entries.push(...admitted.value.contests);
        }
        const totals = kabupatenTotals(KAB, [], entries);
        for (const contest of totals.contests) {
          for (const group of contest.groups) {
            const members = new Set(group.kecamatan.map((k) => k.code));
            const acc = createAccumulator(contest.contest, ballotSetup(group.ballot));
            for (const file of files) {
              if (!members.has(file.kecamatan.code)) continue;
              const block = file.contests.find((b) => b.contest === contest.contest)!;
              for (const desa of block.desa) for (const entry of desa.tps) addTally(acc, entryTally(entry));
            }
            expect(compareFigures(group.figures, toFigures(acc) as SummaryFigures)).toEqual([]);
            expect(group.tpsIncluded).toBe(acc.tpsIncluded);
          }
          // Every admitted kecamatan is in exactly one group of each contest.
          expect(contest.groups.flatMap((g) => g.kecamatan.map((k) => k.code)).sort()).toEqual(kecamatan.map((k) => k.setup.kecamatan.code).sort());
        }
        const dprd = totals.contests.find((c) => c.contest === 'DPRD_KAB')!;
        expect(dprd.groups).toHaveLength(new Set(specs.map((s) => s.dapil)).size);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
