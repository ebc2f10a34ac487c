import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { initKecamatan, issueCode } from '../src/server/admin.ts';
import { openPostgresStorage } from '../src/server/storage/postgres.ts';
import { ms, percentile } from './measure.ts';
import { registerBenchmark, type BenchRow } from './registry.ts';
import { MAX_KECAMATAN, scaleSetup } from './scale/kecamatan.ts';
import type { ClientDone, ClientProcessConfig, ClientReady } from './scale/protocol.ts';
import { startScaleServer } from './scale/server.ts';

const numbers = (raw: string) => raw.split(',').map((s) => Number(s.trim()));
/** Server process counts to compare (`rekap server start --workers N`). */
const PROCESSES = numbers(process.env.BENCH_PROCESSES ?? '1,2,4');
const KECAMATAN = Number(process.env.BENCH_KECAMATAN ?? 50);
/** Puger's size: a typical kecamatan (the largest has 1,591). */
const TPS = Number(process.env.BENCH_TPS ?? 364);
const DEVICES_PER_KECAMATAN = Number(process.env.BENCH_DEVICES_PER_KECAMATAN ?? 2);
/** Processes the devices are spread over (each its share of the kecamatan). */
const CLIENT_PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? 4);
/**
 * Devices pushing at the same moment, over all client processes (whole kecamatan at a time). Each
 * push carries up to 200 ops: 100 devices at once queue 20,000 ops, which on a loaded 2-core
 * machine outlasts the client's 30 s request timeout; 32 is the server-throughput benchmark's most.
 */
const AT_ONCE = Number(process.env.BENCH_PUSHING_AT_ONCE ?? 32);
const CONTESTS = 5;
const CLIENT_FILE = join(import.meta.dirname, 'scale', 'clientProcess.ts');
const REPO = join(import.meta.dirname, '..');

async function sql<T extends pg.QueryResultRow>(url: string, query: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(query, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every kecamatan created as `rekap server init` does, with one chair code per device. */
async function initAll(databaseUrl: string, schema: string): Promise<string[][]> {
  const storage = await openPostgresStorage(databaseUrl, { schema, maxConnections: 2 });
  const now = () => new Date();
  try {
    const codes: string[][] = [];
    for (let index = 0; index < KECAMATAN; index++) {
      const init = await initKecamatan({ storage, now }, scaleSetup(index, TPS));
      if (!init.ok) throw new Error(init.error.en);
      const mine = [init.value.chairCode.code];
      while (mine.length < DEVICES_PER_KECAMATAN) {
        const issued = await issueCode({ storage, now }, { kecamatan: init.value.kecamatan, role: 'chair', panel: null, createdBy: 'bench' });
        if (!issued.ok) throw new Error(issued.error.en);
        mine.push(issued.value.code);
      }
      codes.push(mine);
    }
    return codes;
  } finally {
    await storage.close();
  }
}

interface ClientProcess {
  child: ChildProcess;
  ready: Promise<ClientReady>;
  done: Promise<ClientDone>;
}

function startClientProcess(config: ClientProcessConfig): ClientProcess {
  const child = fork(CLIENT_FILE, [], {
    cwd: REPO,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, REKAP_SCALE_CLIENT: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exitedEarly = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`client process exited (${code}) before it finished`))));
  const message = <T extends { type: string }>(type: T['type']) =>
    Promise.race([
      new Promise<T>((resolve) => {
        const on = (m: unknown) => {
          if ((m as T).type === type) {
            child.off('message', on);
            resolve(m as T);
          }
        };
        child.on('message', on);
      }),
      exitedEarly,
    ]);
  const ready = message<ClientReady>('ready');
  const done = message<ClientDone>('done');
  // Handled where awaited; this only keeps an early exit from being an unhandled rejection meanwhile.
  done.catch(() => undefined);
  return { child, ready, done };
}

interface TableSize {
  table: string;
  bytes: number;
}

async function tableSizes(databaseUrl: string, schema: string): Promise<TableSize[]> {
  const rows = await sql<{ table: string; bytes: string }>(
    databaseUrl,
    `select c.relname as table, pg_total_relation_size(c.oid)::text as bytes
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind = 'r' order by 2 desc`,
    [schema],
  );
  return rows.map((r) => ({ table: r.table, bytes: Number(r.bytes) }));
}

/**
 * One run: a fresh schema with every kecamatan, `processes` server processes, the client
 * processes' devices all pushing at once. Afterwards every kecamatan's feed is checked gap-free
 * and complete, and the tables are measured.
 */
