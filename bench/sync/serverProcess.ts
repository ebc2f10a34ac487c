/**
 * A Rekap sync server in a process of its own, for the sync benchmarks (started by
 * bench/sync/server.ts with fork). It does what `rekap server init` + `rekap server start` do — open
 * the storage, create the kecamatan from a setup file, listen — and then issues extra chair codes so
 * the benchmark can enrol many devices. Request logs go to stdout as in production (the parent
 * discards them). The codes are sent to the parent over IPC; SIGTERM stops the server.
 */
import { readFile } from 'node:fs/promises';
import { validateSetup } from '../../src/domain/setup/validate.ts';
import { initKecamatan, issueCode } from '../../src/server/admin.ts';
import { jsonLogger } from '../../src/server/http/log.ts';
import { keySecretSource } from '../../src/server/keys/keySecret.ts';
import { startServer } from '../../src/server/start.ts';
import { openStorage } from '../../src/server/storage/open.ts';
import type { ServerProcessConfig, ServerProcessReady } from './server.ts';

const config = JSON.parse(process.env.REKAP_BENCH_SERVER ?? 'null') as ServerProcessConfig | null;
if (!config) throw new Error('REKAP_BENCH_SERVER is not set');

const setup = validateSetup(JSON.parse(await readFile(config.setupFile, 'utf8')));
if (!setup.ok) throw new Error('benchmark setup is invalid');
const storage = await openStorage(config.storage.kind === 'sqlite' ? { dataDir: config.storage.dataDir } : { databaseUrl: config.storage.url, schema: config.storage.schema });
const now = () => new Date();
const init = await initKecamatan({ storage, now }, setup.value);
if (!init.ok) throw new Error(init.error.en);
const codes = [init.value.chairCode.code];
while (codes.length < config.codes) {
  const issued = await issueCode({ storage, now }, { kecamatan: init.value.kecamatan, role: 'chair', panel: null, createdBy: 'bench' });
  if (!issued.ok) throw new Error(issued.error.en);
  codes.push(issued.value.code);
}
const keySecret = keySecretSource({ dataDir: config.storage.kind === 'sqlite' ? config.storage.dataDir : 'data' });
const running = await startServer({ storage, keySecret, port: config.port, host: '127.0.0.1', staticDir: 'dist', log: jsonLogger() });
const ready: ServerProcessReady = { url: `http://127.0.0.1:${running.port}`, kecamatan: init.value.kecamatan, codes };
process.send!(ready);
process.once('SIGTERM', () => {
  void running
    .close()
    .then(() => storage.close())
    .finally(() => process.exit(0));
});
