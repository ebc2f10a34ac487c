import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { EnrolResponseSchema, EventSchema, PullResponseSchema, PushResponseSchema, type Change, type Op, type OpResult } from '../../src/api/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import { signRequestHeaders } from '../../src/sync/signRequest.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import { signedOp } from './client.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const REKAP_BIN = join(ROOT, 'bin', 'rekap.mjs');

/** A fresh PostgreSQL schema, named in the URL (`options=-c search_path=…`) as a deployment would; dropped by `drop`. */
export interface PgSchema {
  name: string;
  /** DATABASE_URL for the server processes and admin commands. */
  url: string;
  drop(): Promise<void>;
}

export async function freshSchema(databaseUrl: string, prefix = 'rekap_test'): Promise<PgSchema> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await sqlOnce(databaseUrl, `create schema ${name}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return { name, url: url.toString(), drop: async () => void (await sqlOnce(databaseUrl, `drop schema if exists ${name} cascade`)) };
}

export async function sqlOnce<T extends pg.QueryResultRow = pg.QueryResultRow>(databaseUrl: string, query: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(query, values)).rows;
  } finally {
    await client.end();
  }
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `rekap server start` as a real process on 127.0.0.1 and a free port; resolves once its "listening" log line and its banner are out. */
export async function startServerProcess(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [REKAP_BIN, 'server', 'start', '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    // The log line (stdout) carries the address; the banner (stderr) ends with the stop hint.
    const check = () => {
      const m = /"msg":"listening","url":"([^"]+)"/.exec(out);
      if (m && err.includes('Ctrl+C')) resolve(m[1]!);
    };
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      check();
    });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      check();
    });
    void exited.then((code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
  return {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** A device speaking the protocol over real HTTP to whichever server process it is given per request. */
export interface HttpDevice {
  token: string;
  op(record: Tally, baseVersion: number): Promise<Op>;
  push(server: string, ops: Op[]): Promise<OpResult[]>;
  /** The whole feed after `since`, page by page. */
  feed(server: string, since?: number): Promise<Change[]>;
  issueCode(server: string, role: string, panel?: string | null): Promise<string>;
}

export async function enrolOver(server: string, code: string, name: string): Promise<HttpDevice> {
  const keys = await generateKeyPair();
  const res = await fetch(`${server}/api/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName: name, publicKey: await exportPublicJwk(keys.publicKey) }),
  });
  if (res.status !== 200) throw new Error(`enrol ${name}: ${res.status} ${await res.text()}`);
  const { token, kecamatan } = EnrolResponseSchema.parse(await res.json());
  const signer = { privateKey: keys.privateKey, keyHash: await keyHash(await exportPublicJwk(keys.publicKey)), kecamatan };
  const auth = { authorization: `Bearer ${token}` };
  return {
    token,
    op: (record, baseVersion) => signedOp(keys.privateKey, record, baseVersion, { actor: name }),
    async push(target, ops) {
      const r = await fetch(`${target}/api/push`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ ops }) });
      if (r.status !== 200) throw new Error(`push: ${r.status} ${await r.text()}`);
      return PushResponseSchema.parse(await r.json()).results;
    },
    async feed(target, since = 0) {
      const changes: Change[] = [];
      for (let after = since; ; ) {
        const r = await fetch(`${target}/api/pull?since=${after}&limit=500`, { headers: auth });
        if (r.status !== 200) throw new Error(`pull: ${r.status} ${await r.text()}`);
        const page = PullResponseSchema.parse(await r.json());
        changes.push(...page.changes);
        if (!page.more) return changes;
        after = page.lastSeq;
      }
    },
    async issueCode(target, role, panel = null) {
      const body = { role, panel };
      const signed = await signRequestHeaders(signer, { method: 'POST', path: '/api/codes', body }, new Date());
      const r = await fetch(`${target}/api/codes`, { method: 'POST', headers: { ...auth, ...signed, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (r.status !== 200) throw new Error(`code: ${r.status} ${await r.text()}`);
      return ((await r.json()) as { code: string }).code;
    },
  };
}

/** GET /api/events read as a stream: every `data: {"seq": n}` with the time it arrived. */
export interface EventReader {
  /** Resolves with the first seq (arrived or arriving) that satisfies `wanted`, and when it arrived. */
  until(wanted: (seq: number) => boolean, timeoutMs: number): Promise<{ seq: number; at: number }>;
  close(): void;
}

export async function openEvents(server: string, token: string): Promise<EventReader> {
  const controller = new AbortController();
  const res = await fetch(`${server}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`events: ${res.status}`);
  const seen: { seq: number; at: number }[] = [];
  // A holder, not a variable: TypeScript would narrow a `let` assigned only in callbacks to null.
  const waiter: { wake: (() => void) | null } = { wake: null };
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (data !== undefined) seen.push({ seq: EventSchema.parse(JSON.parse(data)).seq, at: performance.now() });
          waiter.wake?.();
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    async until(wanted, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const hit = seen.find((e) => wanted(e.seq));
        if (hit) return hit;
        const left = deadline - performance.now();
        if (left <= 0) throw new Error(`no event in ${timeoutMs} ms (seen: ${seen.map((e) => e.seq).join(', ')})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiter.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        waiter.wake = null;
      }
    },
    close: () => controller.abort(),
  };
}
