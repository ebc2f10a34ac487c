import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import { tpsCode } from '../../src/domain/codes/codes.ts';
import { emptyTally, setFigure } from '../../src/domain/tally/fields.ts';
import { TALLIES_FORMAT, tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { issueCode } from '../../src/server/admin.ts';
import type { Database } from '../../src/server/storage/schema.ts';
import { enrol } from '../../src/sync/enrol.ts';
import { httpTransport } from '../../src/sync/http.ts';
import { writeLocalMany } from '../../src/sync/localWrite.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { FileSyncStore } from '../sync/node/legacyFileStore.ts';
import { readJson, run, tempDir, writeJson } from './helpers.ts';

/** TPS × contest of the Puger demo (up to all 1,820) with a few figures, in setup order. */
function pugerTallies(server: TestServer, limit = Infinity): Tally[] {
  const tallies: Tally[] = [];
  for (const desa of server.setup.desa) {
    for (const number of desa.tps) {
      for (const contest of server.setup.contests) {
        if (tallies.length >= limit) return tallies;
        let t: Tally = { ...emptyTally(tpsCode(desa.code, number), contest), status: 'draft' };
        t = setFigure(t, 'voters.dpt.male', 100 + number);
        t = setFigure(t, 'voters.dpt.female', 90 + (number % 7));
        tallies.push(t);
      }
    }
  }
  return tallies;
}

const file = (server: TestServer, tallies: Tally[]) => ({ format: TALLIES_FORMAT, kecamatan: server.kecamatan, tallies });

async function code(server: TestServer, role: 'chair' | 'clerk' | 'witness' | 'panwas', panel: string | null = null): Promise<string> {
  const issued = await issueCode({ storage: server.storage, now: server.clock.now }, { kecamatan: server.kecamatan, role, panel, createdBy: 'test' });
  if (!issued.ok) throw new Error(issued.error.en);
  return issued.value.code;
}

/** Every change in the server's feed (as a device would pull it). */
async function feed(server: TestServer): Promise<{ key: string; version: number }[]> {
  const changes: { key: string; version: number }[] = [];
  let since = 0;
  for (;;) {
    const page = await server.storage.changes(server.kecamatan, since, 1000);
    changes.push(...page.changes.map((c) => ({ key: c.key, version: c.version })));
    since = page.changes.at(-1)?.seq ?? since;
    if (!page.more) return changes;
  }
}

let server: TestServer;
let url: string;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  server = await startTestServer();
  url = (await server.listen()).url;
  dir = await tempDir();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await server.close();
  await dir.cleanup();
});