async function measure(databaseUrl: string, processes: number): Promise<BenchRow> {
  const schema = `rekap_scale_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const clients: ClientProcess[] = [];
  let server: Awaited<ReturnType<typeof startScaleServer>> | null = null;
  try {
    const codes = await initAll(databaseUrl, schema);
    server = await startScaleServer(url.toString(), processes);
    const share = Array.from({ length: Math.min(CLIENT_PROCESSES, KECAMATAN) }, () => [] as ClientProcessConfig['kecamatan']);
    codes.forEach((c, index) => share[index % share.length]!.push({ index, codes: c }));
    const atOnce = Math.max(DEVICES_PER_KECAMATAN, Math.ceil(AT_ONCE / share.length));
    for (const kecamatan of share) clients.push(startClientProcess({ serverUrl: server.url, tps: TPS, atOnce, kecamatan }));
    const queued = (await Promise.all(clients.map((c) => c.ready))).reduce((n, r) => n + r.queued, 0);
    const expected = KECAMATAN * TPS * CONTESTS;
    if (queued !== expected) throw new Error(`${queued} ops queued, expected ${expected}`);

    const cpuBefore = await server.cpuSeconds();
    const start = performance.now();
    for (const c of clients) c.child.send('go');
    const done = await Promise.all(clients.map((c) => c.done));
    const wallMs = performance.now() - start;
    const serverCpu = (await server.cpuSeconds()) - cpuBefore;
    const acknowledged = done.reduce((n, d) => n + d.acknowledged, 0);
    if (acknowledged !== expected) throw new Error(`${acknowledged} of ${expected} acknowledged`);
    const latencies = done.flatMap((d) => d.latencies).sort((a, b) => a - b);

    // Per kecamatan: seq 1…n with n = its TPS × 5, and the kecamatan row agrees.
    const feeds = await sql<{ code: string; last_seq: number; rows: string; min: number | null; max: number | null }>(
      url.toString(),
      `select k.code, k.last_seq, count(c.seq)::text as rows, min(c.seq) as min, max(c.seq) as max
         from kecamatan k left join changes c on c.kecamatan = k.code group by k.code, k.last_seq`,
    );
    const perKecamatan = TPS * CONTESTS;
    const gapFree = feeds.length === KECAMATAN && feeds.every((f) => Number(f.rows) === perKecamatan && f.min === 1 && f.max === perKecamatan && f.last_seq === perKecamatan);
    if (!gapFree) throw new Error('a kecamatan feed is incomplete or has gaps');

    const sizes = await tableSizes(databaseUrl, schema);
    const total = sizes.reduce((n, s) => n + s.bytes, 0);
    const of = (table: string) => sizes.find((s) => s.table === table)?.bytes ?? 0;
    console.error(`[scale] ${processes} process(es): table sizes ${sizes.map((s) => `${s.table} ${(s.bytes / 2 ** 20).toFixed(1)} MiB`).join(', ')}`);
    return {
      'server processes': processes,
      kecamatan: KECAMATAN,
      'TPS each': TPS,
      devices: KECAMATAN * DEVICES_PER_KECAMATAN,
      'pushing at once': Math.min(KECAMATAN * DEVICES_PER_KECAMATAN, atOnce * share.length),
      'ops acknowledged': acknowledged,
      'push wall ms': ms(wallMs),
      'ops/s acknowledged': Math.round(acknowledged / (wallMs / 1000)),
      batches: latencies.length,
      'p50 batch ms': ms(percentile(latencies, 50)),
      'p95 batch ms': ms(percentile(latencies, 95)),
      'network retries': done.reduce((n, d) => n + d.retries, 0),
      'server CPU s': Math.round(serverCpu * 10) / 10,
      'server CPU ms per op': Math.round((serverCpu * 1000 * 100) / acknowledged) / 100,
      'feeds gap-free': gapFree ? 'yes' : 'no',
      'PG MiB (all tables)': Math.round(total / 2 ** 20),
      'PG bytes per tally': Math.round(total / acknowledged),
      'records + changes + ops bytes per tally': Math.round((of('records') + of('changes') + of('ops')) / acknowledged),
    };
  } catch (error) {
    for (const line of server?.errors() ?? []) console.error(`[scale] server: ${line}`);
    throw error;
  } finally {
    for (const c of clients) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await server?.close();
    await sql(databaseUrl, `drop schema if exists ${schema} cascade`);
  }
}

registerBenchmark({
  name: 'scale',
  description: `Many kecamatan at once on one PostgreSQL (DATABASE_URL, a fresh schema per run, dropped afterwards): ${KECAMATAN} kecamatan of ${TPS} TPS × ${CONTESTS} contests, ${DEVICES_PER_KECAMATAN} headless devices per kecamatan (the \`rekap sync\` code path, spread over ${CLIENT_PROCESSES} client processes) each pushing its share, all at once, to \`rekap server start --workers N\` for N = ${PROCESSES.join(', ')} (BENCH_PROCESSES, BENCH_KECAMATAN, BENCH_TPS, BENCH_DEVICES_PER_KECAMATAN, BENCH_CLIENT_PROCESSES); one run per row; clients, servers and PostgreSQL share this machine's cores`,
  run: async () => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) return PROCESSES.map((n) => ({ 'server processes': n, 'ops acknowledged': 'not measured: DATABASE_URL unset' }));
    if (KECAMATAN < 1 || KECAMATAN > MAX_KECAMATAN) throw new RangeError(`BENCH_KECAMATAN must be 1…${MAX_KECAMATAN}`);
    const rows: BenchRow[] = [];
    for (const processes of PROCESSES) {
      rows.push(await measure(databaseUrl, processes));
      // A long run's finished rows survive a later failure.
      console.error(`[scale] ${JSON.stringify(rows.at(-1))}`);
    }
    return rows;
  },
});
