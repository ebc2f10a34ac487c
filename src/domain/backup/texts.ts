import { chainFailureText } from '../audit/verify.ts';
import { text, type LocalizedText } from '../common/text.ts';
import type { Setup } from '../setup/schema.ts';
import { assertNever } from '../tally/contest.ts';
import { recordLabel } from '../workflow/recordLabel.ts';
import type { ArchiveFailure } from './archive.ts';
import type { BackupFailure, BackupTrust } from './verify.ts';

const shown = (value: unknown): string => (value === null || value === undefined ? 'kosong' : typeof value === 'string' ? value : JSON.stringify(value));
const shownEn = (value: unknown): string => (value === null || value === undefined ? 'empty' : typeof value === 'string' ? value : JSON.stringify(value));

/** Why a signed backup is refused, in words naming what failed (the form and cell when known). */
export function backupFailureText(failure: BackupFailure, setup: Setup | null): LocalizedText {
  const refused = text('Cadangan ditolak, tidak ada data yang disimpan:', 'Backup refused, nothing was stored:');
  const withLead = (why: LocalizedText) => text(`${refused.id} ${why.id}`, `${refused.en} ${why.en}`);
  switch (failure.kind) {
    case 'key-mismatch':
      return withLead(text('kunci perangkat di berkas tidak cocok dengan hash kuncinya (berkas diubah).', "the file's device key does not match its key hash (the file was changed)."));
    case 'chain': {
      const why = chainFailureText(failure.failure);
      return withLead(text(`riwayat audit bertanda tangan di berkas tidak utuh. ${why.id}`, `the signed audit trail in the file is not whole. ${why.en}`));
    }
    case 'form': {
      const { key, path, chain, file } = failure.mismatch;
      const form = recordLabel(setup, key);
      const cell = path === 'status' ? text('status', 'status') : text(`isian ${path}`, `cell ${path}`);
      return withLead(
        text(
          `formulir ${form.id}, ${cell.id}: di berkas ${shown(file)}, padahal riwayat audit bertanda tangan perangkat itu berakhir di ${shown(chain)} (berkas diubah setelah diekspor).`,
          `form ${form.en}, ${cell.en}: the file says ${shownEn(file)}, but the device's signed audit trail ends at ${shownEn(chain)} (the file was changed after it was exported).`,
        ),
      );
    }
    case 'earlier-chain': {
      const why =
        failure.failure.kind === 'key-mismatch'
          ? text('kuncinya tidak cocok dengan hash kuncinya.', 'its key does not match its key hash.')
          : chainFailureText(failure.failure);
      return withLead(
        text(
          `riwayat audit perangkat ${failure.fingerprint} (dari pemulihan sebelumnya) di berkas tidak utuh: ${why.id}`,
          `the audit trail of device ${failure.fingerprint} (from an earlier restore) in the file is not whole: ${why.en}`,
        ),
      );
    }
    case 'signature':
      return withLead(
        text('tanda tangan perangkat atas berkas tidak sah: isinya diubah setelah diekspor.', "the device's signature over the file does not hold: its content was changed after it was exported."),
      );
    default:
      return assertNever(failure);
  }
}

/** The warning shown before restoring a backup the pinned server does not vouch for (null: it does). */
export function backupTrustWarning(trust: BackupTrust): LocalizedText | null {
  switch (trust) {
    case 'attested':
      return null;
    case 'no-attestation':
      return text(
        'Perhatian: perangkat yang membuat cadangan ini tidak pernah didaftarkan ke server kecamatan, jadi kuncinya tidak dijamin oleh server. Pulihkan hanya jika Anda tahu asal berkas ini.',
        'Warning: the device that made this backup was never enrolled with the kecamatan server, so no server vouches for its key. Restore only if you know where this file comes from.',
      );
    case 'unpinned':
      return text(
        'Perhatian: perangkat ini belum terdaftar ke server kecamatan, jadi pengesahan kunci pembuat cadangan tidak bisa diperiksa. Pulihkan hanya jika Anda tahu asal berkas ini.',
        'Warning: this device is not enrolled with the kecamatan server, so the attestation of the key that made the backup cannot be checked. Restore only if you know where this file comes from.',
      );
    case 'other-server':
      return text(
        'Perhatian: kunci pembuat cadangan ini tidak disahkan oleh server kecamatan yang dipercaya perangkat ini. Pulihkan hanya jika Anda tahu asal berkas ini.',
        'Warning: the key that made this backup is not attested by the kecamatan server this device trusts. Restore only if you know where this file comes from.',
      );
    default:
      return assertNever(trust);
  }
}

/** Why a backup archive (a backup with photos) is refused, in words naming the photo when known. */
export function archiveFailureText(failure: ArchiveFailure, fileName: string): LocalizedText {
  const refused = text('Cadangan ditolak, tidak ada data yang disimpan:', 'Backup refused, nothing was stored:');
  const withLead = (why: LocalizedText) => text(`${refused.id} ${why.id}`, `${refused.en} ${why.en}`);
  switch (failure.kind) {
    case 'not-archive':
      return withLead(text(`berkas ${fileName} bukan arsip cadangan yang utuh (terpotong atau rusak).`, `${fileName} is not a whole backup archive (truncated or damaged).`));
    case 'no-backup':
      return withLead(text(`arsip ${fileName} tidak memuat backup.json.`, `the archive ${fileName} holds no backup.json.`));
    case 'unexpected-entry':
      return withLead(text(`arsip memuat berkas yang bukan bagian cadangan: ${failure.name}.`, `the archive holds a file that is not part of a backup: ${failure.name}.`));
    case 'photo-hash':
      return withLead(
        text(
          `foto ${failure.name} di arsip tidak cocok dengan hash-nya (isinya ${failure.actual.slice(0, 16)}…): foto diubah atau rusak.`,
          `photo ${failure.name} in the archive does not match its hash (its content is ${failure.actual.slice(0, 16)}…): the photo was changed or damaged.`,
        ),
      );
    case 'photo-missing':
      return withLead(text(`foto ${failure.sha256.slice(0, 16)}… yang dicatat cadangan tidak ada di arsip.`, `photo ${failure.sha256.slice(0, 16)}… named by the backup is not in the archive.`));
    default:
      return assertNever(failure);
  }
}
