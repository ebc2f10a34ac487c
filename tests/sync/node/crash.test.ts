import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteSyncStore } from '../../../src/sync/node/sqliteStore.ts';

const CHILD = join(import.meta.dirname, 'crashChild.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rekap-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the writer, waits for `line` on its output (plus `afterMs`), then kills it with SIGKILL. */
async function killWhen(line: string, afterMs: number, ...args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`${line}\n`)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the writer exited (${code}) before "${line}"`)));
  });
  await new Promise((r) => setTimeout(r, afterMs));
  child.kill('SIGKILL');
  await exited;
}

/** The folder as the next run finds it: each form's record and its op, and the checkpoint. */
async function reopened() {
  const store = await SqliteSyncStore.open(dir);
  try {
    const records = await store.records();
    const state = await store.transaction(async (tx) => ({
      checkpoint: await tx.getMeta('checkpoint'),
      ops: await Promise.all(records.map((r) => tx.opsFor(r.key))),
    }));
    const votes = records.map((r) => (r.kind === 'tally' ? r.record.votes[1] : null));
    return { ...state, votes, records };
  } finally {
    await store.close();
  }
}

describe('a kill at any moment leaves the last committed state', () => {
  it('killed half-way through a transaction: nothing of it, everything before it', async () => {
    await killWhen('hanging', 100, '--hang');
    expect(await readdir(dir)).toContain('lock');
    const { checkpoint, votes, ops } = await reopened();
    expect(checkpoint).toBe(1);
    expect(votes).toEqual(Array(20).fill(1));
    expect(ops.map((o) => o.length)).toEqual(Array(20).fill(1));
  }, 60_000);

  it.each([150, 900])('killed while committing transaction after transaction (%i ms in): one whole commit, never part of one', async (afterMs) => {
    await killWhen('running', afterMs);
    const { checkpoint, votes, ops, records } = await reopened();
    expect(checkpoint).toBeGreaterThanOrEqual(1);
    // Every form was written by every transaction: all carry the last committed one's number.
    expect(votes).toEqual(Array(20).fill(checkpoint % 1000));
    // Each form's one never-sent op folded every write, up to the same commit.
    expect(ops.map((o) => o.map((op) => op.record))).toEqual(records.map((r) => [r.record]));
  }, 60_000);
});
