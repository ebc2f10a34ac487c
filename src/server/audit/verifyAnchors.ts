import { SignedCheckpointSchema, verifyCheckpoint, type SignedCheckpoint } from '../../domain/audit/index.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { fingerprintOfKeyHash, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
import type { StoredChainRow } from '../storage/auditChain.ts';
import type { Device, Storage } from '../storage/types.ts';
import { chainRowProblems } from './chainColumns.ts';

/** A receipt a device kept (a signed checkpoint), with where it came from for the report. */
export interface ReceiptFile {
  /** The file name, as the report names it. */
  name: string;
  content: unknown;
}

/** How a kecamatan's chains hold up against the server's checkpoints and the devices' receipts. */
export interface AnchorReport {
  checkpoints: number;
  /** Receipts of this kecamatan checked. */
  receipts: number;
  /** Chains no checkpoint names (stored before the server signed checkpoints). */
  unanchored: number;
  /** What does not hold, each naming the checkpoint, receipt, chain, entry or column. */
  failures: LocalizedText[];
}

/**
 * Issue 14, "anchored chains": checks the stored audit chains against what the server signed and
 * the devices kept (docs/integrity.md). Every stored checkpoint must carry the server's signature,
 * follow the one before (number and hash: none deleted or replaced), and agree with its columns;
 * every chain head a checkpoint or receipt names must still be stored with that hash (a cut tail,
 * a deleted chain, a re-signed chain show here); a device's key must be the one its checkpoints
 * name (a swapped key); no entry may lie beyond its chain's last checkpoint; every column of a chain
 * row must say what its signed entry says. Receipts are checked with the server's key: one it did
 * not sign means the key or the log was replaced.
 */
export async function verifyAnchors(storage: Storage, kecamatan: string, serverKey: PublicKeyJwk, receiptFiles: readonly ReceiptFile[]): Promise<AnchorReport> {
  const failures: LocalizedText[] = [];
  const devices = await storage.listDevices(kecamatan);
  const rows = await storage.storedChainRows(kecamatan);
  const chains = new Map<string, Map<number, StoredChainRow>>();
  for (const row of rows) {
    const chain = chains.get(row.keyHash) ?? new Map<number, StoredChainRow>();
    chain.set(row.seq, row);
    chains.set(row.keyHash, chain);
    failures.push(...chainRowProblems(row, devices));
  }
  const who = (keyHash: string): string => {
    const owner = devices.find((d) => d.keyHash === keyHash);
    return owner ? `${owner.name} (${fingerprintOfKeyHash(keyHash)})` : fingerprintOfKeyHash(keyHash);
  };

  const signed = await checkStoredCheckpoints(storage, kecamatan, serverKey, failures);
  // The highest head of each key any checkpoint names: nothing may be cut below it or added above.
  const anchored = new Map<string, SignedCheckpoint>();
  for (const cp of signed) {
    // An earlier head still stored with another hash: the chain was rewritten below its last checkpoint.
    const row = chains.get(cp.device.keyHash)?.get(cp.chain.seq);
    if (row && row.hash !== cp.chain.hash) failures.push(...headProblems(cp.chain, chains.get(cp.device.keyHash), checkpointName(cp), who(cp.device.keyHash)));
    const before = anchored.get(cp.device.keyHash);
    if (!before || before.chain.seq <= cp.chain.seq) anchored.set(cp.device.keyHash, cp);
  }
  for (const [keyHash, cp] of anchored) {
    failures.push(...headProblems(cp.chain, chains.get(keyHash), checkpointName(cp), who(keyHash)));
    const top = Math.max(0, ...(chains.get(keyHash)?.keys() ?? []));
    if (top > cp.chain.seq) {
      failures.push(
        text(
          `Rantai audit ${who(keyHash)}: entri #${cp.chain.seq + 1}–#${top} tidak tercakup titik periksa mana pun (ditambahkan di basis data).`,
          `Audit chain of ${who(keyHash)}: entries #${cp.chain.seq + 1}–#${top} are covered by no checkpoint (added in the database).`,
        ),
      );
    }
  }
  failures.push(...keySwaps(signed, devices));
  const last = signed.at(-1);
  if (last && rows.length < last.size) {
    failures.push(
      text(
        `Server menyimpan ${rows.length} entri audit, padahal titik periksa #${last.n} mencatat ${last.size}: entri dihapus.`,
        `The server holds ${rows.length} audit entries, although checkpoint #${last.n} counted ${last.size}: entries were deleted.`,
      ),
    );
  }

  let receipts = 0;
  const byN = new Map(signed.map((cp) => [cp.n, cp]));
  for (const file of receiptFiles) {
    const parsed = SignedCheckpointSchema.safeParse(file.content);
    if (parsed.success && parsed.data.kecamatan !== kecamatan) continue;
    receipts += 1;
    const verified = await verifyCheckpoint(file.content, serverKey);
    if (!verified.ok) {
      failures.push(
        verified.failure === 'malformed'
          ? text(`Tanda terima ${file.name} tidak terbaca sebagai titik periksa audit.`, `Receipt ${file.name} does not read as an audit checkpoint.`)
          : text(
              `Tanda terima ${file.name} tidak ditandatangani kunci server ini: kunci server diganti, atau tanda terimanya palsu.`,
              `Receipt ${file.name} is not signed by this server's key: the server key was replaced, or the receipt is forged.`,
            ),
      );
      continue;
    }
    const receipt = verified.checkpoint;
    const stored = byN.get(receipt.n);
    if (!stored) {
      failures.push(text(`Titik periksa #${receipt.n} dari tanda terima ${file.name} tidak lagi tersimpan di server (dihapus).`, `Checkpoint #${receipt.n} of receipt ${file.name} is no longer stored on the server (deleted).`));
    } else if (stored.hash !== receipt.hash) {
      failures.push(
        text(
          `Titik periksa #${receipt.n} di server berbeda dengan tanda terima ${file.name}: log titik periksa ditulis ulang.`,
          `Checkpoint #${receipt.n} on the server differs from receipt ${file.name}: the checkpoint log was rewritten.`,
        ),
      );
    }
    failures.push(...headProblems(receipt.chain, chains.get(receipt.device.keyHash), text(`tanda terima ${file.name}`, `receipt ${file.name}`), who(receipt.device.keyHash)));
  }
  const unanchored = [...chains.keys()].filter((k) => !anchored.has(k)).length;
  return { checkpoints: signed.length, receipts, unanchored, failures: dedupe(failures) };
}

