import { text, type LocalizedText } from '../../domain/common/text.ts';

/** Why an op was not applied, in both languages (clients show these to people). */
export const reasons = {
  locked: (): LocalizedText =>
    text(
      'Hasil ini sudah final di server dan terkunci; hanya ketua PPK yang dapat membukanya kembali.',
      'This result is final on the server and locked; only the PPK chair can reopen it.',
    ),
  reusedOpId: (): LocalizedText =>
    text(
      'ID operasi ini sudah dipakai untuk isi yang lain; operasi ditolak.',
      'This op id was already used for different content; the op is refused.',
    ),
  unknownBase: (base: number): LocalizedText =>
    text(
      `Server tidak memiliki versi ${base} dari data ini (data server mungkin dipulihkan dari cadangan lama).`,
      `The server has no version ${base} of this record (the server's data may have been restored from an old backup).`,
    ),
  hashMismatch: (): LocalizedText =>
    text('Hash data tidak cocok dengan isinya; operasi ditolak.', 'The record hash does not match its content; the op is refused.'),
  keyMismatch: (key: string, expected: string): LocalizedText =>
    text(`Kunci data ${key} tidak sesuai dengan isinya (${expected}).`, `Record key ${key} does not match its content (${expected}).`),
  badSignature: (): LocalizedText =>
    text(
      'Tanda tangan perangkat tidak sah untuk operasi ini; operasi ditolak.',
      "The device's signature is not valid for this op; the op is refused.",
    ),
  unsignableText: (): LocalizedText =>
    text(
      'Operasi memuat teks yang tidak dapat ditandatangani (karakter UTF-16 yang terpotong); operasi ditolak.',
      'The op holds text that cannot be signed (a broken UTF-16 character); the op is refused.',
    ),
  notInManifest: (): LocalizedText =>
    text(
      'Operasi ini tidak sama dengan yang tercantum di manifes yang ditandatangani perangkat; operasi ditolak.',
      'This op differs from what the manifest the device signed lists; the op is refused.',
    ),
  malformed: (detail: LocalizedText): LocalizedText => text(`Operasi tidak sah: ${detail.id}`, `Malformed op: ${detail.en}`),
  storedDamaged: (label: LocalizedText): LocalizedText =>
    text(
      `Salinan server untuk ${label.id} rusak (tidak terbaca), jadi perubahan ini tidak dapat diputuskan; laporkan ke administrator server (rekap server verify-audit).`,
      `The server's copy of ${label.en} is damaged (unreadable), so this change cannot be decided; tell the server's administrator (rekap server verify-audit).`,
    ),
  notInSetup: (detail: LocalizedText): LocalizedText => text(`Tidak sesuai setup: ${detail.id}`, `Does not match the setup: ${detail.en}`),
};
