/** Timing helpers shared by benchmarks: warm up, then time repeated runs and summarise. */
export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { runs: sorted.length, medianMs: median, p95Ms: percentile(sorted, 95), minMs: sorted[0]!, maxMs: sorted.at(-1)! };
}

/**
 * Times `fn` `runs` times after `warmup` untimed runs (so the JIT has settled). The result of each
 * run goes to a sink so the engine cannot skip the work.
 */
export async function time(fn: () => unknown, { runs = 30, warmup = 5 } = {}): Promise<Timing> {
  let sink: unknown;
  for (let i = 0; i < warmup; i += 1) sink = await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    sink = await fn();
    samples.push(performance.now() - start);
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return summarise(samples);
}

export const ms = (value: number) => Number(value.toFixed(2));
