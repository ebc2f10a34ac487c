/**
 * One of the scale benchmark's client processes (forked by bench/scale.bench.ts): the headless
 * devices of a few kecamatan, each the `rekap sync` code path (bench/sync/client.ts). It enrols
 * them, queues each device's contiguous share of its kecamatan's tallies, says `ready`, waits for
 * `go`, then pushes with `atOnce` devices at a time and reports what was acknowledged and every
 * push request's time. Clients are spread over a few processes so that signing uses both cores and no
 * single heap holds every kecamatan.
 */
import { TransportError } from '../../src/sync/transport.ts';
import { benchClient, type BenchClient } from '../sync/client.ts';
import { scaleKecamatan } from './kecamatan.ts';
import type { ClientDone, ClientProcessConfig, ClientReady } from './protocol.ts';

const config = JSON.parse(process.env.REKAP_SCALE_CLIENT ?? 'null') as ClientProcessConfig | null;
if (!config) throw new Error('REKAP_SCALE_CLIENT is not set');

// What undici says when a request gets no answer (the sync client's error keeps only the kind).
const fetchOf = globalThis.fetch;
globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
  try {
    return await fetchOf(...args);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (!(error instanceof Error && error.name === 'AbortError')) console.error(`[scale client] fetch failed: ${cause?.code ?? cause?.message ?? String(error)}`);
    throw error;
  }
};

/**
 * As the sync engine does after a network failure (and `rekap sync push` run again): resume the
 * outbox after a pause; resent ops are answered `duplicate`. push() throws unless every op of the
 * device was acknowledged, so a device that returns has all `queued` acknowledged.
 */
let resumed = 0;
async function pushToTheEnd(client: BenchClient, queued: number): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.push();
      return queued;
    } catch (error) {
      if (!(error instanceof TransportError) || error.failure.kind !== 'network' || attempt >= 5) throw error;
      resumed++;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

const clients: BenchClient[] = [];
const shares: number[] = [];
let queued = 0;
for (const { index, codes } of config.kecamatan) {
  const { tallies } = scaleKecamatan(index, config.tps);
  const size = Math.ceil(tallies.length / codes.length);
  for (const [d, code] of codes.entries()) {
    const client = await benchClient(config.serverUrl, code, `K${index + 1} perangkat ${d + 1}`);
    const share = await client.queue(tallies.slice(d * size, (d + 1) * size));
    queued += share;
    shares.push(share);
    clients.push(client);
  }
}
process.send!({ type: 'ready', queued } satisfies ClientReady);

await new Promise<void>((resolve) => process.once('message', () => resolve()));
// At most `atOnce` devices push at a time, taken in kecamatan order (a kecamatan's devices push
// together): all 100 at once would queue 20,000 ops at one server, longer than a request may wait.
let acknowledged = 0;
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(config.atOnce, clients.length) }, async () => {
    while (next < clients.length) {
      // Not `acknowledged += await …`: that reads the sum before waiting and loses the others' adds.
      const i = next++;
      const pushed = await pushToTheEnd(clients[i]!, shares[i]!);
      acknowledged += pushed;
    }
  }),
);
const done: ClientDone = {
  type: 'done',
  acknowledged,
  latencies: clients.flatMap((c) => c.pushLatencies),
  retries: clients.reduce((n, c) => n + c.retries, 0) + resumed,
};
process.send!(done);
for (const client of clients) await client.close();
process.disconnect();
