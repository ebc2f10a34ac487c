import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tally } from '../../src/domain/tally/tally.ts';
// The modules `rekap sync` imports (src/cli/commands/sync.ts), not the sync barrel with Dexie.
import { enrol } from '../../src/sync/enrol.ts';
import { httpTransport } from '../../src/sync/http.ts';
import { writeLocalMany } from '../../src/sync/localWrite.ts';
import { SqliteSyncStore } from '../../src/sync/node/sqliteStore.ts';
import { installNodeSha256 } from '../../src/server/nodeSha256.ts';
import { emptyPullReport, pullAll } from '../../src/sync/pull.ts';
import { emptyPushReport, pushAll } from '../../src/sync/push.ts';
import { TransportError, type Transport } from '../../src/sync/transport.ts';

// As `rekap sync` does (src/cli/main.ts): Node's SHA-256 for the records' hashes.
installNodeSha256();

/**
 * A headless Rekap client as `rekap sync` runs it (src/cli/commands/sync.ts): a state folder
 * (SqliteSyncStore), enrolment with a one-time code, the HTTP transport, pushAll / pullAll with the
 * CLI's defaults. Every push request is timed (one request = one batch of up to 200 ops).
 */
export interface BenchClient {
  store: SqliteSyncStore;
  /** Milliseconds of each push request, in order. */
  pushLatencies: number[];
  /** Requests that failed on the network and were made again (see `retrying`). */
  retries: number;
  /** Queues tallies in the outbox (like `rekap sync push` before it sends). */
  queue(tallies: readonly Tally[]): Promise<number>;
  /** Sends the outbox; throws unless every op was acknowledged. */
  push(): Promise<number>;
  /** Pulls the change feed to its end; returns how many records were applied. */
  pull(): Promise<number>;
  /**
   * Reads the whole change feed from seq 0 as pullAll does (same page size, answers checked by the
   * shared schemas) without applying it: the server's side of a pull. Returns the rows read.
   */
  readFeed(): Promise<number>;
  close(): Promise<void>;
}

/** pullAll's default page size. */
const PAGE_SIZE = 500;

export async function benchClient(serverUrl: string, code: string, name: string): Promise<BenchClient> {
  const dir = await mkdtemp(join(tmpdir(), 'rekap-bench-client-'));
  const store = await SqliteSyncStore.open(dir);
  const pushLatencies: number[] = [];
  const timed = (direct: Transport): Transport => ({
    ...direct,
    push: async (ops) => {
      const start = performance.now();
      try {
        return await direct.push(ops);
      } finally {
        pushLatencies.push(performance.now() - start);
      }
    },
  });
  const transportFor = (url: string, token: string | null) => timed(httpTransport({ serverUrl: url, token }));
  const enrolled = await enrol(store, transportFor, { serverUrl, code, deviceName: name, actor: name });
  if (!enrolled.ok) throw new Error(`enrol ${name}: ${enrolled.error.en}`);
  const transport = transportFor(enrolled.value.serverUrl, enrolled.value.token);
  const client: BenchClient = {
    store,
    pushLatencies,
    retries: 0,
    queue: (tallies) => writeLocalMany(store, tallies, name),
    async push() {
      const report = emptyPushReport();
      // As the engine's next round (or running `rekap sync push` again) would: resume the outbox.
      await retrying(client, () => pushAll({ store, transport }, report));
      const counts = await store.counts();
      if (counts.pending !== 0 || counts.conflicts !== 0 || report.failed.length > 0) {
        throw new Error(`${name}: push incomplete (${counts.pending} pending, ${counts.conflicts} conflicts, ${report.failed.length} failed: ${report.failed[0]?.reason.en ?? ''})`);
      }
      return report.acknowledged;
    },
    async pull() {
      const report = await pullAll({ store, transport }, emptyPullReport());
      return report.applied;
    },
    async readFeed() {
      let since = 0;
      let rows = 0;
      for (;;) {
        const page = await retrying(client, () => transport.pull(since, PAGE_SIZE));
        rows += page.changes.length;
        if (!page.more) return rows;
        since = page.lastSeq;
      }
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return client;
}

/**
 * On a loaded 2-core machine a kept-alive loopback connection is now and then closed by the server
 * just as the client reuses it ("fetch failed"). The sync engine retries such failures; so does the
 * benchmark (a few times, counted and reported), instead of aborting a run of minutes.
 */
async function retrying<T>(client: BenchClient, attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TransportError) || error.failure.kind !== 'network' || tries >= 3) throw error;
      client.retries++;
    }
  }
}
