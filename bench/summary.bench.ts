import { canonicalJson } from '../src/domain/canonical/json.ts';
import { exportPublicJwk, generateKeyPair, signText } from '../src/domain/crypto/keys.ts';
import { ATTESTATION_DOMAIN, buildSummary, signSummary, verifySummaryText, type DeviceAttestation } from '../src/domain/summary/index.ts';
import { generateKecamatan } from '../src/domain/synthetic/generate.ts';
import { ms, time } from './measure.ts';
import { registerBenchmark } from './registry.ts';
import { timeVerifyClis, verifyClis } from './verify-cli.ts';

/** Puger (364 TPS) and the largest kecamatan (Cakung, 1,591 TPS), all 5 contests. */
const SIZES = [364, 1591];
/** Issue 13 times `rekap verify` of the largest kecamatan as a whole process (target ≤ 1 s). */
const CLI_SIZE = 1591;

registerBenchmark({
  name: 'summary',
  description:
    'Signed D.Hasil summary (rekap.summary/v1), all 5 contests: build + sign, verify from the file text (parse, hash, signature, every total recomputed, checks), and `rekap verify --trust --setup` as a new process (target ≤ 1 s)',
  run: async () => {
    const keys = await generateKeyPair(true);
    const publicKey = await exportPublicJwk(keys.publicKey);
    const signer = { name: 'Ketua PPK', role: 'chair' as const, publicKey };
    const server = await generateKeyPair(true);
    const serverKey = await exportPublicJwk(server.publicKey);
    const rows = [];
    for (const tps of SIZES) {
      const { setup, tallies } = generateKecamatan({ tps, seed: 1 });
      const contests = setup.contests.map((c) => c.id);
      // Attested by a server, so that the CLI case checks the attestation against --trust as well.
      const statement = { deviceId: 'bench', deviceName: 'Laptop ketua', kecamatan: setup.kecamatan.code, role: 'chair' as const, panel: null, publicKey, issuedAt: '2024-02-17T08:00:00+07:00' };
      const attestation = { serverKey, statement: { ...statement, signature: await signText(server.privateKey, ATTESTATION_DOMAIN, canonicalJson(statement)) } as DeviceAttestation };
      const make = async () => {
        const built = await buildSummary(setup, tallies, contests, signer, { createdAt: '2024-02-20T21:30:00+07:00', attestation });
        if (!built.ok) throw new Error('build failed');
        return signSummary(built.value, keys.privateKey);
      };
      const file = await make();
      const text = canonicalJson(file);
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
      if (tps === CLI_SIZE) {
        const clis = await timeVerifyClis(verifyClis(), file, setup, serverKey, { runs: 5, warmup: 1 });
        for (const [name, timing] of Object.entries(clis)) {
          rows.push({ case: `rekap verify --trust --setup, new process, ${tps.toLocaleString('en')} TPS, ${name} (target ≤ 1,000 ms)`, ...timing });
        }
      }
    }
    return rows.map((r) => ({ case: r.case, runs: r.runs, 'median ms': ms(r.medianMs), 'p95 ms': ms(r.p95Ms), 'min ms': ms(r.minMs), 'max ms': ms(r.maxMs) }));
  },
});
