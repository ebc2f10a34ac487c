/**
 * `npm run bench [-- name …]`: runs the registered benchmarks (all, or those named) and prints
 * machine info plus one markdown table per benchmark, ready to paste into docs/BENCHMARKS.md.
 * To add a benchmark: create bench/<name>.bench.ts calling registerBenchmark, and import it below.
 */
import os from 'node:os';
import { registeredBenchmarks, type BenchRow } from './registry.ts';
import './totals.bench.ts';
import './summary.bench.ts';
import './dhasil-render.bench.ts';
import './entry-latency.bench.ts';
import './app-open.bench.ts';
import './sync-pouchdb.bench.ts';
import './server-throughput.bench.ts';
import './audit-chain.bench.ts';
import './scale.bench.ts';

function markdownTable(rows: readonly BenchRow[]): string {
  if (rows.length === 0) return '_(no rows)_';
  const columns = Object.keys(rows[0]!);
  const numeric = columns.map((c) => rows.every((r) => typeof r[c] === 'number'));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns),
    line(numeric.map((n) => (n ? '---:' : '---'))),
    ...rows.map((r) => line(columns.map((c) => String(r[c] ?? '')))),
  ].join('\n');
}

function machineInfo(): string {
  const cpus = os.cpus();
  return [
    `- Date: ${new Date().toISOString()}`,
    `- CPU: ${cpus[0]?.model.trim() ?? 'unknown'} (${cpus.length} logical cores)`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node: ${process.version}`,
    // Other work on the machine skews timings; the load average makes a noisy run recognisable.
    `- Load average at start (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const wanted = argv.filter((a) => !a.startsWith('-'));
  const all = registeredBenchmarks();
  const unknown = wanted.filter((w) => !all.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${all.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = wanted.length > 0 ? all.filter((b) => wanted.includes(b.name)) : all;
  console.log(`## Machine\n\n${machineInfo()}\n`);
  for (const benchmark of selected) {
    const rows = await benchmark.run();
    console.log(`## ${benchmark.name}\n\n${benchmark.description}\n\n${markdownTable(rows)}\n`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
