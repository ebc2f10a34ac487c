import cluster from 'node:cluster';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from '../../domain/common/text.ts';
import { PACKAGE_ROOT, serverEnv } from '../../server/config.ts';
import { ensureDemo } from '../../server/demo.ts';
import { jsonLogger, type Logger } from '../../server/http/log.ts';
import { keySecretSource, type KeySecretSource } from '../../server/keys/keySecret.ts';
import { loadServerKey, ServerKeyError, type ServerKey } from '../../server/keys/serverKey.ts';
import { networkUrls, startServer, type RunningServer } from '../../server/start.ts';
import { crossProcessFeed, type StorageConfig } from '../../server/storage/open.ts';
import type { Storage } from '../../server/storage/types.ts';
import { announceWorkerReady, startWorkerPool } from '../../server/workers.ts';
import { parseCommandArgs, stringOption, type Parsed } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import type { CommandContext } from '../io.ts';
import { keySecretDir, openConfigured, STORAGE_OPTIONS, storageConfigFrom } from './server-storage.ts';

/** What each worker process runs: this same CLI. */
const REKAP_BIN = join(PACKAGE_ROOT, 'bin', 'rekap.mjs');

/**
 * `rekap server start [--port N] [--host H] [--static <dir>] [--demo] [--workers N]`: serves the PWA
 * and /api until SIGINT/SIGTERM. Request logs are JSON lines on stdout; the address (and with
 * --demo the chair's code) go to stderr for the person at the terminal. With --workers N > 1 this
 * process becomes the primary of N server processes sharing the port (node:cluster), each of which
 * runs this same command again and sees that it is a worker.
 */
export async function serverStart({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs(
    'server start',
    args,
    {
      port: { type: 'string' },
      host: { type: 'string' },
      static: { type: 'string' },
      demo: { type: 'boolean' },
      workers: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      ...STORAGE_OPTIONS,
    },
    0,
  );
  // Files the server creates (the database, its -wal and -shm, the key secret) are the owner's
  // only, whatever the shell's umask (docs/deployment.md, "Secrets at rest").
  process.umask(0o077);
  const env = serverEnv();
  const config = storageConfigFrom(parsed);
  const workers = workersOption(parsed);
  if (workers > 1 && !config.databaseUrl) throw new CliError(SQLITE_ONE_PROCESS);
  const settings: Settings = {
    port: portOption(parsed, env.port),
    host: stringOption(parsed, 'host') ?? env.host,
    staticDir: stringOption(parsed, 'static') ?? env.staticDir,
    tls: await tlsFiles(stringOption(parsed, 'tls-cert') ?? env.tlsCert, stringOption(parsed, 'tls-key') ?? env.tlsKey),
    config,
    keySecret: keySecretSource({ dataDir: keySecretDir(parsed) }),
  };
  const log = jsonLogger((line) => io.out(line));
  if (cluster.isWorker) return runWorker(settings, log);
  if (workers > 1) return runPrimary(settings, { workers, args, lang, io, log, demo: parsed.values.demo === true });

  const storage = await openConfigured(config);
  let running;
  try {
    const demo = parsed.values.demo === true ? await ensureDemo(storage) : null;
    running = await listen(settings, storage, log);
    io.err(banner(lang, running.url, running.lanUrls, running.secure, storage.location, running.serverKey.fingerprint, demo, 1));
    log({ level: 'info', msg: 'listening', url: running.url, lan: running.lanUrls, storage: storage.dialect, location: storage.location, tls: running.secure });
  } catch (error) {
    await storage.close();
    throw listenFailure(error, settings.port);
  }
  await stopSignal();
  log({ level: 'info', msg: 'stopping' });
  await running.close();
  await storage.close();
  return EXIT.ok;
}

/**
 * SQLite takes one writer at a time and its file lock is per process: more processes would only
 * wait for each other (and their event streams would not hear each other's writes).
 */
const SQLITE_ONE_PROCESS = text(
  '--workers lebih dari 1 memerlukan PostgreSQL (DATABASE_URL atau --database-url): basis data SQLite bawaan hanya ditulis oleh satu proses server, jadi proses tambahan hanya saling menunggu.',
  '--workers above 1 needs PostgreSQL (DATABASE_URL or --database-url): the embedded SQLite database is written by one server process, so more processes would only wait for each other.',
);

interface Settings {
  port: number;
  host: string;
  staticDir: string;
  tls: { cert: Buffer; key: Buffer } | undefined;
  config: StorageConfig;
  keySecret: KeySecretSource;
}

function listen(settings: Settings, storage: Storage, log: Logger): Promise<RunningServer> {
  const env = serverEnv();
  return startServer({
    storage,
    keySecret: settings.keySecret,
    port: settings.port,
    host: settings.host,
    staticDir: settings.staticDir,
    log,
    tls: settings.tls,
    connectSrc: env.connectSrc,
    publicUrl: env.publicUrl,
    feed: crossProcessFeed(settings.config),
  });
}

/** One of N processes: serves until told to stop; the primary prints the banner. */
async function runWorker(settings: Settings, baseLog: Logger): Promise<ExitCode> {
  const id = cluster.worker?.id ?? 0;
  const log: Logger = (entry) => baseLog({ ...entry, worker: id });
  const storage = await openConfigured(settings.config);
  let running;
  try {
    running = await listen(settings, storage, log);
  } catch (error) {
    await storage.close();
    throw listenFailure(error, settings.port);
  }
  log({ level: 'info', msg: 'worker listening', pid: process.pid, port: running.port });
  announceWorkerReady(running.port);
  await stopSignal();
  await running.close();
  await storage.close();
  // Without this the IPC channel to the primary keeps the process alive.
  cluster.worker?.disconnect();
  return EXIT.ok;
}

/**
 * The primary: creates the demo and the server key once (so N workers do not race for them),
 * starts the workers, prints one banner, and on SIGINT/SIGTERM stops them all.
 */
async function runPrimary(
  settings: Settings,
  opts: { workers: number; args: string[]; lang: 'id' | 'en'; io: CommandContext['io']; log: Logger; demo: boolean },
): Promise<ExitCode> {
  const storage = await openConfigured(settings.config);
  let demo: Awaited<ReturnType<typeof ensureDemo>> | null;
  let serverKey: ServerKey;
  try {
    demo = opts.demo ? await ensureDemo(storage) : null;
    serverKey = await loadServerKey(storage, settings.keySecret);
  } catch (error) {
    throw listenFailure(error, settings.port);
  } finally {
    await storage.close();
  }
  let pool;
  try {
    pool = await startWorkerPool({ count: opts.workers, exec: REKAP_BIN, args: ['server', 'start', ...opts.args, '--lang', opts.lang], log: opts.log });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(text(`Proses server tidak dapat dimulai (${detail}); lihat pesan di atas.`, `The server processes could not start (${detail}); see the message above.`));
  }
  const secure = settings.tls !== undefined;
  const url = `${secure ? 'https' : 'http'}://localhost:${pool.port}`;
  const lan = networkUrls(settings.host, pool.port, secure);
  opts.io.err(banner(opts.lang, url, lan, secure, storage.location, serverKey.fingerprint, demo, opts.workers));
  opts.log({ level: 'info', msg: 'listening', url, lan, storage: storage.dialect, location: storage.location, tls: secure, workers: opts.workers, pids: pool.pids() });
  await stopSignal();
  opts.log({ level: 'info', msg: 'stopping' });
  await pool.close();
  return EXIT.ok;
}

function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

function listenFailure(error: unknown, port: number): unknown {
  if (error instanceof ServerKeyError) return new CliError(error.text);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'EADDRINUSE') return new CliError(text(`Port ${port} sudah dipakai program lain; pilih yang lain dengan PORT=…`, `Port ${port} is already in use; choose another with PORT=…`));
  if (code === 'EACCES') return new CliError(text(`Port ${port} tidak boleh dipakai (izin ditolak).`, `Port ${port} may not be used (permission denied).`));
  return error;
}

