import { text, type LocalizedText } from '../../domain/common/text.ts';

/**
 * Strings of the C.Hasil entry form, in both UI languages. Kept here rather than in the shared i18n
 * catalogue so the form stays one self-contained feature folder; components pick `.id` / `.en`
 * with `useLanguage()`.
 */
export const m = {
  loading: text('Memuat…', 'Loading…'),
  noSetup: text('Belum ada pengaturan pemilu di perangkat ini.', 'There is no election setup on this device yet.'),
  unknownContest: text('Jenis pemilihan ini tidak ada dalam pengaturan.', 'This contest is not in the setup.'),
  formTitle: text('Formulir C.Hasil', 'Form C.Hasil'),
  tps: text('TPS', 'TPS'),

  // Sections, as printed on the form.
  sectionVoters: text('I. Data pemilih dan pengguna hak pilih', 'I. Voters and voters who voted'),
  sectionBallots: text('II. Data penggunaan surat suara', 'II. Ballot papers'),
  sectionDisabled: text('III. Data pemilih disabilitas', 'III. Disabled voters'),
  sectionVotesPairs: text('IV. Perolehan suara pasangan calon', 'IV. Votes per candidate pair'),
  sectionVotesCandidates: text('IV. Perolehan suara calon', 'IV. Votes per candidate'),
  sectionVotesParties: text('IV. Perolehan suara partai politik dan calon', 'IV. Votes per party and candidate'),
  sectionResult: text('V. Data suara sah dan tidak sah', 'V. Valid and invalid votes'),
  description: text('Uraian', 'Item'),
  male: text('Laki-laki (L)', 'Male (L)'),
  female: text('Perempuan (P)', 'Female (P)'),
  total: text('Jumlah (L+P)', 'Total (L+P)'),
  amount: text('Jumlah', 'Amount'),
  votes: text('Suara sah', 'Valid votes'),
  rowDpt: text('A. Pemilih dalam DPT', 'A. Voters in the DPT'),
  rowUsedDpt: text('B.1 Pengguna hak pilih DPT', 'B.1 DPT voters who voted'),
  rowUsedDptb: text('B.2 Pengguna hak pilih DPTb', 'B.2 DPTb voters who voted'),
  rowUsedDpk: text('B.3 Pengguna hak pilih DPK', 'B.3 DPK voters who voted'),
  rowUsedTotal: text('B.4 Jumlah pengguna hak pilih', 'B.4 Total voters who voted'),
  ballotReceived: text('1. Surat suara diterima (termasuk cadangan 2%)', '1. Ballots received (incl. 2% reserve)'),
  ballotUsed: text('2. Surat suara digunakan', '2. Ballots used'),
  ballotReturned: text('3. Surat suara dikembalikan (rusak/keliru coblos)', '3. Ballots returned (damaged/miscast)'),
  ballotUnused: text('4. Surat suara tidak digunakan', '4. Ballots unused'),
  disabledRow: text('Pemilih disabilitas yang menggunakan hak pilih', 'Disabled voters who voted'),
  partyOnly: text('A.1 Suara partai', 'A.1 Party-only votes'),
  partyCandidates: text('A.2 Suara calon', 'A.2 Candidate votes'),
  partyTotal: text('B. Jumlah suara partai dan calon', 'B. Party and candidate total'),
  valid: text('A. Jumlah seluruh suara sah', 'A. Total valid votes'),
  invalid: text('B. Jumlah suara tidak sah', 'B. Invalid votes'),
  validInvalid: text('C. Jumlah suara sah dan tidak sah', 'C. Valid and invalid votes'),

  // Running sums.
  sumUsed: text('B.1 + B.2 + B.3', 'B.1 + B.2 + B.3'),
  sumParty: text('A.1 + jumlah A.2', 'A.1 + sum of A.2'),
  sumVotes: text('jumlah suara', 'sum of votes'),
  sumValidInvalid: text('sah + tidak sah', 'valid + invalid'),
  sumBallots: text('digunakan + dikembalikan + tidak digunakan', 'used + returned + unused'),
  sumIncomplete: text('belum lengkap', 'incomplete'),
  sumMatches: text('cocok', 'matches'),
  sumDiffers: text('berbeda', 'differs'),

  // Input.
  digitsOnly: text('Hanya angka 0–999.', 'Digits only, 0–999.'),
  fourthDigit: text('Paling banyak 3 angka (0–999): angka keempat tidak dipakai. Periksa kertasnya.', 'At most 3 digits (0–999): the fourth digit was not taken. Check the paper.'),
  zeroFillNotHere: text('Tombol * mengisi 0 hanya di sel suara calon.', 'The * key fills 0 only in candidate vote cells.'),
  zeroFillHint: text(
    'Tekan * di sel suara calon untuk mengisi 0 pada semua sel calon yang masih kosong (per partai).',
    'Press * in a candidate vote cell to fill every still-empty candidate cell with 0 (per party).',
  ),

  // Save state.
  saved: text('Tersimpan', 'Saved'),
  saving: text('Menyimpan…', 'Saving…'),
  notSaved: text('Belum ada isian', 'Nothing entered yet'),
  saveFailed: text('GAGAL MENYIMPAN', 'NOT SAVED'),

  // Status.
  statusLabel: text('Status', 'Status'),
  status_empty: text('Kosong', 'Empty'),
  status_draft: text('Draf', 'Draft'),
  status_entered: text('Selesai dientri', 'Entered'),
  status_verified: text('Terverifikasi', 'Verified'),
  status_final: text('Final', 'Final'),
  enteredBy: text('Dientri oleh', 'Entered by'),
  verifiedBy: text('Diverifikasi oleh', 'Verified by'),

  // Findings.
  findingsTitle: text('Temuan pemeriksaan', 'Check findings'),
  noFindings: text('Tidak ada temuan.', 'No findings.'),
  errorsCount: text('kesalahan', 'errors'),
  warningsCount: text('peringatan', 'warnings'),
  error: text('Kesalahan', 'Error'),
  warning: text('Peringatan', 'Warning'),
  accepted: text('diterima', 'accepted'),

  // Mark entered.
  markEntered: text('Selesai dientri', 'Mark as entered'),
  missingCells: text('sel belum diisi', 'cells not entered'),
  acceptWarning: text('Terima peringatan', 'Accept warning'),
  acceptReason: text('Alasan menerima', 'Reason for accepting'),
  acceptedBecause: text('Diterima', 'Accepted'),
  warningsNeedAcceptance: text(
    'Setiap peringatan perlu diterima dengan alasan sebelum selesai dientri.',
    'Each warning needs an acceptance with a reason before marking as entered.',
  ),
  errorsBlockVerification: text(
    'Kesalahan harus dibetulkan sebelum verifikasi; bila formulir kertasnya sendiri memuat kesalahan itu, catat kejadian khusus/keberatan untuk TPS ini dan putuskan dalam pleno.',
    'Errors must be corrected before verification; when the paper form itself carries the error, record a special event/objection for this TPS and decide it in the plenary.',
  ),

  // Corrections.
  correctionTitle: text('Pembetulan: alasan wajib diisi', 'Correction: a reason is required'),
  correctionReason: text('Alasan pembetulan', 'Reason for the correction'),
  correctionSave: text('Simpan pembetulan', 'Save correction'),
  cancel: text('Batal', 'Cancel'),
  reasonRequired: text('Alasan wajib diisi.', 'A reason is required.'),
  empty: text('kosong', 'empty'),
  readOnlyRole: text(
    'Perangkat ini untuk membaca (saksi/Panwascam): angka formulir tidak dapat diubah di sini. Keberatan dapat dicatat di menu Keberatan.',
    'This device is for reading (witness/Panwascam): form figures cannot be changed here. Objections can be filed under Objections.',
  ),
  finalLockedNote: text(
    'Final dan terkunci: desa ini sudah difinalkan dalam pleno, angka tidak bisa diubah. Ketua PPK dapat membukanya kembali dengan alasan (menu Finalisasi).',
    'Final and locked: this desa has been finalised in the plenary and its figures cannot be changed. The PPK chair can reopen it with a reason (Finalisation menu).',
  ),
  lockedNote: text(
    'Formulir ini sudah selesai dientri: setiap perubahan memerlukan alasan dan tercatat di riwayat.',
    'This form has been entered: every change needs a reason and is kept in the history.',
  ),

  // Verification.
  verificationTitle: text('Verifikasi', 'Verification'),
  readbackHelp: text(
    'Orang kedua membacakan ulang C.Hasil dan mencocokkan setiap angka di layar.',
    'A second person reads the C.Hasil back and checks every figure on screen.',
  ),
  verifierName: text('Nama pemeriksa', 'Verifier’s name'),
  confirmReadback: text('Konfirmasi: semua angka cocok', 'Confirm: every figure matches'),
  samePerson: text('Pemeriksa harus orang lain dari pengentri.', 'The verifier must be someone other than the person who entered it.'),
  nameRequired: text('Nama wajib diisi.', 'A name is required.'),
  doubleEntryHelp: text(
    'Orang kedua mengentri formulir sekali lagi tanpa melihat isian pertama; aplikasi membandingkan keduanya.',
    'A second person enters the form again without seeing the first entry; the app compares the two.',
  ),
  secondEntryName: text('Nama pengentri kedua', 'Second person’s name'),
  startSecondEntry: text('Mulai entri kedua', 'Start second entry'),
  secondEntryTitle: text('Entri kedua (tanpa melihat isian pertama)', 'Second entry (first entry hidden)'),
  compareEntries: text('Bandingkan', 'Compare'),
  entriesMatch: text('Kedua entri sama: terverifikasi.', 'Both entries match: verified.'),
  entriesDiffer: text('Kedua entri berbeda di sel berikut:', 'The entries differ in these cells:'),
  firstEntry: text('entri pertama', 'first entry'),
  secondEntry: text('entri kedua', 'second entry'),
  verified: text('Terverifikasi', 'Verified'),

  // History.
  historyTitle: text('Riwayat perubahan', 'Change history'),
  lastChange: text('Perubahan terakhir', 'Last change'),
  lastChangeNone: text('Belum ada perubahan tercatat.', 'No change recorded yet.'),
  lastChangeWhy: text('alasan', 'reason'),
  noHistory: text('Belum ada perubahan.', 'No changes yet.'),
  hField: text('Isian', 'Field'),
  hChange: text('Lama → baru', 'Old → new'),
  hWho: text('Oleh', 'By'),
  hWhen: text('Waktu (WIB)', 'Time (WIB)'),
  hWhy: text('Alasan', 'Reason'),
  hAction: text('Tindakan', 'Action'),
  hDevice: text('Perangkat', 'Device'),
  hSeal: text('Tanda tangan', 'Signature'),
  historyHint: text(
    'Jejak audit: setiap perubahan dicatat dengan nama, peran dan perangkat, lalu dirantai dan ditandatangani kunci perangkat.',
    'Audit trail: every change is recorded with name, role and device, then chained and signed with the device key.',
  ),
  sealed: text('Ditandatangani', 'Signed'),
  sealedTitle: text('Entri #{seq} rantai perangkat ini, ditandatangani kunci perangkat', 'Entry #{seq} of the device chain, signed with the device key'),
  unsealed: text('Belum ditandatangani', 'Not yet signed'),
  thisDevice: text('perangkat ini', 'this device'),
  fromBackup: text('dari cadangan {hash}', 'from backup {hash}'),
  fromBackupTitle: text(
    'Entri bertanda tangan yang dibawa berkas cadangan dan diperiksa saat pemulihan',
    'Signed entry carried by a backup file and checked when it was restored',
  ),
  typedName: text('diketik: {name}', 'typed: {name}'),
  enrolledTitle: text(
    'Perangkat dan peran sebagaimana didaftarkan server; nama yang diketik operator ditampilkan di bawahnya.',
    'The device and role as the server enrolled them; the name the operator typed is shown below.',
  ),
  remoteUnavailable: text(
    'Riwayat dari perangkat lain belum dapat diambil dari server (tidak tersambung); yang tampil adalah catatan perangkat ini.',
    'Other devices’ history could not be fetched from the server (not connected); shown is this device’s record.',
  ),
  remoteRejected: text(
    '{n} entri dari server tidak ditampilkan: tanda tangannya tidak cocok dengan kunci perangkat yang terdaftar.',
    '{n} entries from the server are not shown: their signature does not match the enrolled device key.',
  ),
  remoteMore: text('Server memotong daftar: riwayat ini lebih panjang dari yang tampil.', 'The server cut the list: this history is longer than shown.'),
  action_tally_changed: text('Angka diubah', 'Figures changed'),
  action_tally_status: text('Status diubah', 'Status changed'),
  action_tally_resolved: text('Konflik diselesaikan', 'Conflict resolved'),
  action_objection_recorded: text('Keberatan dicatat', 'Objection recorded'),
  action_objection_decided: text('Keberatan diputuskan', 'Objection decided'),
  action_objection_linked: text('Pembetulan ditautkan', 'Corrections linked'),
  action_finalisation_finalised: text('Difinalkan', 'Finalised'),
  action_finalisation_reopened: text('Dibuka kembali', 'Reopened'),
  action_objection_resolved: text('Konflik keberatan diselesaikan', 'Objection conflict resolved'),
  action_finalisation_resolved: text('Konflik finalisasi diselesaikan', 'Finalisation conflict resolved'),
  action_photos_added: text('Foto C.Hasil dilampirkan', 'C.Hasil photo attached'),
  action_photos_removed: text('Foto C.Hasil dihapus', 'C.Hasil photo removed'),
  action_photos_resolved: text('Konflik foto diselesaikan', 'Photo conflict resolved'),
  photoPage: text('Foto halaman {n}', 'Photo page {n}'),
  role_chair: text('Ketua PPK', 'PPK chair'),
  role_clerk: text('Operator', 'Clerk'),
  role_witness: text('Saksi', 'Witness'),
  role_panwas: text('Panwascam', 'Panwascam'),
  localRevisions: text('Revisi lokal (termasuk data dari server)', 'Local revisions (including data from the server)'),
} satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof m;

/** A form of a desa another panel takes: read-only on this clerk's device, naming the owner. */
export const otherPanelNote = (owners: readonly string[], desa: string, mine: string | null): LocalizedText => {
  const who = owners.length > 0 ? owners.join(', ') : '—';
  return text(
    `Formulir desa ${desa} dikerjakan oleh ${who}. Perangkat ${mine ?? 'ini'} hanya dapat melihatnya; perubahan hanya oleh panel tersebut atau ketua PPK.`,
    `The forms of desa ${desa} are ${who}'s. This ${mine ? `${mine} ` : ''}device can only view them; changes are made by that panel or the PPK chair.`,
  );
};
