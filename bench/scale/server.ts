import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '..', '..');

export interface ScaleServer {
  url: string;
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
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (out.length < 65_536) out += d.toString();
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < 65_536) err += d.toString();
    });
    void exited.then(() => reject(new Error(`rekap server start exited before listening: ${err}`)));
  });
  return {
    url: url.replace('localhost', '127.0.0.1'),
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