/** Verifies the stored log in order; returns the checkpoints whose signature holds. */
async function checkStoredCheckpoints(storage: Storage, kecamatan: string, serverKey: PublicKeyJwk, failures: LocalizedText[]): Promise<SignedCheckpoint[]> {
  const rows = await storage.storedCheckpoints(kecamatan);
  const good: SignedCheckpoint[] = [];
  let expectedN = 1;
  let prevHash: string | null = null;
  for (const row of rows) {
    if (row.n > expectedN) {
      failures.push(text(`Titik periksa audit #${expectedN}–#${row.n - 1} hilang dari server (dihapus).`, `Audit checkpoints #${expectedN}–#${row.n - 1} are missing on the server (deleted).`));
      prevHash = null;
    }
    expectedN = row.n + 1;
    let raw: unknown;
    try {
      raw = JSON.parse(row.checkpoint);
    } catch {
      raw = null;
    }
    const verified = await verifyCheckpoint(raw, serverKey);
    if (!verified.ok) {
      failures.push(
        verified.failure === 'bad-signature'
          ? text(`Titik periksa audit #${row.n} tidak ditandatangani kunci server ini.`, `Audit checkpoint #${row.n} is not signed by this server's key.`)
          : text(`Titik periksa audit #${row.n} tidak cocok dengan hash-nya (diubah di basis data).`, `Audit checkpoint #${row.n} does not match its hash (changed in the database).`),
      );
      prevHash = row.hash;
      continue;
    }
    const cp = verified.checkpoint;
    if (prevHash !== null && cp.prev !== prevHash) {
      failures.push(text(`Titik periksa audit #${row.n} tidak menyambung ke #${row.n - 1} (log ditulis ulang).`, `Audit checkpoint #${row.n} does not link to #${row.n - 1} (the log was rewritten).`));
    }
    prevHash = cp.hash;
    const columns: [string, unknown, unknown][] = [
      ['n', row.n, cp.n],
      ['hash', row.hash, cp.hash],
      ['key_hash', row.keyHash, cp.device.keyHash],
      ['device_id', row.deviceId, cp.device.id],
      ['seq', row.seq, cp.chain.seq],
      ['chain_hash', row.chainHash, cp.chain.hash],
      ['size', row.size, cp.size],
    ];
    for (const [column, stored, signed] of columns) {
      if (stored !== signed) {
        failures.push(
          text(
            `Kolom ${column} titik periksa audit #${row.n} berisi ${String(stored)}, padahal yang ditandatangani ${String(signed)} (diubah di basis data).`,
            `Column ${column} of audit checkpoint #${row.n} holds ${String(stored)}, but the signed checkpoint says ${String(signed)} (changed in the database).`,
          ),
        );
      }
    }
    good.push(cp);
  }
  return good;
}

