import { err, type Result } from '../domain/common/result.ts';
import type { RekapDb } from './database.ts';
import { dbError, type DbError } from './errors.ts';

/**
 * Asks the browser to keep this site's data (navigator.storage.persist) and remembers the answer.
 * `null` when the API is unavailable (old browser, or not a secure context).
 */
export async function requestPersistence(db: RekapDb): Promise<boolean | null> {
  const storage = globalThis.navigator?.storage;
  let granted: boolean | null = null;
  if (storage && typeof storage.persist === 'function') {
    try {
      granted = (typeof storage.persisted === 'function' && (await storage.persisted())) || (await storage.persist());
    } catch {
      granted = null;
    }
  }
  await db.settings.bulkPut([
    { key: 'storagePersisted', value: granted },
    { key: 'persistenceRequested', value: true },
  ]);
  return granted;
}

export interface StorageEstimate {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

export async function storageEstimate(): Promise<StorageEstimate> {
  const storage = globalThis.navigator?.storage;
  const result: StorageEstimate = { usage: null, quota: null, persisted: null };
  if (!storage) return result;
  try {
    if (typeof storage.estimate === 'function') {
      const e = await storage.estimate();
      result.usage = e.usage ?? null;
      result.quota = e.quota ?? null;
    }
    if (typeof storage.persisted === 'function') result.persisted = await storage.persisted();
  } catch {
    // An estimate is informative only; never fail the app over it.
  }
  return result;
}

/**
 * True for QuotaExceededError, also when Dexie wraps it: Dexie keeps the original as `inner`
 * (AbortError of the transaction) and bulk operations list `failures`.
 */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== 'object') return false;
  const e = error as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown; code?: unknown };
  if (e.name === 'QuotaExceededError' || e.code === 22) return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  if (Array.isArray(e.failures)) return e.failures.some((f) => isQuotaError(f, depth + 1));
  if (e.failures && typeof e.failures === 'object') return Object.values(e.failures).some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** Thrown inside a transaction to abort it with an expected error (nothing is written). */
class AbortWith {
  constructor(readonly error: DbError) {}
}

/** Abort the surrounding write transaction, returning `error` from `runWrite`. */
export function abortWith(error: DbError): never {
  throw new AbortWith(error);
}

/**
 * Runs a read-write transaction. Everything in it is written or nothing is: `abortWith(error)`
 * and quota failures roll back and come out as `err(...)`; other failures rethrow.
 */
export async function runWrite<T>(db: RekapDb, tables: string[], body: () => Promise<T>): Promise<Result<T, DbError>> {
  try {
    const value = await db.transaction('rw', tables, body);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof AbortWith) return err(e.error);
    if (isQuotaError(e)) return err(dbError.quota());
    throw e;
  }
}
