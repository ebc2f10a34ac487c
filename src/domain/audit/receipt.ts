import { text, type LocalizedText } from '../common/text.ts';
import type { PublicKeyJwk } from '../crypto/keys.ts';
import { assertNever } from '../tally/contest.ts';
import { verifyCheckpoint, type SignedCheckpoint } from './checkpoint.ts';
import type { ChainHead } from './schema.ts';

/**
 * What a device concludes when the server's answer about its own audit chain contradicts the
 * receipt it kept (the last checkpoint the server signed for it) or its own chain: the server's
 * copy of this device's history was cut, deleted or replaced (docs/integrity.md, "Anchored chains").
 */
export type ReceiptAlarm =
  | { kind: 'bad-signature'; n: number }
  | { kind: 'other-chain'; n: number }
  | { kind: 'deleted'; receiptSeq: number }
  | { kind: 'truncated'; receiptSeq: number; serverSeq: number }
  | { kind: 'rewritten'; seq: number }
  | { kind: 'log-rewound'; receiptN: number; serverN: number };

export function receiptAlarmText(a: ReceiptAlarm): LocalizedText {
  switch (a.kind) {
    case 'bad-signature':
      return text(
        `Tanda terima audit #${a.n} dari server tidak ditandatangani kunci server yang tercatat saat pendaftaran: server diganti atau kuncinya ditukar.`,
        `Audit checkpoint #${a.n} from the server is not signed by the server key pinned at enrolment: the server or its key was replaced.`,
      );
    case 'other-chain':
      return text(
        `Tanda terima audit #${a.n} dari server menyebut kecamatan atau kunci perangkat lain: kunci perangkat ini ditukar di server.`,
        `Audit checkpoint #${a.n} from the server names another kecamatan or device key: this device's key was swapped on the server.`,
      );
    case 'deleted':
      return text(
        `Server tidak lagi menyimpan riwayat audit perangkat ini, padahal tanda terimanya mencatat sampai entri #${a.receiptSeq}: riwayat dihapus di server.`,
        `The server no longer holds this device's audit trail, although its receipt covers entries up to #${a.receiptSeq}: the trail was deleted on the server.`,
      );
    case 'truncated':
      return text(
        `Server hanya menyimpan riwayat audit perangkat ini sampai entri #${a.serverSeq}, padahal tanda terimanya mencatat sampai #${a.receiptSeq}: ujung riwayat dipotong di server.`,
        `The server holds this device's audit trail only up to entry #${a.serverSeq}, although its receipt covers up to #${a.receiptSeq}: the end of the trail was cut on the server.`,
      );
    case 'rewritten':
      return text(
        `Entri audit #${a.seq} perangkat ini di server berbeda dengan yang ada di perangkat: riwayat diganti di server.`,
        `This device's audit entry #${a.seq} on the server differs from the one on this device: the trail was replaced on the server.`,
      );
    case 'log-rewound':
      return text(
        `Log titik periksa audit kecamatan di server mundur dari #${a.receiptN} ke #${a.serverN}: riwayat di server dipulihkan dari cadangan lama atau dihapus.`,
        `The kecamatan's audit checkpoint log on the server went back from #${a.receiptN} to #${a.serverN}: the server's history was restored from an older backup or deleted.`,
      );
    default:
      return assertNever(a);
  }
}

export interface ReceiptCheck {
  /** The checkpoint this device kept from an earlier sync (null: none yet). */
  receipt: SignedCheckpoint | null;
  /** The server's latest checkpoint of this device's chain, as it answers now (null: none). */
  current: unknown;
  /** The server's head of this device's chain, as it answers now. */
  serverHead: ChainHead | null;
  /** The server key pinned at enrolment. */
  serverKey: PublicKeyJwk;
  kecamatan: string;
  keyHash: string;
  /** This device's own entry hash at a seq (null: not sealed here, e.g. a restored device). */
  localHash(seq: number): Promise<string | null>;
}

/**
 * Compares what the server answers about this device's chain with the receipt kept and with the
 * chain on the device. Returns the checkpoint to keep as the new receipt when everything holds.
 */
export async function checkReceipt(c: ReceiptCheck): Promise<{ ok: true; keep: SignedCheckpoint | null } | { ok: false; alarm: ReceiptAlarm }> {
  let current: SignedCheckpoint | null = null;
  if (c.current !== null && c.current !== undefined) {
    const verified = await verifyCheckpoint(c.current, c.serverKey);
    const n = typeof c.current === 'object' && 'n' in c.current && typeof c.current.n === 'number' ? c.current.n : 0;
    if (!verified.ok) return { ok: false, alarm: { kind: 'bad-signature', n } };
    current = verified.checkpoint;
    if (current.kecamatan !== c.kecamatan || current.device.keyHash !== c.keyHash) return { ok: false, alarm: { kind: 'other-chain', n } };
  }
  const head = c.serverHead;
  // The head the server reports must reach what it signed: rows cut below a checkpoint show here.
  const signed = [c.receipt?.chain, current?.chain].filter((h): h is ChainHead => h !== undefined).sort((a, b) => b.seq - a.seq)[0];
  if (signed) {
    if (head === null) return { ok: false, alarm: { kind: 'deleted', receiptSeq: signed.seq } };
    if (head.seq < signed.seq) return { ok: false, alarm: { kind: 'truncated', receiptSeq: signed.seq, serverSeq: head.seq } };
  }
  if (c.receipt && current && current.n < c.receipt.n) return { ok: false, alarm: { kind: 'log-rewound', receiptN: c.receipt.n, serverN: current.n } };
  // Every head the server named must be this device's own entry at that seq.
  for (const named of [c.receipt?.chain, current?.chain, head ?? undefined]) {
    if (!named) continue;
    const own = await c.localHash(named.seq);
    if (own !== null && own !== named.hash) return { ok: false, alarm: { kind: 'rewritten', seq: named.seq } };
  }
  return { ok: true, keep: current ?? c.receipt };
}
