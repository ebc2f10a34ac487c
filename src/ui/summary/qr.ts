import { SUMMARY_FORMAT_V2 } from '../../domain/summary/index.ts';

/**
 * What the printed QR code carries: enough to tie the paper to one file and one key without the
 * file itself — `rekap.summary/v2;sha256=<64 hex>;fp=<16 hex>;sig=<86 base64url>` (about 190
 * ASCII characters). The hash identifies the signed head (and through its tree every TPS's
 * figures), the fingerprint the signing key, and the signature lets whoever holds the file or a
 * proof check that it is the very one signed (docs/integrity.md). Devices sign v2 only; a record
 * does not say its format, so a v1 record signed before v2 existed is labelled v2 as well.
 */
export function summaryQrPayload(summary: { hash: string; signature: string; signer: { fingerprint: string } }, format: string = SUMMARY_FORMAT_V2): string {
  const fp = summary.signer.fingerprint.replace(/\s+/g, '').toUpperCase();
  return `${format};sha256=${summary.hash};fp=${fp};sig=${summary.signature}`;
}

export interface QrMatrix {
  /** Modules per side (without the quiet zone). */
  size: number;
  /** One SVG path drawing every dark module as a 1×1 square, in module units. */
  path: string;
}

/**
 * The QR symbol as an SVG path, error correction M (15 %: a fold or a smudge on paper is fine).
 * Drawn as vectors rather than a bitmap, so it prints sharp at any size and works offline. The
 * encoder is fetched on first use: only the printouts draw one.
 */
export async function qrMatrix(payload: string): Promise<QrMatrix> {
  const { create } = await import('qrcode');
  const { modules } = create(payload, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) parts.push(`M${col} ${row}h1v1h-1z`);
    }
  }
  return { size: modules.size, path: parts.join('') };
}
