import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TpsCode } from '../../../src/domain/codes/codes.ts';
import {
  parsePaperHash,
  proofFailureText,
  proveTps,
  readProofValue,
  summaryHash,
  verifyProof,
  type Proof,
  type ProofReport,
} from '../../../src/domain/summary/index.ts';
import { figurePaths, getFigure } from '../../../src/domain/tally/fields.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { roundTrip, signedKecamatanV2, type SignedV2 } from './helpers.ts';

async function check(proof: unknown, paperHash: string, trust?: SignedV2['serverKey']): Promise<ProofReport> {
  const read = readProofValue(proof);
  if (!read.ok) throw new Error(`unreadable proof: ${JSON.stringify(read.error)}`);
  return verifyProof(read.value, paperHash, trust ? { trust } : {});
}

function setPath(root: Record<string, unknown>, path: string, value: number): void {
  const parts = path.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

describe('proof of one TPS (rekap.proof/v1)', () => {
  let signed: SignedV2;
  let paper: string;
  let tpsList: TpsCode[];
  beforeAll(async () => {
    signed = await signedKecamatanV2({ perDesa: 2, seed: 4, contests: ['PPWP', 'DPR', 'DPD'] });
    paper = await summaryHash(roundTrip(signed.file));
    tpsList = signed.file.contests[0]!.desa.flatMap((d) => d.tps.map((e) => e.tps));
  });
  const prove = async (tps: TpsCode, contest?: 'PPWP' | 'DPR' | 'DPD') => {
    const file = roundTrip(signed.file);
    const proof = await proveTps(file, file, tps, contest);
    if (!proof.ok) throw new Error(JSON.stringify(proof.error));
    return roundTrip(proof.value);
  };

  it('of every TPS verifies against the paper hash, per contest, with the trusted server', async () => {
    for (const tps of tpsList) {
      const report = await check(await prove(tps), paper, signed.serverKey);
      expect(report.failures).toEqual([]);
      expect(report.valid).toBe(true);
      expect(report.entries.map((e) => [e.contest, e.tps, e.included])).toEqual([
        ['PPWP', tps, true],
        ['DPR', tps, true],
        ['DPD', tps, true],
      ]);
    }
  });

  it('is small: the head and one TPS, not the file', async () => {
    const proof = await prove(tpsList[5]!, 'DPR');
    expect(proof.entries).toHaveLength(1);
    expect(proof.entries[0]!.path.length).toBeLessThanOrEqual(Math.ceil(Math.log2(signed.file.tpsTree.size)));
    expect(JSON.stringify(proof).length).toBeLessThan(JSON.stringify(signed.file).length / 2);
  });

  it('fails naming the TPS and contest when any single figure in it is changed (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 999 }), async (whichTps, whichFigure, replacement) => {
        const tps = tpsList[whichTps % tpsList.length]!;
        const proof: Proof = await prove(tps);
        const item = proof.entries[whichFigure % proof.entries.length]!;
        const figures = item.entry.figures as unknown as Tally;
        const paths = figurePaths(figures);
        const path = paths[whichFigure % paths.length]!;
        fc.pre(getFigure(figures, path) !== replacement);
        setPath(item.entry.figures as unknown as Record<string, unknown>, path, replacement);
        const report = await check(proof, paper);
        expect(report.valid).toBe(false);
        expect(report.failures).toEqual([{ kind: 'not-included', contest: item.entry.figures.contest, tps }]);
        expect(report.entries.filter((e) => !e.included).map((e) => e.contest)).toEqual([item.entry.figures.contest]);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('fails against the groups of another summary, and when the head is changed', async () => {
    const other = await signedKecamatanV2({ perDesa: 2, seed: 4, contests: ['PPWP', 'DPR', 'DPD'] });
    const otherPaper = await summaryHash(roundTrip(other.file));
    const report = await check(await prove(tpsList[0]!), otherPaper);
    expect(report.failures.map((f) => f.kind)).toEqual(['paper-mismatch']);
    expect(proofFailureText(report.failures[0]!).en).toMatch(/^Hash groups [\d, ]+ from the paper differ from this proof's summary/);

    const edited = await prove(tpsList[0]!);
    edited.summary.contests[0]!.kecamatan.figures.valid! += 1;
    const kinds = (await check(edited, paper)).failures.map((f) => f.kind);
    expect(kinds).toEqual(['paper-mismatch', 'signature-invalid']);
  });

  it('fails when an entry is moved to another place in the tree or a sibling is changed', async () => {
    const moved = await prove(tpsList[3]!, 'PPWP');
    moved.entries[0]!.index += 1;
    expect((await check(moved, paper)).failures).toEqual([{ kind: 'not-included', contest: 'PPWP', tps: tpsList[3] }]);
    const bent = await prove(tpsList[3]!, 'PPWP');
    bent.entries[0]!.path[1] = 'e'.repeat(64);
    expect((await check(bent, paper)).valid).toBe(false);
  });

  it('reads the paper groups in any spacing or case, and refuses anything but 64 hex digits', () => {
    const groups = paper.match(/.{4}/g)!;
    expect(parsePaperHash(groups.join(' ').toUpperCase())).toBe(paper);
    expect(parsePaperHash(`${groups.slice(0, 8).join('-')}\n${groups.slice(8).join('  ')}`)).toBe(paper);
    expect(parsePaperHash(groups.slice(0, 15).join(' '))).toBeNull();
    expect(parsePaperHash(`${groups.join(' ')} zz`)).toBeNull();
  });

  it('refuses to prove a TPS the summary does not hold', async () => {
    const file = roundTrip(signed.file);
    const missing = '3509082001999' as TpsCode;
    expect(await proveTps(file, file, missing)).toEqual({ ok: false, error: { kind: 'tps-not-in-summary', tps: missing, contest: null } });
  });
});
