import type { CheckCode, Finding } from '../domain/checks/types.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import type { FieldPath } from '../domain/tally/fields.ts';
import type { TallyStatus } from '../domain/tally/tally.ts';
import type { Refusal } from '../domain/workflow/refusal.ts';
import { recordLabel } from '../domain/workflow/recordLabel.ts';
import { STATUS_LABELS } from '../domain/labels/statuses.ts';
import type { InputIssue } from './types.ts';

/** Expected failures of the db API; every variant carries a message in both languages. */
export type DbError =
  | { kind: 'no-setup'; message: LocalizedText }
  | { kind: 'unknown-tally'; key: string; message: LocalizedText }
  | { kind: 'unknown-field'; path: FieldPath; message: LocalizedText }
  | { kind: 'invalid-value'; path: FieldPath; message: LocalizedText }
  | { kind: 'actor-required'; message: LocalizedText }
  | { kind: 'not-found'; key: string; message: LocalizedText }
  | { kind: 'reason-required'; message: LocalizedText }
  | { kind: 'locked'; message: LocalizedText }
  | { kind: 'wrong-status'; status: TallyStatus; expected: TallyStatus[]; message: LocalizedText }
  | { kind: 'incomplete'; missing: FieldPath[]; message: LocalizedText }
  | { kind: 'warnings-unaccepted'; codes: CheckCode[]; findings: Finding[]; message: LocalizedText }
  | { kind: 'has-errors'; codes: CheckCode[]; findings: Finding[]; message: LocalizedText }
  | { kind: 'same-person'; message: LocalizedText }
  | { kind: 'setup-mismatch'; message: LocalizedText }
  | { kind: 'invalid-file'; issues: InputIssue[]; message: LocalizedText }
  | { kind: 'would-overwrite'; message: LocalizedText }
  | { kind: 'corrupt'; key: string; issues: InputIssue[]; message: LocalizedText }
  | { kind: 'warning-not-open'; code: CheckCode; message: LocalizedText }
  | { kind: 'quota'; message: LocalizedText }
  /** A photo that cannot be stored as it is (not an image we keep, too large, or a form's last page). */
  | { kind: 'photo-invalid'; message: LocalizedText }
  /** The same bytes are already attached (to this form or another one). */
  | { kind: 'photo-duplicate'; key: string; message: LocalizedText }
  /** The workflow table refused the step for this device (its role, panel, or a finalised desa). */
  | { kind: 'workflow-refused'; refusal: Refusal; message: LocalizedText };

export type DbErrorKind = DbError['kind'];

export const QUOTA_MESSAGE: LocalizedText = text(
  'Penyimpanan perangkat penuh: perubahan terakhir TIDAK tersimpan. Ekspor cadangan, kosongkan ruang penyimpanan browser, lalu ulangi.',
  'Device storage is full: the last change was NOT saved. Export a backup, free browser storage, then try again.',
);


const codesOf = (findings: readonly Finding[]): CheckCode[] => [...new Set(findings.map((f) => f.code))];

