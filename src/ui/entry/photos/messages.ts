import { text, type LocalizedText } from '../../../domain/common/text.ts';

/** Words of the photo section and viewer (issue 17), both languages, as src/ui/entry/messages.ts. */
export const pm = {
  title: text('Foto C.Hasil', 'C.Hasil photos'),
  intro: text(
    'Lampirkan foto setiap halaman C.Hasil TPS ini. Foto diperkecil di perangkat ini (sisi panjang 1.600 px) dan hash SHA-256-nya dicatat di jejak audit.',
    "Attach a photo of each C.Hasil page of this TPS. Photos are scaled down on this device (long edge 1,600 px) and their SHA-256 is recorded in the audit trail.",
  ),
  none: text('Belum ada foto untuk formulir ini.', 'No photos for this form yet.'),
  pick: text('Pilih atau ambil foto', 'Choose or take a photo'),
  drop: text('Tarik foto ke sini, atau', 'Drop photos here, or'),
  cameraOpen: text('Ambil dengan kamera laptop', "Take with the laptop's camera"),
  cameraTitle: text('Kamera: arahkan ke satu halaman C.Hasil', 'Camera: point it at one C.Hasil page'),
  cameraShoot: text('Potret halaman ini', 'Take this page'),
  cameraClose: text('Tutup kamera', 'Close the camera'),
  cameraDenied: text(
    'Izin kamera ditolak browser. Izinkan kamera untuk alamat ini di pengaturan browser, atau pilih berkas foto.',
    'The browser refused the camera. Allow the camera for this address in the browser settings, or choose a photo file.',
  ),
  cameraMissing: text('Tidak ada kamera yang bisa dipakai di perangkat ini; pilih berkas foto.', 'No usable camera on this device; choose a photo file.'),
  cameraFailed: text('Kamera tidak bisa dibuka ({detail}); pilih berkas foto.', 'The camera cannot be opened ({detail}); choose a photo file.'),
  working: text('Memperkecil dan menyimpan foto…', 'Scaling down and storing the photo…'),
  stored: text('Foto halaman {n} tersimpan.', 'Photo page {n} stored.'),
  notImage: text('{name}: bukan berkas gambar; tidak disimpan.', '{name}: not an image file; not stored.'),
  decodeFailed: text('{name}: gambar tidak bisa dibaca browser ini; tidak disimpan.', '{name}: this browser cannot read the image; not stored.'),
  remove: text('Hapus foto halaman {n}', 'Remove photo page {n}'),
  removeReason: text('Alasan menghapus foto halaman {n}', 'Reason for removing photo page {n}'),
  confirmRemove: text('Hapus', 'Remove'),
  cancel: text('Batal', 'Cancel'),
  page: text('Halaman {n}', 'Page {n}'),
  thumbAlt: text('Foto C.Hasil halaman {n}', 'C.Hasil photo page {n}'),
  notDownloaded: text('Foto halaman {n} belum terunduh dari server.', 'Photo page {n} is not downloaded from the server yet.'),
  hash: text('SHA-256', 'SHA-256'),
  viewerTitle: text('Foto C.Hasil di samping formulir', 'C.Hasil photo beside the form'),
  pageOf: text('Halaman {n} dari {total}', 'Page {n} of {total}'),
  prev: text('Halaman sebelumnya', 'Previous page'),
  next: text('Halaman berikutnya', 'Next page'),
  zoomIn: text('Perbesar', 'Zoom in'),
  zoomOut: text('Perkecil', 'Zoom out'),
  zoomReset: text('Ukuran awal', 'Reset zoom'),
  zoomLevel: text('Pembesaran {n}%', 'Zoom {n}%'),
  panHint: text('Geser foto dengan tetikus/jari atau tombol panah.', 'Pan the photo by dragging or with the arrow keys.'),
  viewerRegion: text('Foto C.Hasil halaman {n}: geser dengan tombol panah, +/− untuk memperbesar', 'C.Hasil photo page {n}: arrow keys pan, +/− zoom'),
} satisfies Record<string, LocalizedText>;

/** A message with its {placeholders} filled in. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}
