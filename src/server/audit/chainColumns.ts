import { AuditEntrySchema } from '../../domain/audit/index.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { fingerprintOfKeyHash } from '../../domain/crypto/keys.ts';
import type { StoredChainRow } from '../storage/auditChain.ts';
import type { Device } from '../storage/types.ts';

/**
 * The columns of a stored audit chain row that repeat its signed entry (key, seq, hash, record,
 * time) must say what the entry says, and the device that pushed it must hold the chain's key:
 * the history screens select and sort by these columns, so one edited alone would show an entry
 * under another record or device while the entry itself still verifies (issue 14: "edited columns
 * by name"). The entry's own content is verifyStored.ts's to check.
 */
export function chainRowProblems(row: StoredChainRow, devices: readonly Device[]): LocalizedText[] {
  const where = `${fingerprintOfKeyHash(row.keyHash)} #${row.seq}`;
  let raw: unknown;
  try {
    raw = JSON.parse(row.entry);
  } catch {
    return [text(`Baris audit_chain ${where}: kolom entry bukan JSON (diubah di basis data).`, `audit_chain row ${where}: column entry is not JSON (changed in the database).`)];
  }
  const parsed = AuditEntrySchema.safeParse(raw);
  // An unreadable entry is reported by the chain's own verification.
  if (!parsed.success) return [];
  const entry = parsed.data;
  const atUtc = Number.isNaN(Date.parse(entry.at)) ? entry.at : new Date(entry.at).toISOString();
  const columns: [string, unknown, unknown][] = [
    ['key_hash', row.keyHash, entry.device],
    ['seq', row.seq, entry.seq],
    ['hash', row.hash, entry.hash],
    ['record_kind', row.recordKind, entry.record.kind],
    ['record_key', row.recordKey, entry.record.key],
    ['at_utc', row.atUtc, atUtc],
  ];
  const out: LocalizedText[] = [];
  for (const [column, stored, signed] of columns) {
    if (stored === signed) continue;
    out.push(
      text(
        `Baris audit_chain ${where}: kolom ${column} berisi ${String(stored)}, padahal entri bertanda tangan menyebut ${String(signed)} (diubah di basis data).`,
        `audit_chain row ${where}: column ${column} holds ${String(stored)}, but the signed entry says ${String(signed)} (changed in the database).`,
      ),
    );
  }
  const pusher = devices.find((d) => d.id === row.deviceId);
  if (!pusher || pusher.keyHash !== row.keyHash) {
    out.push(
      text(
        `Baris audit_chain ${where}: kolom device_id menyebut ${row.deviceId}, yang tidak terdaftar dengan kunci rantai ini (diubah di basis data).`,
        `audit_chain row ${where}: column device_id names ${row.deviceId}, which is not enrolled with this chain's key (changed in the database).`,
      ),
    );
  }
  return out;
}
