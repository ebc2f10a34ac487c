import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnrolResponseSchema, PullResponseSchema, PushResponseSchema, type Change, type Op } from '../../src/api/index.ts';
import { exportPublicJwk, generateKeyPair } from '../../src/domain/crypto/keys.ts';
import { allTps } from '../../src/domain/setup/lookup.ts';
import { run, tempDir } from '../cli/helpers.ts';
import { signedOp, tallyOf } from './client.ts';
import { pugerSetup, PUGER_SETUP_FILE } from './harness.ts';

const ROOT = join(import.meta.dirname, '..', '..');

async function start(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'rekap.mjs'), 'server', 'start', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url };
}

const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('the server killed mid-push (SQLite, SIGKILL)', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child) await killed(child);
    await tmp?.cleanup();
  });

  it('keeps every acknowledged op; re-sending everything afterwards gives duplicates, never a second copy', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = await run('server', 'init', '--setup', PUGER_SETUP_FILE, '--json', '--data-dir', data);
    const { chairCode } = JSON.parse(init.out) as { chairCode: string };
    const setup = await pugerSetup();

    let server = await start(data);
    child = server.child;
    const keys = await generateKeyPair();
    const enrolRes = await fetch(`${server.url}/api/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: chairCode, deviceName: 'Ketua', publicKey: await exportPublicJwk(keys.publicKey) }),
    });
    const { token } = EnrolResponseSchema.parse(await enrolRes.json());
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const ops: Op[] = await Promise.all(allTps(setup).slice(0, 120).map((t) => signedOp(keys.privateKey, tallyOf(setup, t.code), 0)));
    const acknowledged = new Map<string, number>(); // opId → seq
    const push = async (url: string, batch: Op[]) => {
      const res = await fetch(`${url}/api/push`, { method: 'POST', headers, body: JSON.stringify({ ops: batch }) });
      return PushResponseSchema.parse(await res.json()).results;
    };

    // Four devices' worth of pushes in flight; the process dies after the 40th acknowledgement.
    let next = 0;
    const worker = async () => {
      while (next < ops.length) {
        const op = ops[next++]!;
        try {
          const [result] = await push(server.url, [op]);
          if (result?.status === 'applied') acknowledged.set(op.opId, result.seq);
          if (acknowledged.size === 40) void killed(server.child);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    await killed(server.child);
    expect(acknowledged.size).toBeGreaterThanOrEqual(40);
    expect(acknowledged.size).toBeLessThan(ops.length);

    server = await start(data);
    child = server.child;
    const pullAll = async (): Promise<Change[]> => {
      const changes: Change[] = [];
      for (let since = 0; ; ) {
        const page = PullResponseSchema.parse(await (await fetch(`${server.url}/api/pull?since=${since}&limit=50`, { headers })).json());
        changes.push(...page.changes);
        since = page.lastSeq;
        if (!page.more) return changes;
      }
    };
    const afterCrash = await pullAll();
    const bySeq = new Map(afterCrash.map((c) => [c.seq, c]));
    for (const op of ops) {
      const seq = acknowledged.get(op.opId);
      if (seq === undefined) continue;
      expect(bySeq.get(seq), `acknowledged op ${op.opId} at seq ${seq}`).toMatchObject({ key: op.key, hash: op.hash, version: 1 });
    }

    // The client re-sends its whole outbox: acknowledged ops come back as duplicates, lost ones apply.
    const results = [];
    for (let i = 0; i < ops.length; i += 50) results.push(...(await push(server.url, ops.slice(i, i + 50))));
    for (const [i, r] of results.entries()) {
      const op = ops[i]!;
      if (acknowledged.has(op.opId)) expect(r).toEqual({ opId: op.opId, status: 'duplicate', version: 1, seq: acknowledged.get(op.opId) });
      else expect(['applied', 'duplicate']).toContain(r.status);
    }
    const final = await pullAll();
    expect(final).toHaveLength(ops.length);
    expect(new Set(final.map((c) => c.key)).size).toBe(ops.length);
    expect(final.map((c) => c.seq)).toEqual(final.map((_, i) => i + 1));
  }, 60_000);
});
