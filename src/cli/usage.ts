/** Help in both languages at once: the person at the terminal may not know which flag sets it. */
export const USAGE = `rekap — rekapitulasi suara tingkat kecamatan / kecamatan vote recapitulation

Penggunaan / Usage:
  rekap validate-setup <setup.json>
  rekap import-sirekap <dump.json> [--setup <setup.json>] -o <tallies.json>
  rekap totals --tallies <tallies.json> [--setup <setup.json>] [--contest PPWP|DPR|DPD|DPRD_PROV|DPRD_KAB]
               [--format json|table]
  rekap check  --tallies <tallies.json> [--setup <setup.json>] [--format json|table]
  rekap keygen -o <key.jwk> [--public <public.jwk>]
  rekap sign-summary --tallies <tallies.json> --setup <setup.json> --key <key.jwk> [--contest C]
               [--signer-name <nama/name>] [--role chair|clerk|witness|panwas]
               [--attestation <enrolment.json>] [--audit-head <sha256>] -o <summary.json>
  rekap sign-summary --state <dir> --tallies <tallies.json> [--setup <setup.json>] [--contest C]
               [--signer-name <nama/name>] [--audit-head <sha256>] -o <summary.json>
  rekap verify <summary.json> [--trust <server-key.jwk>] [--setup <setup.json>] [--json]
  rekap prove <summary.json> --tps <tps> [--contest C] -o <proof.json>
  rekap verify-proof <proof.json> --root "<16 kelompok/groups>" [--trust <server-key.jwk>] [--json]
  rekap server start [--port N] [--host H] [--static <dir>] [--demo] [--workers N]
  rekap server init  --setup <setup.json> [--json]
  rekap server code  [--kecamatan <kode>] --role chair|clerk|witness|panwas [--panel <id>] [--json]
  rekap server devices [--kecamatan <kode>] [--json]
  rekap server revoke <perangkat/device>
  rekap server import-summary <summary.json> --groups <n>:<xxxx>,<n>:<xxxx> [--replace] [--json]
  rekap server verify-audit [--kecamatan <kode>] [--receipts <folder>] [--json]
  rekap server attest-devices [--kecamatan <kode>] [--json]
  rekap sync --server <url> --state <dir> [--code <kode/code>] push <tallies.json> [--json]
  rekap sync --server <url> --state <dir> [--code <kode/code>] pull -o <tallies.json> [--objections-out <file>] [--json]
  rekap sync --state <dir> objection add [--tps <tps> | --desa <desa>] [--contest <c>] --text <t> [--kind objection|event] [--of party:<no>]
  rekap sync --state <dir> objection decide <id> --decision corrected|recounted|rejected|noted --text <note>
  rekap sync --state <dir> audit-receipt -o <receipt.json> [--json]
  rekap --help

Perintah (Bahasa Indonesia):
  validate-setup  Memeriksa berkas setup (rekap.setup/v1); mencetak ringkasan, atau semua masalah.
  import-sirekap  Mengubah dump Sirekap PPWP per TPS menjadi tally rekap.tallies/v1 berstatus
                  "draft" (angka OCR, bukan masukan petugas). Dengan --setup hanya TPS setup yang
                  ditulis (urutan setup); TPS lain dilewati dengan peringatan.
  totals          Jumlah D.Hasil per desa dan kecamatan. Tanpa --contest: semua jenis pemilihan
                  dalam berkas; JSON berupa satu objek untuk satu jenis, atau array untuk beberapa.
  check           Memeriksa tally (kode E01–E11, W01–W06). JSON rekap.findings/v1.
  keygen          Membuat kunci tanda tangan P-256 (JWK, mode 0600, tidak menimpa berkas yang ada);
                  mencetak sidik jarinya.
  sign-summary    Membuat dan menandatangani ringkasan D.Hasil rekap.summary/v2 (total kecamatan,
                  desa dan angka setiap TPS); mencetak SHA-256 dalam 16 kelompok untuk kertas D.Hasil.
  verify          Memeriksa ringkasan: tanda tangan, pengesahan server (--trust), urutan, dan setiap
                  jumlah dihitung ulang dari angka TPS; keluar 1 bila tidak sah. docs/integrity.md.
  prove           Bukti rekap.proof/v1 untuk satu TPS dari ringkasan v2 yang sah: angkanya (per jenis
                  pemilihan, atau --contest), hash saudara di pohon Merkle, kepala bertanda tangan.
  verify-proof    Memeriksa bukti terhadap 16 kelompok hash di kertas D.Hasil (--root): keluar 0 bila
                  angka TPS itu termasuk ringkasan bertanda tangan, 1 bila tidak (menyebut TPS-nya).
  server          Server sinkronisasi: start (PWA + /api; PORT bawaan 8787, DATA_DIR bawaan ./data,
                  DATABASE_URL = PostgreSQL, TLS_CERT + TLS_KEY = HTTPS; --demo = demo Puger),
                  init (membuat kecamatan; mencetak kode sekali pakai ketua), code (kode pendaftaran
                  perangkat, berlaku 24 jam), devices (daftar perangkat), revoke (mencabut token),
                  import-summary (tingkat kabupaten: mengimpor ringkasan kecamatan yang final dan
                  sah, dengan dua kelompok hash dari kertas; keluar 1 bila ditolak), verify-audit
                  (memeriksa ulang setiap rantai audit yang tersimpan; keluar 1 bila ada yang rusak),
                  attest-devices (mengesahkan kunci perangkat yang terdaftar sebelum server
                  menyimpan pengesahan; sekali, dengan sengaja, setelah pembaruan).
                  --data-dir/--database-url menggantikan DATA_DIR/DATABASE_URL. docs/deployment.md.
  sync            Klien sinkron tanpa layar (muat massal, uji beban): push mengirim tally berkas,
                  pull menulis tally server ke -o. --state menyimpan pendaftaran (kunci perangkat
                  JWK), antrean dan checkpoint, jadi push yang terputus dilanjutkan; --code hanya
                  untuk pendaftaran pertama. --objections-out menulis keberatan/kejadian khusus
                  (rekap.objections/v1); objection add mencatat satu dari perangkat ini (peran apa
                  pun), objection decide adalah keputusan ketua. Keluar 0 hanya bila semua diterima
                  server; konflik dan penolakan dilaporkan, keluar 1. docs/sync.md.

Commands (English):
  validate-setup  Validates a setup file (rekap.setup/v1); prints a summary, or every issue.
  import-sirekap  Converts a per-TPS Sirekap PPWP dump into rekap.tallies/v1 tallies with status
                  "draft" (OCR figures, not entered by a person). With --setup only the setup's TPS
                  are written (setup order); other TPS are skipped with a warning.
  totals          D.Hasil sums per desa and for the kecamatan. Without --contest: every contest in
                  the file; JSON is one object for one contest, an array for several.
  check           Checks the tallies (codes E01–E11, W01–W06). JSON rekap.findings/v1.
  keygen          Creates a P-256 signing key (JWK, mode 0600, never over an existing file); prints
                  its fingerprint.
  sign-summary    Builds and signs a rekap.summary/v2 D.Hasil summary (kecamatan and desa totals and
                  every TPS's figures); prints the SHA-256 in 16 groups for the paper D.Hasil.
  verify          Verifies a summary: signature, server attestation (--trust), order, and every
                  total recomputed from the TPS figures; exit 1 when invalid. docs/integrity.md.
  prove           A rekap.proof/v1 of one TPS from a valid v2 summary: its figures (per contest, or
                  --contest), the sibling hashes in the Merkle tree, the signed head.
  verify-proof    Checks a proof against the 16 hash groups on the paper D.Hasil (--root): exit 0
                  when the TPS's figures are in the signed summary, 1 when not (naming the TPS).
  server          The sync server: start (PWA + /api; PORT default 8787, DATA_DIR default ./data,
                  DATABASE_URL = PostgreSQL, TLS_CERT + TLS_KEY = HTTPS; --demo = the Puger demo),
                  init (creates the kecamatan; prints the chair's one-time code), code (a device
                  enrolment code, valid 24 h), devices (enrolled devices), revoke (revokes a token),
                  import-summary (kabupaten level: imports a final, valid kecamatan summary, with
                  two hash groups from the paper; exit 1 when refused), verify-audit (re-verifies
                  every stored audit chain; exit 1 when one does not verify), attest-devices
                  (attests the keys of devices enrolled before the server kept attestations; once,
                  on purpose, after an upgrade).
                  --data-dir/--database-url override DATA_DIR/DATABASE_URL. docs/deployment.md.
  sync            Headless sync client (bulk loading, load tests): push sends a file's tallies,
                  pull writes the server's tallies to -o. --state keeps the enrolment (device key
                  as JWK), outbox and checkpoint, so a push that was cut off resumes; --code is
                  only needed to enrol the first time. --objections-out writes the objections and
                  special events (rekap.objections/v1); objection add files one from this device
                  (any role), objection decide is the chair's. Exit 0 only when the server
                  acknowledged everything; conflicts and refusals are reported, exit 1. docs/sync.md.

Pilihan umum / Common options:
  --lang id|en    Bahasa pesan, tabel dan galat / language of messages, tables and errors (default: id)
  -h, --help      Bantuan ini / this help

Kode keluar / Exit codes:
  0  berhasil / success
  1  check: ada temuan kesalahan; verify: ringkasan tidak sah; verify-proof: tidak terbukti;
     sync: belum semua diterima / konflik /
     check: error findings; verify: invalid summary; verify-proof: not proven;
     sync: not all acknowledged / conflicts
  2  masukan salah (berkas, JSON, format, argumen) / bad input (file, JSON, format, arguments)
  70 galat internal / internal error (REKAP_DEBUG=1 shows the stack)
`;
