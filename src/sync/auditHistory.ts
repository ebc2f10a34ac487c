import { verifyEntry, type AuditEntry } from '../domain/audit/index.ts';
import type { Transport } from './transport.ts';

export interface RecordAudit {
  /** Entries whose signature verifies with the key their device enrolled with, as the server sent them. */
  entries: AuditEntry[];
  /** Entries that did not verify: left out of the history, and counted so the screen can say so. */
  rejected: number;
  /** The server cut the list (a record with more entries than one answer holds). */
  more: boolean;
}

/**
 * Every device's audit entries about one record, from the server. The server verified each chain
 * when it took it; the entries are checked again here because a reader should not have to trust
 * the server's word for who signed what.
 */
export async function fetchRecordAudit(transport: Transport, key: string): Promise<RecordAudit> {
  const { items, more } = await transport.recordAudit(key);
  const entries: AuditEntry[] = [];
  let rejected = 0;
  for (const item of items) {
    if (await verifyEntry(item.entry, item.device.publicKey)) entries.push(item.entry);
    else rejected += 1;
  }
  return { entries, rejected, more };
}
