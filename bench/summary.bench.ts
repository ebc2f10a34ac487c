import { canonicalJson } from '../src/domain/canonical/json.ts';
import { exportPublicJwk, generateKeyPair } from '../src/domain/crypto/keys.ts';
import { buildSummary, signSummary, verifySummaryText } from '../src/domain/summary/index.ts';
import { generateKecamatan } from '../src/domain/synthetic/generate.ts';
import { ms, time } from './measure.ts';
import { registerBenchmark } from './registry.ts';

/** Puger (364 TPS) and the largest kecamatan (Cakung, 1,591 TPS), all 5 contests. */
const SIZES = [364, 1591];

registerBenchmark({
  name: 'summary',
  description: 'Signed D.Hasil summary (rekap.summary/v1), all 5 contests: build + sign, and verify from the file text (parse, hash, signature, every total recomputed, checks)',
  run: async () => {
    const keys = await generateKeyPair(true);
    const publicKey = await exportPublicJwk(keys.publicKey);
    const signer = { name: 'Ketua PPK', role: 'chair' as const, publicKey };
    const rows = [];
    for (const tps of SIZES) {
      const { setup, tallies } = generateKecamatan({ tps, seed: 1 });
      const contests = setup.contests.map((c) => c.id);
      const make = async () => {
        const built = await buildSummary(setup, tallies, contests, signer, { createdAt: '2024-02-20T21:30:00+07:00' });
        if (!built.ok) throw new Error('build failed');
        return signSummary(built.value, keys.privateKey);
      };
      const text = canonicalJson(await make());
      const sign = await time(make, { runs: 5, warmup: 1 });
      const verify = await time(
        async () => {
          const result = await verifySummaryText(text, { setup });
          if (!result.ok || !result.value.valid) throw new Error('verify failed');
        },
        { runs: 5, warmup: 1 },
      );
      const mb = (text.length / 2 ** 20).toFixed(1);
      rows.push({ case: `build + sign, ${tps.toLocaleString('en')} TPS (${mb} MiB)`, ...sign });
      rows.push({ case: `verify, ${tps.toLocaleString('en')} TPS (${mb} MiB)`, ...verify });
    }
    return rows.map((r) => ({ case: r.case, runs: r.runs, 'median ms': ms(r.medianMs), 'p95 ms': ms(r.p95Ms), 'min ms': ms(r.minMs), 'max ms': ms(r.maxMs) }));
  },
});
