import { z } from 'zod';
import { kinded, type SyncRecord } from '../api/index.ts';
import type { SyncTx } from './store.ts';

/**
 * A copy of a record at the server version the local record is based on — the last version this
 * device pulled or had acknowledged. When another device's version then meets local changes, it is
 * what both sides started from: the conflicts screen shows it beside "yours" and "theirs".
 */
export const BaseRecordSchema = kinded({ version: z.number().int().min(1) });
export type BaseRecord = z.infer<typeof BaseRecordSchema>;

/** The local record is now based on this server version (and, for the screen, its content). */
export async function basedOn(tx: SyncTx, base: BaseRecord): Promise<void> {
  await tx.setVersion(base.key, base.version);
  await tx.setBase?.(base);
}

/** What a conflict's two sides started from: unknown, nothing (never on the server), or a record. */
export type ConflictBase = { known: false } | { known: true; record: SyncRecord | null };

/**
 * The base of a record's pending changes, from the version they are based on and the stored copy:
 * version 0 means they started from nothing; a copy of another version (a device that synced
 * before copies were kept, a restored backup) means it is not known.
 */
export function conflictBase(version: number, stored: BaseRecord | null): ConflictBase {
  if (version === 0) return { known: true, record: null };
  return stored && stored.version === version ? { known: true, record: stored.record } : { known: false };
}
