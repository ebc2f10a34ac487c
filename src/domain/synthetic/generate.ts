import { tpsCode } from '../codes/codes.ts';
import type { Setup } from '../setup/schema.ts';
import type { Tally } from '../tally/tally.ts';
import { createRng } from './random.ts';
import { generateSetup } from './setup.ts';
import { generateChoiceWeights, generateTally, generateTpsProfile } from './tally.ts';

export { createRng, splitProportionally, type Rng } from './random.ts';
export { generateSetup, PARTIES_2024 } from './setup.ts';
export { generateTally, generateTpsProfile, generateChoiceWeights, ballotsWithReserve, type TpsProfile } from './tally.ts';

/**
 * A realistic, deterministic kecamatan: a valid rekap.setup/v1 setup with `tps` TPS spread over desa
 * of ~20–150 TPS, and one verified, check-clean tally per TPS × contest (5 contests), in setup order
 * (desa, TPS, then contest in counting order). The same seed always gives the same data.
 * Used by tests, benchmarks (1,591 TPS = the largest kecamatan) and end-to-end runs.
 */
export function generateKecamatan(opts: { tps: number; seed?: number }): { setup: Setup; tallies: Tally[] } {
  if (!Number.isInteger(opts.tps) || opts.tps < 1) throw new RangeError('generateKecamatan: tps must be a positive integer');
  const rng = createRng(opts.seed ?? 1);
  const setup = generateSetup(rng, opts.tps);
  const weights = new Map(setup.contests.map((c) => [c.id, generateChoiceWeights(rng, c)]));
  const tallies: Tally[] = [];
  for (const desa of setup.desa) {
    // W05 flags identical vote figures at two TPS of a desa; with 3 pairs and ~200 votes that
    // happens by chance in large desa, so a repeat is drawn again to keep the data check-clean.
    const seen = new Set<string>();
    for (const number of desa.tps) {
      const tps = tpsCode(desa.code, number);
      const profile = generateTpsProfile(rng);
      for (const contest of setup.contests) {
        let tally = generateTally(rng, tps, contest, profile, weights.get(contest.id));
        for (let attempt = 0; seen.has(`${contest.id}|${JSON.stringify(tally.votes)}`) && attempt < 20; attempt += 1) {
          tally = generateTally(rng, tps, contest, profile, weights.get(contest.id));
        }
        seen.add(`${contest.id}|${JSON.stringify(tally.votes)}`);
        tallies.push(tally);
      }
    }
  }
  return { setup, tallies };
}
