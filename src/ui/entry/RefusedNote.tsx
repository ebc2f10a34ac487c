import { text, type Language, type LocalizedText } from '../../domain/common/text.ts';
import { REFUSAL_CODES, type RefusalCode } from '../../domain/workflow/index.ts';

/**
 * Issue 11: an audit entry whose edit the server's workflow refused (the server marks it with the
 * refusal code) is shown as refused, not as a change: a badge, the values struck through, and
 * "not applied" with the reason in words. Shared by a form's history and the kecamatan's Riwayat.
 * The reasons are short and name no record: the row already does (refusalText's full sentences
 * need the record's label and the actor, which a history row of another device does not have).
 */

const REASONS: Record<RefusalCode, LocalizedText> = {
  'read-only-role': text('peran perangkat ini tidak menulis angka formulir', "this device's role does not write form figures"),
  'other-panel': text('desa ini dikerjakan panel lain', 'the desa belongs to another panel'),
  'chair-only': text('hanya ketua PPK yang boleh melakukannya', 'only the PPK chair may do this'),
  'not-from-state': text('langkah ini tidak diizinkan dari status saat itu', 'this step was not allowed from the status at the time'),
  locked: text('formulir sudah final dan terkunci', 'the form was final and locked'),
  'desa-final': text('desa ini sudah ditetapkan final dan terkunci', 'the desa was finalised and locked'),
  'reason-required': text('langkah ini wajib disertai alasan', 'this step needs a reason'),
  incomplete: text('masih ada sel yang belum diisi', 'some cells were not entered'),
  'warnings-unaccepted': text('ada peringatan yang belum diterima dengan alasan', 'warnings were not accepted with a reason'),
  'open-errors': text('masih ada galat yang terbuka', 'errors were still open'),
  'same-person': text('verifikasi harus oleh orang lain daripada yang mengentri', 'verification must be by someone other than the person who entered it'),
  'verifier-missing': text('nama pemverifikasi tidak diisi', "the verifier's name was missing"),
  immutable: text('isian yang tidak boleh diubah ikut diubah', 'a field that may not change was changed'),
  'not-ready': text('belum dapat difinalkan', 'it could not be finalised yet'),
};

const isRefusalCode = (code: string): code is RefusalCode => (REFUSAL_CODES as readonly string[]).includes(code);

/**
 * The reason in words. A code this version does not know (a newer server) reads as a plain
 * refusal: never the raw code on an Indonesian screen; the English one names it for support.
 */
export function refusedReason(code: string, lang: Language): string {
  if (isRefusalCode(code)) return REASONS[code][lang];
  return lang === 'id' ? 'tidak diizinkan alur kerja rekapitulasi' : `not allowed by the recap workflow (${code})`;
}

const BADGE = text('Ditolak server', 'Refused by the server');
const NOT_APPLIED = text('Tidak diterapkan', 'Not applied');
const TITLE = text(
  'Perangkat ini mencatat perubahan ini, tetapi server menolaknya: perubahan ini tidak berlaku pada data.',
  'The device recorded this change, but the server refused it: it did not change the record.',
);

export function RefusedBadge(props: { lang: Language }) {
  return (
    <span className="entry-history-refused-badge" data-testid="refused-badge" title={TITLE[props.lang]}>
      {BADGE[props.lang]}
    </span>
  );
}

/** "Tidak diterapkan: <reason>." under the struck-through values. */
export function RefusedReason(props: { code: string; lang: Language }) {
  return (
    <p className="entry-history-refused-reason" data-testid="refused-reason">
      {NOT_APPLIED[props.lang]}: {refusedReason(props.code, props.lang)}.
    </p>
  );
}
