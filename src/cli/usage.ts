/** Help in both languages at once: the person at the terminal may not know which flag sets it. */
export const USAGE = `rekap — rekapitulasi suara tingkat kecamatan / kecamatan vote recapitulation

Penggunaan / Usage:
  rekap validate-setup <setup.json>
  rekap import-sirekap <dump.json> [--setup <setup.json>] -o <tallies.json>
  rekap totals --tallies <tallies.json> [--setup <setup.json>] [--contest PPWP|DPR|DPD|DPRD_PROV|DPRD_KAB]
               [--format json|table]
  rekap check  --tallies <tallies.json> [--setup <setup.json>] [--format json|table]
  rekap --help

Perintah (Bahasa Indonesia):
  validate-setup  Memeriksa berkas setup (rekap.setup/v1); mencetak ringkasan, atau semua masalah.
  import-sirekap  Mengubah dump Sirekap PPWP per TPS menjadi tally rekap.tallies/v1 berstatus
                  "draft" (angka OCR, bukan masukan petugas). Dengan --setup hanya TPS setup yang
                  ditulis (urutan setup); TPS lain dilewati dengan peringatan.
  totals          Jumlah D.Hasil per desa dan kecamatan. Tanpa --contest: semua jenis pemilihan
                  dalam berkas; JSON berupa satu objek untuk satu jenis, atau array untuk beberapa.
  check           Memeriksa tally (kode E01–E11, W01–W06). JSON rekap.findings/v1.

Commands (English):
  validate-setup  Validates a setup file (rekap.setup/v1); prints a summary, or every issue.
  import-sirekap  Converts a per-TPS Sirekap PPWP dump into rekap.tallies/v1 tallies with status
                  "draft" (OCR figures, not entered by a person). With --setup only the setup's TPS
                  are written (setup order); other TPS are skipped with a warning.
  totals          D.Hasil sums per desa and for the kecamatan. Without --contest: every contest in
                  the file; JSON is one object for one contest, an array for several.
  check           Checks the tallies (codes E01–E11, W01–W06). JSON rekap.findings/v1.

Pilihan umum / Common options:
  --lang id|en    Bahasa pesan, tabel dan galat / language of messages, tables and errors (default: id)
  -h, --help      Bantuan ini / this help

Kode keluar / Exit codes:
  0  berhasil / success
  1  check: ada temuan kesalahan / check: error findings
  2  masukan salah (berkas, JSON, format, argumen) / bad input (file, JSON, format, arguments)
  70 galat internal / internal error (REKAP_DEBUG=1 shows the stack)
`;
