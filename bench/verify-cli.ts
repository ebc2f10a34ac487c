import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { canonicalJson } from '../src/domain/canonical/json.ts';
import type { PublicKeyJwk } from '../src/domain/crypto/keys.ts';
import type { Setup } from '../src/domain/setup/schema.ts';
import type { SummaryFile } from '../src/domain/summary/schema.ts';
import { summarise, type Timing } from './measure.ts';

const run = promisify(execFile);

/** This tree's CLI, and others to time beside it: BENCH_VERIFY_BEFORE=<checkout> (e.g. a git worktree of an older commit). */
export function verifyClis(): Record<string, string> {
  const clis: Record<string, string> = { 'this tree': resolve(import.meta.dirname, '..', 'bin', 'rekap.mjs') };
  const before = process.env.BENCH_VERIFY_BEFORE;
  if (before) clis[`before (${before})`] = resolve(before, 'bin', 'rekap.mjs');
  return clis;
}

/**
 * `rekap verify <summary> --trust <server key> --setup <setup>` as a person runs it: a new Node
 * process through bin/rekap.mjs, so the time includes start-up (tsx, module loading), reading and
 * parsing the file, verification and the report. The target (≤ 1 s) is about this number,
 * not about verifySummaryText in a warm process. Several CLIs are timed in turns (one run of each,
 * then again), so that a change in the machine's load touches them alike. Every run must exit 0.
 */
export async function timeVerifyClis(
  clis: Record<string, string>,
  summary: SummaryFile,
  setup: Setup,
  serverKey: PublicKeyJwk,
  opts: { runs: number; warmup: number },
): Promise<Record<string, Timing>> {
  const dir = await mkdtemp(join(tmpdir(), 'rekap-bench-verify-'));
  try {
    const files = { summary: join(dir, 'summary.json'), setup: join(dir, 'setup.json'), trust: join(dir, 'server.jwk') };
    // Canonical, as the app and `rekap sign-summary` write it.
    await writeFile(files.summary, canonicalJson(summary));
    await writeFile(files.setup, JSON.stringify(setup));
    await writeFile(files.trust, JSON.stringify(serverKey));
    const args = ['verify', files.summary, '--trust', files.trust, '--setup', files.setup];
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(clis).map((name) => [name, []]));
    for (let i = 0; i < opts.warmup + opts.runs; i += 1) {
      for (const [name, bin] of Object.entries(clis)) {
        const start = performance.now();
        // execFile rejects on a non-zero exit: an invalid summary would not be a timing of success.
        await run(process.execPath, [bin, ...args], { maxBuffer: 64 * 2 ** 20 });
        // The warm-up runs fill tsx's transform cache; they are not timed.
        if (i >= opts.warmup) samples[name]!.push(performance.now() - start);
      }
    }
    return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarise(list)]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
