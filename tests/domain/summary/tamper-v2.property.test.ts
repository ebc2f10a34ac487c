import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySummary, type SummaryFailure } from '../../../src/domain/summary/index.ts';
import { figurePaths, getFigure, type FieldPath } from '../../../src/domain/tally/fields.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { roundTrip, signedKecamatanV2, type SignedV2 } from './helpers.ts';

interface Target {
  contest: number;
  desa: number;
  tps: number;
  path: FieldPath;
  value: number | null;
}

function setPath(root: Record<string, unknown>, path: string, value: number): void {
  const parts = path.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

describe('v2: editing any single figure of any TPS names exactly that TPS (property)', () => {
  let signed: SignedV2;
  let all: Target[];
  beforeAll(async () => {
    // PPWP (pairs) and DPR (parties, candidates), 2 TPS per desa: the edited TPS is never alone in its file.
    signed = await signedKecamatanV2({ perDesa: 2, seed: 5, contests: ['PPWP', 'DPR'] });
    all = [];
    signed.file.contests.forEach((block, c) =>
      block.desa.forEach((desa, d) =>
        desa.tps.forEach((entry, t) => {
          for (const path of figurePaths(entry.figures as Tally)) all.push({ contest: c, desa: d, tps: t, path, value: getFigure(entry.figures as Tally, path) ?? null });
        }),
      ),
    );
  });

  it('verify fails with one leaf failure naming the TPS, its contest and the figure with its signed value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 999 }), async (pick, replacement) => {
        const target = all[pick % all.length]!;
        fc.pre(replacement !== target.value);
        const tampered = roundTrip(signed.file);
        const block = tampered.contests[target.contest]!;
        const entry = block.desa[target.desa]!.tps[target.tps]!;
        setPath(entry.figures as unknown as Record<string, unknown>, target.path, replacement);

        const result = await verifySummary(tampered, { trust: signed.serverKey, setup: signed.setup });
        if (!result.ok) throw new Error('an edited figure is still a readable summary');
        expect(result.value.valid).toBe(false);
        const leaves = result.value.failures.filter((f): f is Extract<SummaryFailure, { kind: 'tps-leaf-mismatch' }> => f.kind === 'tps-leaf-mismatch');
        expect(leaves).toHaveLength(1);
        expect(leaves[0]).toMatchObject({ tps: entry.tps, contest: block.contest, desa: block.desa[target.desa]!.code });
        expect(leaves[0]!.figures).toEqual([{ path: target.path, now: replacement, signed: target.value ?? undefined }]);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
