import { get } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freshSchema, startServerProcess, type PgSchema, type ServerProcess } from '../server/processes.ts';
import { expectOneSentence, run, tempDir } from './helpers.ts';

const DATABASE_URL = process.env.DATABASE_URL;

/** One request on a connection of its own (no keep-alive), so the cluster may hand it to any worker. */
function getOnce(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('rekap server start --workers', () => {
  it('refuses more than one process on the embedded SQLite database, in words', async () => {
    const tmp = await tempDir();
    try {
      const id = await run('server', 'start', '--workers', '2', '--data-dir', tmp.path('data'));
      expect(id.code).toBe(2);
      expect(expectOneSentence(id.err).lines).toHaveLength(1);
      expect(id.err).toContain('--workers lebih dari 1 memerlukan PostgreSQL');
      const en = await run('server', 'start', '--workers', '2', '--data-dir', tmp.path('data'), '--lang', 'en');
      expect(en.err).toContain('--workers above 1 needs PostgreSQL (DATABASE_URL or --database-url)');
      const zero = await run('server', 'start', '--workers', '0', '--data-dir', tmp.path('data'), '--lang', 'en');
      expect(zero.code).toBe(2);
      expect(zero.err).toContain('Invalid --workers "0" (a whole number 1–64)');
    } finally {
      await tmp.cleanup();
    }
  });

  describe.skipIf(!DATABASE_URL)(`on PostgreSQL${DATABASE_URL ? '' : ' (skipped: DATABASE_URL unset)'}`, () => {
    let schema: PgSchema | undefined;
    let server: ServerProcess | undefined;
    afterEach(async () => {
      await server?.stop();
      await schema?.drop();
    });

    it('runs N processes on one port, spreads connections over them, and stops them all on SIGTERM', async () => {
      schema = await freshSchema(DATABASE_URL!);
      server = await startServerProcess(['--workers', '2', '--demo', '--database-url', schema.url]);
      expect(server.stderr()).toContain('proses server: 2');
      expect(server.stderr()).toMatch(/\n {2}[0-9A-Z]{5}-[0-9A-Z]{5}\n/);
      const listening = server
        .stdout()
        .split('\n')
        .filter((l) => l.includes('"msg":"listening"'))
        .map((l) => JSON.parse(l) as { workers: number; pids: number[] });
      expect(listening).toHaveLength(1);
      expect(listening[0]!.workers).toBe(2);
      const pids = listening[0]!.pids;
      expect(new Set(pids).size).toBe(2);

      for (let i = 0; i < 6; i++) expect(await getOnce(`${server.url}/api/server-key`)).toBe(200);
      await expect.poll(() => new Set([...server!.stdout().matchAll(/"path":"\/api\/server-key".*"worker":(\d+)/g)].map((m) => m[1])).size).toBe(2);

      expect(await server.stop()).toBe(0);
      expect(pids.filter(alive)).toEqual([]);
      // Three processes start one after another (each loads the CLI through tsx): slow on a loaded machine.
    }, 90_000);
  });
});
