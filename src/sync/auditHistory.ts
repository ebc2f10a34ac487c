import { verifyEntry, type AuditEntry } from '../domain/audit/index.ts';
import type { Role } from '../api/index.ts';
import type { Transport } from './transport.ts';

export interface RecordAudit {
  /** Entries whose signature verifies with the key their device enrolled with, as the server sent them. */
  entries: AuditEntry[];
  /** Entries that did not verify: left out of the history, and counted so the screen can say so. */
  rejected: number;
  /** The server cut the list (a record with more entries than one answer holds). */
  more: boolean;
  /**
   * Entries recording an edit the server's workflow refused, by `<device>#<seq>`, with the refusal
   * code (issue 11): shown as refused, not as changes of the record. The mark is the server's own
   * word — it decided on the op — and not part of what the device signed.
   */
  refused: ReadonlyMap<string, string>;
  /** The server's id of each signing device, by key hash (entry.device): whose entry it is. */
  deviceIds: ReadonlyMap<string, string>;
  /**
   * Each signing device as the server enrolled it (name and role), by key hash: who wrote an entry,
   * shown in place of the free-text name typed into the device (issue 14).
   */
  devices: ReadonlyMap<string, EnrolledDevice>;
}

/** A device as the server knows it from its enrolment. */
export interface EnrolledDevice {
  name: string;
  role: Role;
  revoked: boolean;
}

/** How an entry is named in `refused` (and in a form's history): its device's key hash and seq. */
export const entryId = (entry: Pick<AuditEntry, 'device' | 'seq'>): string => `${entry.device}#${entry.seq}`;

/**
 * Every device's audit entries about one record, from the server. The server verified each chain
 * when it took it; the entries are checked again here because a reader should not have to trust
 * the server's word for who signed what.
 */
export async function fetchRecordAudit(transport: Transport, key: string): Promise<RecordAudit> {
  const { items, more } = await transport.recordAudit(key);
  const entries: AuditEntry[] = [];
  const refused = new Map<string, string>();
  const deviceIds = new Map<string, string>();
  const devices = new Map<string, EnrolledDevice>();
  let rejected = 0;
  for (const item of items) {
    if (!(await verifyEntry(item.entry, item.device.publicKey))) {
      rejected += 1;
      continue;
    }
    entries.push(item.entry);
    deviceIds.set(item.entry.device, item.device.deviceId);
    devices.set(item.entry.device, { name: item.device.name, role: item.device.role, revoked: item.device.revoked });
    if (item.refused) refused.set(entryId(item.entry), item.refused);
  }
  return { entries, rejected, more, refused, deviceIds, devices };
}

/** One entry of the kecamatan's recent history, with the device that signed it. */
export interface RecentAuditItem {
  entry: AuditEntry;
  device: { name: string; role: Role; revoked: boolean };
  /** The server refused the edit this entry records, with the refusal code; null when it did not. */
  refused: string | null;
}

export interface RecentAudit {
  items: RecentAuditItem[];
  rejected: number;
  more: boolean;
}

/** The kecamatan's latest entries from the server, newest first, each signature checked here too. */
export async function fetchRecentAudit(transport: Transport, prefix: string | null): Promise<RecentAudit> {
  const { items, more } = await transport.recentAudit(prefix);
  const kept: RecentAuditItem[] = [];
  let rejected = 0;
  for (const item of items) {
    if (await verifyEntry(item.entry, item.device.publicKey)) {
      kept.push({ entry: item.entry, device: { name: item.device.name, role: item.device.role, revoked: item.device.revoked }, refused: item.refused });
    }
    else rejected += 1;
  }
  return { items: kept, rejected, more };
}
