import { MAX_AUDIT_PER_PUSH } from '../src/api/index.ts';
import { sealChanges, type AuditChange, type AuditEntry, type ChainHead } from '../src/domain/audit/index.ts';
import { exportPublicJwk, keyHash } from '../src/domain/crypto/keys.ts';
import { generateKecamatan } from '../src/domain/synthetic/generate.ts';
import { figurePaths, getFigure } from '../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../src/domain/tally/tally.ts';
import { httpTransport } from '../src/sync/index.ts';
import { ms } from './measure.ts';
import { registerBenchmark, type BenchRow } from './registry.ts';
import { benchClient } from './sync/client.ts';
import { startBenchServer } from './sync/server.ts';

/** The largest kecamatan of Pemilu 2024 (Cakung): 7,955 tallies, one audit entry each. */
const TPS = 1591;
const PORT = 8843;
/** The app seals this many rows per transaction (src/db/audit.ts SEAL_BATCH). */
const SEAL_BATCH = 200;

/** What the app records when a whole form is typed in: every figure, before → after. */
function changeOf(tally: Tally, at: string): AuditChange {
  const after: Record<string, number | null> = {};
  for (const path of figurePaths(tally)) after[path] = getFigure(tally, path) ?? null;
  return { at, actor: 'Bench', role: 'chair', record: { kind: 'tally', key: tallyKey(tally) }, action: 'tally.changed', before: {}, after, reason: null };
}

/**
 * One device enters a whole kecamatan: its 7,955 ops go to the server (the sync push), then its
 * 7,955 audit entries are sealed (hash + ECDSA signature each, in the app's batches) and pushed in
 * segments of 500, each verified entry by entry by the server before it is stored. Side by side in
 * one run, so the ratio says what the audit trail adds to a sync.
 */
async function measure(tallies: readonly Tally[], setup: Parameters<typeof startBenchServer>[0]['setup'], databaseUrl: string | undefined): Promise<BenchRow> {
  const server = await startBenchServer({ setup, port: PORT, codes: 1, ...(databaseUrl ? { databaseUrl } : {}) });
  const client = await benchClient(server.url, server.codes[0]!, 'Bench');
  try {
    await client.queue(tallies);
    let start = performance.now();
    const acknowledged = await client.push();
    const opsMs = performance.now() - start;
    if (acknowledged !== tallies.length) throw new Error(`${acknowledged} of ${tallies.length} ops acknowledged`);

    const keys = await client.store.deviceKey();
    const device = { keyHash: await keyHash(await exportPublicJwk(keys.publicKey)), privateKey: keys.privateKey };
    const at = new Date().toISOString();
    const changes = tallies.map((t) => changeOf(t, at));
    start = performance.now();
    const entries: AuditEntry[] = [];
    let head: ChainHead | null = null;
    for (let i = 0; i < changes.length; i += SEAL_BATCH) {
      const sealed = await sealChanges(changes.slice(i, i + SEAL_BATCH), head, device);
      entries.push(...sealed);
      const last = sealed.at(-1)!;
      head = { seq: last.seq, hash: last.hash };
    }
    const sealMs = performance.now() - start;

    const enrolment = await client.store.transaction((tx) => tx.getMeta('enrolment'));
    const transport = httpTransport({ serverUrl: server.url, token: enrolment!.token });
    start = performance.now();
    let stored: ChainHead | null = null;
    for (let i = 0; i < entries.length; i += MAX_AUDIT_PER_PUSH) stored = (await transport.pushAudit(entries.slice(i, i + MAX_AUDIT_PER_PUSH))).head;
    const auditMs = performance.now() - start;
    if (stored?.seq !== entries.length) throw new Error(`server holds ${stored?.seq ?? 0} of ${entries.length} entries`);

    return {
      storage: server.storage === 'sqlite' ? 'SQLite' : 'PostgreSQL',
      'ops push ms': ms(opsMs),
      'seal ms (device)': ms(sealMs),
      'audit push ms': ms(auditMs),
      'audit entries/s': Math.round(entries.length / (auditMs / 1000)),
      'audit push ÷ ops push': Number((auditMs / opsMs).toFixed(2)),
      'seal + audit push ÷ ops push': Number(((sealMs + auditMs) / opsMs).toFixed(2)),
    };
  } finally {
    await client.close();
    await server.close();
  }
}

registerBenchmark({
  name: 'audit-chain',
  description: `One device's audit chain for a ${TPS.toLocaleString('en')}-TPS kecamatan (7,955 entries, one per form with every figure): sealing it on the device, pushing it to a server process over loopback (verified entry by entry), beside pushing the same 7,955 ops; SQLite and PostgreSQL (DATABASE_URL); one run per row`,
  run: async () => {
    const { setup, tallies } = generateKecamatan({ tps: TPS, seed: 1 });
    const rows = [await measure(tallies, setup, undefined)];
    if (process.env.DATABASE_URL) rows.push(await measure(tallies, setup, process.env.DATABASE_URL));
    return rows;
  },
});
