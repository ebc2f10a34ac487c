import { generateKecamatan } from '../src/domain/synthetic/generate.ts';
import type { Setup } from '../src/domain/setup/schema.ts';
import type { Tally } from '../src/domain/tally/tally.ts';
import { ms, percentile } from './measure.ts';
import { registerBenchmark, type BenchRow } from './registry.ts';
import { benchClient, type BenchClient } from './sync/client.ts';
import { startBenchServer } from './sync/server.ts';

/** The largest kecamatan of Pemilu 2024 (Cakung): 7,955 tallies, shared out among the devices. */
const TPS = 1591;
const DEVICES = (process.env.BENCH_DEVICES ?? '1,8,32').split(',').map(Number);
const PORT = 8842;
/** Devices reading the feed at once (each all 7,955 rows); capped to keep the run short. */
const MAX_READERS = 4;

/** Contiguous shares (each device its own desa, as panels have), every tally in exactly one. */
function shares<T>(items: readonly T[], n: number): T[][] {
  const size = Math.ceil(items.length / n);
  return Array.from({ length: n }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * One server process on a fresh storage; `devices` headless clients (the `rekap sync` code path:
 * file state folder, ECDSA-signed ops, batches of up to 200) enrol, queue their share of the
 * tallies, then all push at once. Ops/s counts acknowledged ops, and the server acknowledges only
 * once they are durable. Then up to MAX_READERS devices read the whole feed at once (pull pages of 500,
 * answers schema-checked, not applied to the client's store: the server's side of a pull).
 */
async function measure(setup: Setup, tallies: readonly Tally[], devices: number, databaseUrl: string | undefined): Promise<BenchRow> {
  const server = await startBenchServer({ setup, port: PORT, codes: devices, ...(databaseUrl ? { databaseUrl } : {}) });
  const clients: BenchClient[] = [];
  try {
    for (const [i, code] of server.codes.entries()) clients.push(await benchClient(server.url, code, `Perangkat ${i + 1}`));
    const parts = shares(tallies, devices);
    for (const [i, client] of clients.entries()) await client.queue(parts[i]!);

    let start = performance.now();
    const acknowledged = (await Promise.all(clients.map((c) => c.push()))).reduce((a, b) => a + b, 0);
    const pushMs = performance.now() - start;
    if (acknowledged !== tallies.length) throw new Error(`${acknowledged} of ${tallies.length} acknowledged`);
    const latencies = clients.flatMap((c) => c.pushLatencies).sort((a, b) => a - b);

    start = performance.now();
    const readers = clients.slice(0, MAX_READERS);
    const rows = (await Promise.all(readers.map((c) => c.readFeed()))).reduce((a, b) => a + b, 0);
    const pullMs = performance.now() - start;
    if (rows !== tallies.length * readers.length) throw new Error(`${rows} feed rows read, expected ${tallies.length * readers.length}`);

    return {
      storage: server.storage === 'sqlite' ? 'SQLite' : 'PostgreSQL',
      devices,
      'ops pushed': acknowledged,
      'push wall ms': ms(pushMs),
      'ops/s acknowledged': Math.round(acknowledged / (pushMs / 1000)),
      batches: latencies.length,
      'p50 batch ms': ms(percentile(latencies, 50)),
      'p95 batch ms': ms(percentile(latencies, 95)),
      readers: readers.length,
      'feed rows read': rows,
      'pull wall ms': ms(pullMs),
      'pull rows/s': Math.round(rows / (pullMs / 1000)),
      'network retries': clients.reduce((n, c) => n + c.retries, 0),
    };
  } finally {
    for (const client of clients) await client.close();
    await server.close();
  }
}

function notMeasured(devices: number): BenchRow {
  return {
    storage: 'PostgreSQL',
    devices,
    'ops pushed': 'not measured: DATABASE_URL unset',
    'push wall ms': '',
    'ops/s acknowledged': '',
    batches: '',
    'p50 batch ms': '',
    'p95 batch ms': '',
    readers: '',
    'feed rows read': '',
    'pull wall ms': '',
    'pull rows/s': '',
    'network retries': '',
  };
}

registerBenchmark({
  name: 'server-throughput',
  description: `Concurrent devices pushing their share of a ${TPS.toLocaleString('en')}-TPS kecamatan (7,955 tallies) to one server process over loopback HTTP, then up to ${MAX_READERS} of them reading the whole change feed at once; SQLite (temp data folder) and PostgreSQL (DATABASE_URL, a fresh schema); one run per row`,
  run: async () => {
    const { setup, tallies } = generateKecamatan({ tps: TPS, seed: 1 });
    const databaseUrl = process.env.DATABASE_URL;
    const rows: BenchRow[] = [];
    for (const devices of DEVICES) rows.push(await measure(setup, tallies, devices, undefined));
    for (const devices of DEVICES) rows.push(databaseUrl ? await measure(setup, tallies, devices, databaseUrl) : notMeasured(devices));
    return rows;
  },
});
