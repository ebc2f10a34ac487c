import { text, type LocalizedText } from '../../domain/common/text.ts';

/**
 * Strings of the conflict cards that say where each value came from (the base both sides started
 * from, the other person and their reason, the value to keep), in both UI languages. Kept beside
 * the cards, like the entry form's messages, rather than in the shared catalogue.
 */
export const cm = {
  base: text('Awal', 'Start'),
  baseHint: text(
    'Awal: nilai yang sama-sama menjadi titik mulai kedua perangkat, sebelum keduanya mengubah.',
    'Start: the value both devices started from, before either changed it.',
  ),
  baseUnknown: text('tidak diketahui', 'not known'),
  baseUnknownHint: text(
    'Nilai awal tidak diketahui: perangkat ini belum menyimpan salinannya (tersinkron sebelum pembaruan ini, atau dipulihkan dari cadangan).',
    'The starting values are not known: this device kept no copy of them (synced before this update, or restored from a backup).',
  ),
  chosen: text('Nilai yang dipakai', 'Value to keep'),
  chosenFor: (cell: string): LocalizedText => text(`Nilai yang dipakai untuk ${cell}`, `Value to keep for ${cell}`),
  chosenHint: text('Pilih salah satu, atau ketik angka dari kertas C.Hasil.', 'Pick one, or type the figure from the paper C.Hasil.'),
  theirs: (actor: string): LocalizedText => text(`Server (${actor})`, `Server (${actor})`),
  /** A form's photos record in a conflict: how many pages each side has. */
  photoCount: (n: number): LocalizedText => text(`${n} foto C.Hasil`, `${n} C.Hasil photo${n === 1 ? '' : 's'}`),
  reasonOf: (actor: string, reason: string, when: string): LocalizedText =>
    text(`Alasan ${actor} (${when}): “${reason}”`, `${actor}'s reason (${when}): “${reason}”`),
  noReason: (actor: string): LocalizedText =>
    text(`${actor} tidak menulis alasan (pengisian biasa, bukan pembetulan).`, `${actor} gave no reason (ordinary entry, not a correction).`),
  reasonNotYet: (actor: string): LocalizedText =>
    text(`Alasan ${actor} belum sampai di server (riwayatnya dikirim menyusul).`, `${actor}'s reason has not reached the server yet (their trail follows).`),
  reasonLoading: text('Memuat alasan dari server…', 'Loading the reason from the server…'),
  reasonOffline: text('Alasan perubahan server tidak bisa dimuat sekarang (server tidak terjangkau).', "The server change's reason cannot be loaded now (server unreachable)."),
  baseState: (state: string): LocalizedText => text(`Awal: ${state}`, `Start: ${state}`),
};
