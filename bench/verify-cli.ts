import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { canonicalJson } from '../src/domain/canonical/json.ts';
import type { PublicKeyJwk } from '../src/domain/crypto/keys.ts';
import type { Setup } from '../src/domain/setup/schema.ts';
import type { SummaryFile } from '../src/domain/summary/schema.ts';
import { time, type Timing } from './measure.ts';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '..', 'bin', 'rekap.mjs');

/**
 * `rekap verify <summary> --trust <server key> --setup <setup>` as a person runs it: a new Node
 * process through bin/rekap.mjs, so the time includes start-up (tsx, module loading), reading and
 * parsing the file, verification and the report. The target (≤ 1 s) is about this number,
 * not about verifySummaryText in a warm process. The summary must verify (exit 0).
 */
export async function timeVerifyCli(
  summary: SummaryFile,
  setup: Setup,
  serverKey: PublicKeyJwk,
  opts: { runs: number; warmup: number },
): Promise<Timing> {
  const dir = await mkdtemp(join(tmpdir(), 'rekap-bench-verify-'));
  try {
    const files = { summary: join(dir, 'summary.json'), setup: join(dir, 'setup.json'), trust: join(dir, 'server.jwk') };
    // Canonical, as the app and `rekap sign-summary` write it.
    await writeFile(files.summary, canonicalJson(summary));
    await writeFile(files.setup, JSON.stringify(setup));
    await writeFile(files.trust, JSON.stringify(serverKey));
    const args = [BIN, 'verify', files.summary, '--trust', files.trust, '--setup', files.setup];
    // execFile rejects on a non-zero exit: an invalid summary would not be a timing of success.
    return await time(() => run(process.execPath, args, { maxBuffer: 64 * 2 ** 20 }), opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
