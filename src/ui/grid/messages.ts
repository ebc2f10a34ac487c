import { text, type LocalizedText } from '../../domain/common/text.ts';

/**
 * Strings of the desa grid, in both UI languages (picked with `useLanguage()`, like the entry
 * form's src/ui/entry/messages.ts, whose input and save wordings the grid reuses as they are).
 */
export const g = {
  title: text('Mode tabel desa', 'Desa grid mode'),
  help: text(
    'Satu baris per TPS, kolom menurut urutan C.Hasil; setiap angka langsung tersimpan, sel kosong berarti belum diisi. Enter/Tab: sel berikutnya, lalu TPS berikutnya; Shift+Enter/Shift+Tab: kembali; panah atas/bawah: TPS lain di kolom yang sama.',
    'One row per TPS, columns in C.Hasil order; every figure is saved as typed, an empty cell means not entered. Enter/Tab: next cell, then the next TPS; Shift+Enter/Shift+Tab: back; arrow up/down: another TPS in the same column.',
  ),
  lockedHelp: text(
    'Baris yang sudah dientri hanya dibaca di sini: pembetulan (dengan alasan) lewat formulir TPS-nya, klik nomor TPS.',
    'Rows already entered are read-only here: corrections (with a reason) go through that TPS’s form, click the TPS number.',
  ),
  tps: text('TPS', 'TPS'),
  checks: text('Pemeriksaan', 'Checks'),
  totals: text('Jumlah desa', 'Desa total'),
  notOffered: text('Mode tabel hanya tersedia untuk Presiden dan DPD.', 'The grid mode is only offered for President and DPD.'),
  loading: text('Memuat…', 'Loading…'),
  links: text('Mode tabel desa', 'Desa grid mode'),
};

/** "TPS 001, Paslon 01": the row first, so a screen reader says where the cell is before what. */
export const cellLabel = (tps: string, field: string): string => `TPS ${tps}, ${field}`;

/** The TPS number links to the single form (corrections with a reason, verification). */
export const openFormLabel = (tps: string): LocalizedText => text(`TPS ${tps}: buka formulir`, `TPS ${tps}: open the form`);

export const findingsCount = (n: number): LocalizedText => text(`${n} temuan`, n === 1 ? '1 finding' : `${n} findings`);