describe('rekap sync (headless client)', () => {
  it('pushes a tallies file, then another device pulls the same tallies', async () => {
    const tallies = pugerTallies(server, 40);
    const input = await writeJson(dir.path('in.json'), file(server, tallies));
    const pushed = await run('sync', '--server', url, '--state', dir.path('a'), '--code', server.chairCode, 'push', input, '--lang', 'en');
    expect(pushed.err).toBe('');
    expect(pushed.out).toMatch(/40 new\/changed tallies queued; 40 ops sent, 40 acknowledged; 0 not acknowledged/);
    expect(pushed.code).toBe(0);

    // Pushing the same file again sends nothing (the state remembers what is acknowledged).
    const again = await run('sync', '--state', dir.path('a'), 'push', input, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ queued: 0, sent: 0, done: true });

    const out = dir.path('out.json');
    const pulled = await run('sync', '--server', url, '--state', dir.path('b'), '--code', await code(server, 'witness'), 'pull', '-o', out);
    expect(pulled.code).toBe(0);
    expect(pulled.out).toMatch(/40 perubahan dari server diterapkan/);
    const written = await readJson<{ format: string; tallies: Tally[] }>(out);
    expect(written.format).toBe(TALLIES_FORMAT);
    expect(written.tallies.map(tallyKey).sort()).toEqual(tallies.map(tallyKey).sort());
    expect(written.tallies.find((t) => tallyKey(t) === tallyKey(tallies[0]!))).toEqual(tallies[0]);
  });

  it('refuses a pulled tally the server altered after it was sent (hash recomputed): not written, named, exit 1', async () => {
    const tallies = pugerTallies(server, 3);
    const input = await writeJson(dir.path('in.json'), file(server, tallies));
    expect((await run('sync', '--server', url, '--state', dir.path('a'), '--code', server.chairCode, 'push', input)).code).toBe(0);
    const key = tallyKey(tallies[1]!);
    const raw = (server.storage as unknown as { db: Kysely<Database> }).db;
    const row = await raw.selectFrom('records').select('record').where('key', '=', key).executeTakeFirstOrThrow();
    const stored = JSON.parse(row.record) as Tally;
    const edited = canonicalJson({ ...stored, voters: { ...stored.voters, dpt: { ...stored.voters.dpt, male: 999 } } });
    const hash = await sha256Hex(edited);
    await raw.updateTable('records').set({ record: edited, hash }).where('key', '=', key).execute();
    await raw.updateTable('changes').set({ record: edited, hash }).where('key', '=', key).execute();

    const out = dir.path('out.json');
    const pulled = await run('sync', '--server', url, '--state', dir.path('b'), '--code', await code(server, 'witness'), 'pull', '-o', out, '--lang', 'en');
    expect(pulled.err).toBe('');
    expect(pulled.code).toBe(1);
    expect(pulled.out).toContain(`REFUSED: ${key} version 1 (seq 2): its content is not what the writing device signed (changed on the server).`);
    const written = await readJson<{ tallies: Tally[] }>(out);
    expect(written.tallies.map(tallyKey).sort()).toEqual([tallies[0]!, tallies[2]!].map(tallyKey).sort());
  });

  it('resumes a push cut off by a failing server, without duplicates', async () => {
    const tallies = pugerTallies(server, 500);
    const input = await writeJson(dir.path('in.json'), file(server, tallies));
    const realFetch = globalThis.fetch;
    let pushes = 0;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      // The third push reaches the server, but its answer never comes back.
      if (String(input).endsWith('/api/push') && ++pushes === 3) {
        await realFetch(input, init);
        throw new TypeError('fetch failed: connection reset');
      }
      return realFetch(input, init);
    });
    const cut = await run('sync', '--server', url, '--state', dir.path('s'), '--code', server.chairCode, 'push', input, '--lang', 'en');
    expect(cut.code).toBe(1);
    expect(cut.err).toMatch(/Stopped: Server unreachable: no answer .*Run again to resume/);
    expect(cut.out).toMatch(/500 new\/changed tallies queued; 500 ops sent, 400 acknowledged; 100 not acknowledged/);
    vi.unstubAllGlobals();

    const resumed = await run('sync', '--state', dir.path('s'), 'push', input, '--json');
    expect(resumed.code).toBe(0);
    // The batch whose answer was lost goes again and is recognised as duplicates.
    expect(JSON.parse(resumed.out)).toMatchObject({ queued: 0, sent: 100, acknowledged: 100, pending: 0, done: true });
    const changes = await feed(server);
    expect(changes).toHaveLength(500);
    expect(new Set(changes.map((c) => c.key)).size).toBe(500);
    expect(changes.every((c) => c.version === 1)).toBe(true);
  });

  it('resumes after the process is killed mid-push (SIGKILL)', async () => {
    const tallies = pugerTallies(server, 800);
    const input = await writeJson(dir.path('in.json'), file(server, tallies));
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'rekap.mjs');
    const child = spawn(process.execPath, [bin, 'sync', '--server', url, '--state', dir.path('s'), '--code', server.chairCode, 'push', input], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let killedAt = -1;
    for (let i = 0; i < 1500 && child.exitCode === null; i++) {
      const seq = await server.storage.lastSeq(server.kecamatan);
      if (seq > 0) {
        child.kill('SIGKILL');
        killedAt = seq;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await exited;
    expect(killedAt, 'the push was killed while running').toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(tallies.length);
    // The killed process leaves its lock behind; the next run takes it over.
    expect(await readdir(dir.path('s'))).toContain('lock');

    const resumed = await run('sync', '--state', dir.path('s'), 'push', input, '--json');
    expect(JSON.parse(resumed.out)).toMatchObject({ pending: 0, done: true });
    expect(resumed.code).toBe(0);
    const changes = await feed(server);
    expect(changes).toHaveLength(tallies.length);
    expect(changes.every((c) => c.version === 1)).toBe(true);
  }, 120_000);

  it('reports conflicts and exits 1; nothing is overwritten', async () => {
    const [first] = pugerTallies(server, 1);
    const input = await writeJson(dir.path('in.json'), file(server, [first!]));
    expect((await run('sync', '--server', url, '--state', dir.path('a'), '--code', server.chairCode, 'push', input)).code).toBe(0);
    // Another device, never having pulled, pushes its own version of the same TPS.
    const other = setFigure(first!, 'voters.dpt.male', 1);
    const otherInput = await writeJson(dir.path('other.json'), file(server, [other]));
    const r = await run('sync', '--server', url, '--state', dir.path('b'), '--code', await code(server, 'chair'), 'push', otherInput, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Conflicts (1): ${tallyKey(first!)}`);
    const changes = await feed(server);
    expect(changes).toEqual([{ key: tallyKey(first!), version: 1 }]);
  });

  it('refuses bad input with exit 2 and changes nothing', async () => {
    const noState = await run('sync', 'push', 'x.json');
    expect(noState.code).toBe(2);
    const notEnrolled = await writeJson(dir.path('in.json'), file(server, pugerTallies(server, 1)));
    const r = await run('sync', '--state', dir.path('s'), 'push', notEnrolled, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Not enrolled yet: give --server <url> and --code/);
    const bad = await writeJson(dir.path('bad.json'), { format: TALLIES_FORMAT, kecamatan: server.kecamatan, tallies: [{ tps: 'x' }] });
    const refused = await run('sync', '--server', url, '--state', dir.path('t'), '--code', server.chairCode, 'push', bad);
    expect(refused.code).toBe(2);
    // The code was not used up by a bad file.
    const good = await run('sync', '--server', url, '--state', dir.path('t'), '--code', server.chairCode, 'push', notEnrolled);
    expect(good.code).toBe(0);
    expect(await readdir(dir.path('t'))).toContain('state.db');
  });

  it('a damaged state is named in a sentence (exit 2), not an internal error', async () => {
    const input = await writeJson(dir.path('in.json'), file(server, pugerTallies(server, 3)));
    const queued = await run('sync', '--state', dir.path('s'), '--server', url, '--code', server.chairCode, 'push', input);
    expect(queued.code).toBe(0);
    const db = new BetterSqlite3(join(dir.path('s'), 'state.db'));
    db.prepare('UPDATE records SET json = ?').run('{"tps":"x"}');
    db.close();
    const r = await run('sync', '--state', dir.path('s'), 'pull', '-o', dir.path('out.json'), '--lang', 'en');
    expect(r.err).toMatch(/^rekap: The sync state is damaged \(records \d{13}:[A-Z_]+\): /);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
  });

  it('carries on with a state folder an older Rekap left (files, enrolled, ops queued)', async () => {
    const tallies = pugerTallies(server, 30);
    const input = await writeJson(dir.path('in.json'), file(server, tallies));
    const old = await FileSyncStore.open(dir.path('s'));
    const transportFor = (serverUrl: string, token: string | null) => httpTransport({ serverUrl, token });
    const enrolled = await enrol(old, transportFor, { serverUrl: url, code: server.chairCode, deviceName: 'laptop lama', actor: 'laptop lama' });
    expect(enrolled.ok).toBe(true);
    expect(await writeLocalMany(old, tallies, 'laptop lama')).toBe(30);
    await old.close();
    expect(await readdir(dir.path('s'))).toContain('state.json');

    // No --server, no --code: the enrolment and the queued ops come over from the old files.
    const pushed = await run('sync', '--state', dir.path('s'), 'push', input, '--json');
    expect(JSON.parse(pushed.out)).toMatchObject({ queued: 0, sent: 30, acknowledged: 30, pending: 0, done: true });
    expect(pushed.code).toBe(0);
    expect((await readdir(dir.path('s'))).sort()).toEqual(['device-key.json', 'state.db']);
    expect(await feed(server)).toHaveLength(30);
  });
});
