import { text } from '../../domain/common/text.ts';
import { serverEnv } from '../../server/config.ts';
import { keySecretSource } from '../../server/keys/keySecret.ts';
import { loadServerKey, ServerKeyError, type ServerKey } from '../../server/keys/serverKey.ts';
import { DEFAULT_DATA_DIR, openStorage, type StorageConfig } from '../../server/storage/open.ts';
import type { Storage } from '../../server/storage/types.ts';
import { stringOption, type Parsed } from '../args.ts';
import { CliError } from '../errors.ts';

/** Options every server subcommand takes: where the data is. */
export const STORAGE_OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
} as const;

/**
 * The storage named on the command line, else by the environment: --database-url, then
 * --data-dir (an explicit folder means SQLite even when DATABASE_URL is set), then DATABASE_URL,
 * then DATA_DIR (default ./data).
 */
export async function storageFrom(parsed: Parsed): Promise<Storage> {
  return openConfigured(storageConfigFrom(parsed));
}

/** Which storage the command line and the environment name (see storageFrom), without opening it. */
export function storageConfigFrom(parsed: Parsed): StorageConfig {
  const env = serverEnv();
  const databaseUrl = stringOption(parsed, 'database-url');
  const dataDir = stringOption(parsed, 'data-dir');
  return databaseUrl ? { databaseUrl } : dataDir ? { dataDir } : { databaseUrl: env.databaseUrl, dataDir: env.dataDir };
}

/** Opens it; a failure is one sentence naming the database. */
export async function openConfigured(config: StorageConfig): Promise<Storage> {
  try {
    return await openStorage(config);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const where = config.databaseUrl ? 'PostgreSQL' : `SQLite (${config.dataDir ?? 'data'})`;
    throw new CliError(text(`Basis data ${where} tidak dapat dibuka: ${detail}`, `Cannot open the ${where} database: ${detail}`));
  }
}

/**
 * The folder of the server key's secret file: --data-dir, else DATA_DIR, else ./data — for
 * PostgreSQL too, so that N processes started from one folder share it (docs/deployment.md).
 */
export function keySecretDir(parsed: Parsed): string {
  return stringOption(parsed, 'data-dir') ?? serverEnv().dataDir ?? DEFAULT_DATA_DIR;
}

/** The server key, unsealed with the secret the environment or data folder gives; a refusal is the CLI's message. */
export async function serverKeyFor(storage: Storage, parsed: Parsed): Promise<ServerKey> {
  try {
    return await loadServerKey(storage, keySecretSource({ dataDir: keySecretDir(parsed) }));
  } catch (error) {
    if (error instanceof ServerKeyError) throw new CliError(error.text);
    throw error;
  }
}

export async function withStorage<T>(parsed: Parsed, run: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await storageFrom(parsed);
  try {
    return await run(storage);
  } finally {
    await storage.close();
  }
}
