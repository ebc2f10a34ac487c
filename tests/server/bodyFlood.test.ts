import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUMMARY_IMPORT_PATH } from '../../src/server/routes/kabupaten.ts';
import { startServerProcess } from './processes.ts';
import { chunkedPost } from './rawHttp.ts';

const PARALLEL = 16;
const BODY = 32 * 1024 * 1024;
/**
 * What the flood may add to the server's resident memory. Measured: +33 MB for 16 and +36 MB for
 * 64 parallel bodies (what is read after the 401 is discarded, and the garbage collector takes it
 * back); before bodies waited for authentication, 16 took +522 MB on this route.
 */
const BOUND_MB = 100;

/** Resident and peak resident memory of a process, in MB (Linux). */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { rss: mb('VmRSS'), hwm: mb('VmHWM') };
}

describe.skipIf(process.platform !== 'linux')('unauthenticated bodies and the memory of a real server process', () => {
  it(`keeps ${PARALLEL} parallel 32 MB chunked bodies without a token (summary import, the largest limit) within ${BOUND_MB} MB`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rekap-flood-'));
    const server = await startServerProcess(['--demo', '--data-dir', dir]);
    try {
      const pid = server.child.pid!;
      // Warm the paths first: the first requests compile code the flood should not be charged for.
      await chunkedPost(server.url, SUMMARY_IMPORT_PATH, 1024 * 1024);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = memory(pid);
      let peak = before.rss;
      const sampler = setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 10);
      const answers = await Promise.all(Array.from({ length: PARALLEL }, () => chunkedPost(server.url, SUMMARY_IMPORT_PATH, BODY)));
      clearInterval(sampler);
      const after = memory(pid);
      if (after.hwm > before.hwm) peak = Math.max(peak, after.hwm);
      const growth = peak - before.rss;
      // Every answer that arrived is 401 (an attacker who keeps writing may lose one to the reset).
      expect(answers.filter((a) => a.status !== null && a.status !== 401)).toEqual([]);
      expect(answers.filter((a) => a.status === 401).length).toBeGreaterThan(PARALLEL / 2);
      expect(growth, `RSS ${before.rss.toFixed(0)} MB → peak ${peak.toFixed(0)} MB`).toBeLessThan(BOUND_MB);
      expect((await fetch(`${server.url}/api/server-key`)).status).toBe(200);
    } finally {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
