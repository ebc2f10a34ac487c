import { generateKecamatan } from '../src/domain/synthetic/generate.ts';
import { CONTEST_IDS } from '../src/domain/tally/contest.ts';
import { computeTotals } from '../src/domain/totals/index.ts';
import { ms, time } from './measure.ts';
import { registerBenchmark } from './registry.ts';

/** The largest kecamatan of Pemilu 2024 (Cakung, 1,591 TPS): totals must stay instant there. */
const TPS = 1591;

registerBenchmark({
  name: 'totals',
  description: `computeTotals (with setup) over a generated ${TPS.toLocaleString('en')}-TPS kecamatan × 5 contests`,
  run: async () => {
    const generation = await time(() => generateKecamatan({ tps: TPS, seed: 1 }), { runs: 5, warmup: 1 });
    const { setup, tallies } = generateKecamatan({ tps: TPS, seed: 1 });
    const rows = [
      { case: `generateKecamatan (${tallies.length.toLocaleString('en')} tallies)`, ...generation },
    ];
    for (const contest of CONTEST_IDS) {
      const timing = await time(() => computeTotals(tallies, contest, setup));
      rows.push({ case: `computeTotals ${contest} (${TPS.toLocaleString('en')} TPS)`, ...timing });
    }
    const all = await time(() => CONTEST_IDS.map((contest) => computeTotals(tallies, contest, setup)));
    rows.push({ case: `computeTotals, all 5 contests (${tallies.length.toLocaleString('en')} tallies)`, ...all });
    return rows.map((r) => ({ case: r.case, runs: r.runs, 'median ms': ms(r.medianMs), 'p95 ms': ms(r.p95Ms), 'min ms': ms(r.minMs), 'max ms': ms(r.maxMs) }));
  },
});