/** 1 (one process, as always) unless --workers says more; at most 64 (more than any machine's cores is only overhead). */
function workersOption(parsed: Parsed): number {
  const raw = stringOption(parsed, 'workers');
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 64) {
    throw new CliError(text(`--workers "${raw}" tidak sah (bilangan bulat 1–64).`, `Invalid --workers "${raw}" (a whole number 1–64).`));
  }
  return n;
}

function portOption(parsed: Parsed, fallback: number): number {
  const raw = stringOption(parsed, 'port');
  const port = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(text(`Port "${raw ?? fallback}" tidak sah (0–65535).`, `Invalid port "${raw ?? fallback}" (0–65535).`));
  }
  return port;
}

async function tlsFiles(cert: string | undefined, key: string | undefined): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    throw new CliError(text('HTTPS memerlukan TLS_CERT dan TLS_KEY sekaligus.', 'HTTPS needs both TLS_CERT and TLS_KEY.'));
  }
  const read = async (path: string) => {
    try {
      return await readFile(path);
    } catch {
      throw new CliError(text(`Berkas sertifikat/kunci ${path} tidak dapat dibaca.`, `Certificate/key file ${path} cannot be read.`));
    }
  };
  return { cert: await read(cert), key: await read(key) };
}

function banner(
  lang: 'id' | 'en',
  url: string,
  lan: string[],
  secure: boolean,
  location: string,
  keyFingerprint: string,
  demo: Awaited<ReturnType<typeof ensureDemo>> | null,
  workers: number,
): string {
  const id = lang === 'id';
  const lines = [
    '',
    `Rekap server: ${url}`,
    ...lan.map((u) => `${id ? '  di jaringan' : '  on the network'}: ${u}`),
    `${id ? '  data' : '  data'}: ${location}`,
    ...(workers > 1 ? [`${id ? '  proses server' : '  server processes'}: ${workers}`] : []),
    `${id ? '  sidik kunci server' : '  server key fingerprint'}: ${keyFingerprint}`,
  ];
  if (!secure && lan.length > 0) {
    lines.push(
      id
        ? '  Catatan: tanpa HTTPS, laptop lain yang membuka alamat jaringan di atas tidak mendapat mode tanpa internet\n  (lihat docs/deployment.md untuk memasang sertifikat: TLS_CERT dan TLS_KEY).'
        : '  Note: without HTTPS, other laptops opening the network address above get no offline mode\n  (see docs/deployment.md to install a certificate: TLS_CERT and TLS_KEY).',
    );
  }
  if (demo) {
    lines.push(
      '',
      id
        ? `Demo ${demo.name} (${demo.kecamatan}) ${demo.created ? 'dibuat' : 'sudah ada; datanya tetap'}.`
        : `Demo ${demo.name} (${demo.kecamatan}) ${demo.created ? 'created' : 'already exists; its data is kept'}.`,
      id ? 'Kode pendaftaran ketua PPK (sekali pakai, 24 jam):' : "The PPK chair's enrolment code (one use, 24 hours):",
      '',
      `  ${demo.chairCode.code}`,
    );
  }
  lines.push('', id ? 'Hentikan dengan Ctrl+C.' : 'Stop with Ctrl+C.', '');
  return lines.join('\n');
}