/** A head (seq, hash) something signed must still be stored: else the chain was cut, deleted or replaced. */
function headProblems(head: { seq: number; hash: string }, chain: Map<number, StoredChainRow> | undefined, source: LocalizedText, who: string): LocalizedText[] {
  if (!chain || chain.size === 0) {
    return [
      text(
        `Rantai audit ${who} tidak ada lagi di server, padahal ${source.id} mencatatnya sampai entri #${head.seq}: rantai dihapus (atau kuncinya ditukar).`,
        `The audit chain of ${who} is gone from the server, although ${source.en} covers it up to entry #${head.seq}: the chain was deleted (or its key swapped).`,
      ),
    ];
  }
  const top = Math.max(...chain.keys());
  if (top < head.seq) {
    return [
      text(
        `Rantai audit ${who} dipotong: ${source.id} mencatat sampai entri #${head.seq}, server hanya menyimpan sampai #${top}.`,
        `The audit chain of ${who} was truncated: ${source.en} covers up to entry #${head.seq}, the server holds only up to #${top}.`,
      ),
    ];
  }
  const row = chain.get(head.seq);
  if (!row) return [text(`Entri #${head.seq} rantai audit ${who} yang dicatat ${source.id} hilang (dihapus).`, `Entry #${head.seq} of the audit chain of ${who}, covered by ${source.en}, is missing (deleted).`)];
  if (row.hash !== head.hash) {
    return [
      text(
        `Entri #${head.seq} rantai audit ${who} berbeda dengan yang dicatat ${source.id}: riwayat ditulis ulang.`,
        `Entry #${head.seq} of the audit chain of ${who} differs from the one ${source.en} covers: the history was rewritten.`,
      ),
    ];
  }
  return [];
}

/** A device whose key in the devices table is not the key its checkpoints name: swapped in the database. */
function keySwaps(signed: readonly SignedCheckpoint[], devices: readonly Device[]): LocalizedText[] {
  const named = new Map<string, SignedCheckpoint>();
  for (const cp of signed) named.set(cp.device.id, cp);
  const out: LocalizedText[] = [];
  for (const [deviceId, cp] of named) {
    const device = devices.find((d) => d.id === deviceId);
    if (!device) {
      out.push(text(`Perangkat ${deviceId} yang disebut titik periksa audit #${cp.n} tidak ada lagi di tabel perangkat (dihapus).`, `Device ${deviceId}, named by audit checkpoint #${cp.n}, is gone from the devices table (deleted).`));
    } else if (device.keyHash !== cp.device.keyHash) {
      out.push(
        text(
          `Kunci perangkat ${device.name} (${deviceId}) ditukar: titik periksa audit #${cp.n} menyebut kunci ${fingerprintOfKeyHash(cp.device.keyHash)}, tabel perangkat kini ${fingerprintOfKeyHash(device.keyHash)}.`,
          `The key of device ${device.name} (${deviceId}) was swapped: audit checkpoint #${cp.n} names key ${fingerprintOfKeyHash(cp.device.keyHash)}, the devices table now ${fingerprintOfKeyHash(device.keyHash)}.`,
        ),
      );
    }
  }
  return out;
}

const checkpointName = (cp: SignedCheckpoint): LocalizedText => text(`titik periksa #${cp.n}`, `checkpoint #${cp.n}`);

function dedupe(list: readonly LocalizedText[]): LocalizedText[] {
  const seen = new Set<string>();
  return list.filter((t) => !seen.has(t.en) && (seen.add(t.en), true));
}
