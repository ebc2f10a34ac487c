import { readFile } from 'node:fs/promises';
import { text } from '../../domain/common/text.ts';
import { serverEnv } from '../../server/config.ts';
import { ensureDemo } from '../../server/demo.ts';
import { jsonLogger } from '../../server/http/log.ts';
import { startServer } from '../../server/start.ts';
import { parseCommandArgs, stringOption, type Parsed } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import type { CommandContext } from '../io.ts';
import { STORAGE_OPTIONS, storageFrom } from './server-storage.ts';

/**
 * `rekap server start [--port N] [--host H] [--static <dir>] [--demo]`: serves the PWA and /api
 * until SIGINT/SIGTERM. Request logs are JSON lines on stdout; the address (and with --demo the
 * chair's code) go to stderr for the person at the terminal.
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
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      ...STORAGE_OPTIONS,
    },
    0,
  );
  const env = serverEnv();
  const port = portOption(parsed, env.port);
  const tls = await tlsFiles(stringOption(parsed, 'tls-cert') ?? env.tlsCert, stringOption(parsed, 'tls-key') ?? env.tlsKey);
  const storage = await storageFrom(parsed);
  const log = jsonLogger((line) => io.out(line));
  let running;
  try {
    const demo = parsed.values.demo === true ? await ensureDemo(storage) : null;
    running = await startServer({
      storage,
      port,
      host: stringOption(parsed, 'host') ?? env.host,
      staticDir: stringOption(parsed, 'static') ?? env.staticDir,
      log,
      tls,
      connectSrc: env.connectSrc,
      publicUrl: env.publicUrl,
    });
    io.err(banner(lang, running.url, running.lanUrls, running.secure, storage.location, running.serverKey.fingerprint, demo));
    log({ level: 'info', msg: 'listening', url: running.url, lan: running.lanUrls, storage: storage.dialect, location: storage.location, tls: running.secure });
  } catch (error) {
    await storage.close();
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'EADDRINUSE') throw new CliError(text(`Port ${port} sudah dipakai program lain; pilih yang lain dengan PORT=…`, `Port ${port} is already in use; choose another with PORT=…`));
    if (code === 'EACCES') throw new CliError(text(`Port ${port} tidak boleh dipakai (izin ditolak).`, `Port ${port} may not be used (permission denied).`));
    throw error;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log({ level: 'info', msg: 'stopping' });
  await running.close();
  await storage.close();
  return EXIT.ok;
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
): string {
  const id = lang === 'id';
  const lines = [
    '',
    `Rekap server: ${url}`,
    ...lan.map((u) => `${id ? '  di jaringan' : '  on the network'}: ${u}`),
    `${id ? '  data' : '  data'}: ${location}`,
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
