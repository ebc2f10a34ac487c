/**
 * A tiny benchmark registry: each benchmark module calls `registerBenchmark` at import time and
 * bench/run.ts imports the modules, runs the selected benchmarks and prints their rows as markdown
 * tables. A benchmark returns rows; every row of one benchmark should have the same columns.
 */
export type BenchRow = Record<string, string | number>;

export interface Benchmark {
  name: string;
  description: string;
  run: () => Promise<BenchRow[]>;
}

const benchmarks: Benchmark[] = [];

export function registerBenchmark(benchmark: Benchmark): void {
  if (benchmarks.some((b) => b.name === benchmark.name)) throw new Error(`Benchmark "${benchmark.name}" registered twice`);
  benchmarks.push(benchmark);
}

export function registeredBenchmarks(): readonly Benchmark[] {
  return benchmarks;
}
