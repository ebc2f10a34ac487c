import { canonicalJson } from '../src/domain/canonical/json.ts';
import { exportPublicJwk, generateKeyPair, signText } from '../src/domain/crypto/keys.ts';
import { ATTESTATION_DOMAIN, buildSummary, signSummary, signSummaryV2, verifySummaryText, type DeviceAttestation } from '../src/domain/summary/index.ts';
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
    'Signed D.Hasil summary, all 5 contests, rekap.summary/v1 and v2 (Merkle tree of TPS leaves) side by side: build + sign, verify from the file text (parse, hash, signature, every total recomputed, checks; v2 also every leaf and the root), and `rekap verify --trust --setup` of v1 as a new process (target ≤ 1 s)',
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
      const build = async () => {
        const built = await buildSummary(setup, tallies, contests, signer, { createdAt: '2024-02-20T21:30:00+07:00', attestation });
        if (!built.ok) throw new Error('build failed');
        return built.value;
      };
      const make = async () => signSummary(await build(), keys.privateKey);
      const makeV2 = async () => signSummaryV2(await build(), keys.privateKey);
      const file = await make();
      const text = canonicalJson(file);
      const textV2 = canonicalJson(await makeV2());
      const verifyText = (t: string) => async () => {
        const result = await verifySummaryText(t, { setup });
        if (!result.ok || !result.value.valid) throw new Error('verify failed');
      };
      // In turns, v1 then v2, so that both see the same load.
      const sign = await time(make, { runs: 5, warmup: 1 });
      const signV2 = await time(makeV2, { runs: 5, warmup: 1 });
      const verify = await time(verifyText(text), { runs: 5, warmup: 1 });
      const verifyV2 = await time(verifyText(textV2), { runs: 5, warmup: 1 });
      const mb = (t: string) => (t.length / 2 ** 20).toFixed(1);
      rows.push({ case: `v1 build + sign, ${tps.toLocaleString('en')} TPS (${mb(text)} MiB)`, ...sign });
      rows.push({ case: `v2 build + sign, ${tps.toLocaleString('en')} TPS (${mb(textV2)} MiB)`, ...signV2 });
      rows.push({ case: `v1 verify, ${tps.toLocaleString('en')} TPS`, ...verify });
      rows.push({ case: `v2 verify, ${tps.toLocaleString('en')} TPS`, ...verifyV2 });
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
