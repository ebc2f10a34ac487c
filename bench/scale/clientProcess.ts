/**
 * One of the scale benchmark's client processes (forked by bench/scale.bench.ts): the headless
 * devices of a few kecamatan, each the `rekap sync` code path (bench/sync/client.ts). It enrols
 * them, queues each device's contiguous share of its kecamatan's tallies, says `ready`, waits for
 * `go`, then pushes with `atOnce` devices at a time and reports what was acknowledged and every
 * push request's time. Clients are spread over a few processes so that signing uses both cores and no
 * single heap holds every kecamatan.
 */
import { benchClient, type BenchClient } from '../sync/client.ts';
import { scaleKecamatan } from './kecamatan.ts';
import type { ClientDone, ClientProcessConfig, ClientReady } from './protocol.ts';

const config = JSON.parse(process.env.REKAP_SCALE_CLIENT ?? 'null') as ClientProcessConfig | null;
if (!config) throw new Error('REKAP_SCALE_CLIENT is not set');

const clients: BenchClient[] = [];
let queued = 0;
for (const { index, codes } of config.kecamatan) {
  const { tallies } = scaleKecamatan(index, config.tps);
  const size = Math.ceil(tallies.length / codes.length);
  for (const [d, code] of codes.entries()) {
    const client = await benchClient(config.serverUrl, code, `K${index + 1} perangkat ${d + 1}`);
    queued += await client.queue(tallies.slice(d * size, (d + 1) * size));
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
      const pushed = await clients[next++]!.push();
      acknowledged += pushed;
    }
  }),
);
const done: ClientDone = {
  type: 'done',
  acknowledged,
  latencies: clients.flatMap((c) => c.pushLatencies),
  retries: clients.reduce((n, c) => n + c.retries, 0),
};
process.send!(done);
for (const client of clients) await client.close();
process.disconnect();
