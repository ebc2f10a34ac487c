import { generateKecamatan } from '../src/domain/synthetic/generate.ts';
import { tallyKey, type Tally } from '../src/domain/tally/tally.ts';
import { ms, summarise } from './measure.ts';
import { registerBenchmark, type BenchRow } from './registry.ts';
import { benchClient } from './sync/client.ts';
import { localPouch, replicate, startPouchServer } from './peers/pouch.ts';
import { startBenchServer } from './sync/server.ts';

/** The largest kecamatan of Pemilu 2024 (Cakung): 1,591 TPS × 5 contests = 7,955 tallies. */
const TPS = 1591;
const RUNS = Number(process.env.BENCH_SYNC_RUNS ?? 3);
const REKAP_PORT = 8841;
const POUCH_PORT = 8840;

interface Sample {
  localMs: number;
  pushMs: number;
  pullMs: number;
}

/**
 * Rekap: a real server process (`rekap server start` on a fresh SQLite data folder) with the
 * kecamatan initialised; client 1 enrols with the chair's code, queues every tally in its outbox
 * (local write, timed apart) and pushes (`rekap sync push`'s code path); client 2 enrols and pulls
 * the whole feed. Both clients are headless, with the file state folder of `rekap sync --state`.
 */
async function rekapRun(setup: Parameters<typeof startBenchServer>[0]['setup'], tallies: readonly Tally[]): Promise<Sample> {
  const server = await startBenchServer({ setup, port: REKAP_PORT, codes: 2 });
  try {
    const first = await benchClient(server.url, server.codes[0]!, 'Klien 1');
    const second = await benchClient(server.url, server.codes[1]!, 'Klien 2');
    try {
      let start = performance.now();
      await first.queue(tallies);
      const localMs = performance.now() - start;
      start = performance.now();
      const acknowledged = await first.push();
      const pushMs = performance.now() - start;
      start = performance.now();
      await second.pull();
      const pullMs = performance.now() - start;
      const pulled = (await second.store.records()).length;
      if (acknowledged !== tallies.length || pulled !== tallies.length) throw new Error(`Rekap: ${acknowledged} acknowledged, ${pulled} pulled of ${tallies.length}`);
      return { localMs, pushMs, pullMs };
    } finally {
      await first.close();
      await second.close();
    }
  } finally {
    await server.close();
  }
}

/**
 * PouchDB: `pouchdb-server --in-memory` in its own process; client 1 is an in-memory PouchDB
 * holding the same tallies as documents (_id = the tally key; bulkDocs timed apart) replicated to
 * the server to completion; client 2 is a fresh in-memory PouchDB replicating from it.
 */
async function pouchRun(tallies: readonly Tally[], run: number): Promise<Sample> {
  const server = await startPouchServer(POUCH_PORT);
  const first = localPouch();
  const second = localPouch();
  try {
    const remote = `${server.url}/kecamatan-${run}`;
    let start = performance.now();
    const saved = await first.bulkDocs(tallies.map((t) => ({ ...t, _id: tallyKey(t) })));
    const localMs = performance.now() - start;
    if (saved.some((r) => r.error !== undefined)) throw new Error('PouchDB: a local write failed');
    start = performance.now();
    const written = await replicate(first, remote);
    const pushMs = performance.now() - start;
    start = performance.now();
    await replicate(remote, second);
    const pullMs = performance.now() - start;
    const pulled = (await second.info()).doc_count;
    if (written !== tallies.length || pulled !== tallies.length) throw new Error(`PouchDB: ${written} written, ${pulled} pulled of ${tallies.length}`);
    return { localMs, pushMs, pullMs };
  } finally {
    await first.destroy();
    await second.destroy();
    await server.close();
  }
}

function summary(name: string, samples: readonly Sample[], rows: number): { row: BenchRow; localMs: number; pushMs: number; pullMs: number; totalMs: number } {
  const push = summarise(samples.map((s) => s.pushMs)).medianMs;
  const pull = summarise(samples.map((s) => s.pullMs)).medianMs;
  const total = summarise(samples.map((s) => s.pushMs + s.pullMs));
  const perSecond = (msValue: number) => Math.round(rows / (msValue / 1000));
  const local = summarise(samples.map((s) => s.localMs)).medianMs;
  const row: BenchRow = {
    case: name,
    runs: samples.length,
    'local write ms': ms(local),
    'push ms': ms(push),
    'pull ms': ms(pull),
    'push+pull ms': ms(total.medianMs),
    'push+pull min–max ms': `${Math.round(total.minMs)}–${Math.round(total.maxMs)}`,
    'push rows/s': perSecond(push),
    'pull rows/s': perSecond(pull),
    'push+pull rows/s': perSecond(total.medianMs),
  };
  return { row, localMs: local, pushMs: push, pullMs: pull, totalMs: total.medianMs };
}

registerBenchmark({
  name: 'sync-vs-pouchdb',
  description: `Push + pull of a generated ${TPS.toLocaleString('en')}-TPS kecamatan × 5 contests between two clients over loopback HTTP: Rekap (server process on SQLite, headless clients) vs PouchDB → pouchdb-server --in-memory; median of ${RUNS} interleaved runs`,
  run: async () => {
    const { setup, tallies } = generateKecamatan({ tps: TPS, seed: 1 });
    const rekap: Sample[] = [];
    const pouch: Sample[] = [];
    // Interleaved, so that a slow phase of the machine hits both sides alike.
    for (let run = 0; run < RUNS; run += 1) {
      rekap.push(await rekapRun(setup, tallies));
      pouch.push(await pouchRun(tallies, run));
    }
    const n = tallies.length;
    const r = summary(`Rekap (${n.toLocaleString('en')} tallies)`, rekap, n);
    const p = summary(`PouchDB → pouchdb-server --in-memory (${n.toLocaleString('en')} docs)`, pouch, n);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    return [
      r.row,
      p.row,
      {
        case: 'ratio Rekap time / PouchDB time',
        runs: RUNS,
        'local write ms': ratio(r.localMs, p.localMs),
        'push ms': ratio(r.pushMs, p.pushMs),
        'pull ms': ratio(r.pullMs, p.pullMs),
        'push+pull ms': ratio(r.totalMs, p.totalMs),
        'push+pull min–max ms': '',
        'push rows/s': '',
        'pull rows/s': '',
        'push+pull rows/s': '',
      },
    ];
  },
});