/** Constructors for every DbError, so messages are written once. */
export const dbError = {
  noSetup: (): DbError => ({
    kind: 'no-setup',
    message: text('Belum ada data pemilihan (setup). Mulai demo atau impor berkas setup.', 'No election setup yet. Start the demo or import a setup file.'),
  }),
  unknownTally: (key: string): DbError => ({
    kind: 'unknown-tally',
    key,
    message: text(`${recordLabel(null, key).id} tidak ada dalam setup.`, `${recordLabel(null, key).en} is not in the setup.`),
  }),
  unknownField: (path: FieldPath): DbError => ({
    kind: 'unknown-field',
    path,
    message: text(`Kolom ${path} tidak ada pada formulir ini.`, `Field ${path} does not exist on this form.`),
  }),
  invalidValue: (path: FieldPath): DbError => ({
    kind: 'invalid-value',
    path,
    message: text(`Nilai untuk ${path} harus bilangan bulat 0–999.999 atau kosong.`, `The value for ${path} must be a whole number 0–999,999 or empty.`),
  }),
  actorRequired: (): DbError => ({
    kind: 'actor-required',
    message: text('Nama petugas wajib diisi agar setiap perubahan tercatat.', 'An operator name is required so every change is attributed.'),
  }),
  notFound: (key: string): DbError => ({
    kind: 'not-found',
    key,
    message: text(`Data ${recordLabel(null, key).id} belum ada.`, `No data stored for ${recordLabel(null, key).en} yet.`),
  }),
  reasonRequired: (): DbError => ({
    kind: 'reason-required',
    message: text(
      'Formulir ini sudah selesai dientri: setiap perubahan (pembetulan) wajib disertai alasan.',
      'This form has been marked entered: every change (correction) needs a reason.',
    ),
  }),
  locked: (): DbError => ({
    kind: 'locked',
    message: text('Formulir ini sudah final dan terkunci. Buka kembali dengan alasan untuk mengubahnya.', 'This form is final and locked. Reopen it with a reason to change it.'),
  }),
  wrongStatus: (status: TallyStatus, expected: TallyStatus[]): DbError => ({
    kind: 'wrong-status',
    status,
    expected,
    message: text(
      `Tidak bisa dilakukan saat status "${STATUS_LABELS[status].id}" (perlu: ${expected.map((s) => STATUS_LABELS[s].id).join(', ')}).`,
      `Not possible while the status is "${STATUS_LABELS[status].en}" (needs: ${expected.map((s) => STATUS_LABELS[s].en).join(', ')}).`,
    ),
  }),
  incomplete: (missing: FieldPath[]): DbError => ({
    kind: 'incomplete',
    missing,
    message: text(
      `Masih ada ${missing.length} kolom kosong; isi semua kolom (0 jika nol) sebelum selesai dientri.`,
      `${missing.length} cells are still empty; fill every cell (0 for zero) before marking entered.`,
    ),
  }),
  warningsUnaccepted: (findings: Finding[]): DbError => {
    const codes = codesOf(findings);
    return {
      kind: 'warnings-unaccepted',
      codes,
      findings,
      message: text(
        `Peringatan ${codes.join(', ')} harus diterima dengan alasan terlebih dahulu.`,
        `Warnings ${codes.join(', ')} must first be accepted with a reason.`,
      ),
    };
  },
  hasErrors: (findings: Finding[]): DbError => {
    const codes = codesOf(findings);
    return {
      kind: 'has-errors',
      codes,
      findings,
      message: text(
        `Masih ada kesalahan (${codes.join(', ')}); perbaiki dulu sebelum verifikasi/final.`,
        `Errors remain (${codes.join(', ')}); correct them before verification/finalisation.`,
      ),
    };
  },
  samePerson: (): DbError => ({
    kind: 'same-person',
    message: text(
      'Verifikasi harus dilakukan oleh orang lain, bukan petugas yang mengentri.',
      'Verification must be done by another person, not the one who entered the form.',
    ),
  }),
  setupMismatch: (): DbError => ({
    kind: 'setup-mismatch',
    message: text(
      'Setup ini untuk kecamatan lain, sedangkan perangkat ini sudah menyimpan data. Ekspor cadangan dan gunakan profil browser baru.',
      'This setup is for another kecamatan while this device already holds data. Export a backup and use a new browser profile.',
    ),
  }),
  invalidFile: (issues: InputIssue[]): DbError => ({
    kind: 'invalid-file',
    issues,
    message: text(
      `Berkas ditolak (${issues.length} masalah); tidak ada data yang disimpan.`,
      `File refused (${issues.length} problems); nothing was stored.`,
    ),
  }),
  wouldOverwrite: (): DbError => ({
    kind: 'would-overwrite',
    message: text(
      'Perangkat ini sudah berisi data lain. Pulihkan hanya dengan pilihan "ganti semua data".',
      'This device already holds other data. Restore only with the "replace all data" option.',
    ),
  }),
  corrupt: (key: string, issues: InputIssue[]): DbError => ({
    kind: 'corrupt',
    key,
    issues,
    message: text(`Data tersimpan ${key} rusak dan tidak bisa dibaca.`, `Stored data ${key} is damaged and cannot be read.`),
  }),
  warningNotOpen: (code: CheckCode): DbError => ({
    kind: 'warning-not-open',
    code,
    message: text(
      `Peringatan ${code} tidak lagi berlaku untuk formulir ini (angka sudah berubah); tidak ada yang disimpan.`,
      `Warning ${code} no longer applies to this form (the figures changed); nothing was stored.`,
    ),
  }),
  quota: (): DbError => ({ kind: 'quota', message: QUOTA_MESSAGE }),
  /**
   * A full browser storage while storing a photo: says which photo was not stored (the form, page,
   * size) and how to free space; the figures already typed are not touched by it.
   */
  photoQuota: (form: LocalizedText, page: number, bytes: number): DbError => {
    const kb = Math.ceil(bytes / 1024).toLocaleString('id-ID');
    const kbEn = Math.ceil(bytes / 1024).toLocaleString('en-US');
    return {
      kind: 'quota',
      message: text(
        `Penyimpanan perangkat penuh: foto halaman ${page} C.Hasil ${form.id} (${kb} kB) TIDAK tersimpan. Angka yang sudah dientri tetap aman. Kosongkan ruang: hapus foto yang tidak perlu di formulir lain, atau ekspor cadangan lalu hapus data situs lain di pengaturan browser (Pengaturan → Privasi → Data situs). Lihat Pengaturan → Penyimpanan untuk ruang yang terpakai.`,
        `Device storage is full: photo page ${page} of the C.Hasil ${form.en} (${kbEn} kB) was NOT stored. Figures already entered are safe. Free space: remove photos no longer needed on other forms, or export a backup and clear other sites' data in the browser settings (Settings → Privacy → Site data). Settings → Storage shows the space used.`,
      ),
    };
  },
  photoInvalid: (why: LocalizedText): DbError => ({ kind: 'photo-invalid', message: why }),
  photoDuplicate: (key: string, form: LocalizedText): DbError => ({
    kind: 'photo-duplicate',
    key,
    message: text(`Foto yang sama sudah dilampirkan pada ${form.id}; tidak disimpan lagi.`, `The same photo is already attached to ${form.en}; not stored again.`),
  }),
  /** The message is refusalText's: it names the record and the device's role. */
  workflowRefused: (refusal: Refusal, message: LocalizedText): DbError => ({ kind: 'workflow-refused', refusal, message }),
};
