import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');

export interface ScaleServer {
  url: string;
  /** The first error lines of its log (request failures with their cause). */
  errors(): string[];
  /** CPU seconds (user + system) the server's processes — the primary and its workers — have used so far. */
  cpuSeconds(): Promise<number>;
  /** SIGTERM to the primary (which stops its workers), then its exit. */
  close(): Promise<void>;
}

/**
 * `rekap server start` as production runs it, on 127.0.0.1 and a free port: one process, or
 * `--workers N` (node:cluster, N processes sharing the port) for N > 1. Its request log (stdout)
 * and banner (stderr) are read until it listens, then discarded.
 */
export async function startScaleServer(databaseUrl: string, processes: number): Promise<ScaleServer> {
  const args = ['server', 'start', '--port', '0', '--host', '127.0.0.1', '--database-url', databaseUrl, ...(processes > 1 ? ['--workers', String(processes)] : [])];
  const child = spawn(process.execPath, [join(REPO, 'bin', 'rekap.mjs'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const errors: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const chunk = d.toString();
      // Kept for the report when a request fails: the server's own account of a 500.
      for (const line of chunk.split('\n')) if (line.includes('"level":"error"') && errors.length < 20) errors.push(line);
      if (out.length < 65_536) out += chunk;
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-65_536);
    });
    void exited.then(() => reject(new Error(`rekap server start exited before listening: ${err}`)));
  });
  const listening = JSON.parse(/^.*"msg":"listening".*$/m.exec(out)![0]) as { pids?: number[] };
  const pids = [child.pid!, ...(listening.pids ?? [])];
  return {
    url: url.replace('localhost', '127.0.0.1'),
    errors: () => [...errors, ...(err.includes('Error') ? [`stderr: ${err.slice(-4000)}`] : [])],
    cpuSeconds: async () => (await Promise.all(pids.map(cpuSecondsOf))).reduce((a, b) => a + b, 0),
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Linux: utime + stime of a live process, from /proc/<pid>/stat (clock ticks, 100 per second). */
async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may contain spaces) in parentheses; utime and stime are the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
