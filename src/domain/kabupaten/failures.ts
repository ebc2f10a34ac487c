import { CONTEST_LABELS } from '../labels/contests.ts';
import type { TpsCode } from '../codes/codes.ts';
import { formatNumber, text, type LocalizedText } from '../common/text.ts';
import { confirmFailureText, failureText, readFailureText, type ConfirmFailure, type SummaryFailure, type SummaryReadFailure } from '../summary/index.ts';
import { assertNever, type ContestId } from '../tally/contest.ts';
import type { TallyStatus } from '../tally/tally.ts';

/**
 * Why the kabupaten level refuses a kecamatan summary. Every refusal is reported; nothing is
 * summed "for now" and corrected later, because a kabupaten total is only as good as its weakest part.
 */
export type AdmissionFailure =
  | { kind: 'unreadable'; failure: SummaryReadFailure }
  | { kind: 'other-kabupaten'; stated: string; expected: string }
  /** The importer holds no setup for the kecamatan, so it cannot recompute or know its ballots. */
  | { kind: 'unknown-kecamatan'; kecamatan: string }
  | { kind: 'verification-failed'; failures: SummaryFailure[] }
  /** D.Hasil summaries are signed by the PPK chair's device; a clerk's or witness's is not one. */
  | { kind: 'signer-not-chair'; role: string }
  | { kind: 'hash-groups'; failures: ConfirmFailure[] }
  | { kind: 'contest-not-in-setup'; contest: ContestId }
  /** Not final: TPS of the setup absent from the summary, or present but not finalised. */
  | { kind: 'not-final'; contest: ContestId; missing: TpsCode[]; notFinal: { tps: TpsCode; status: TallyStatus }[] }
  /** The audit head the file names is not in the signer's chain on this server (not synced yet, or a chain the server never took). */
  | { kind: 'audit-head-unknown'; auditHead: string }
  /** Another summary already counts for this kecamatan × contest; only an explicit replacement takes its place. */
  | { kind: 'duplicate'; kecamatan: string; contest: ContestId; existingHash: string; importedAt: string };

export type AdmissionFailureKind = AdmissionFailure['kind'];

const first = (codes: readonly string[], n = 5) => (codes.length <= n ? codes.join(', ') : `${codes.slice(0, n).join(', ')} …`);

export function admissionFailureText(f: AdmissionFailure): LocalizedText {
  switch (f.kind) {
    case 'unreadable': {
      const inner = readFailureText(f.failure);
      return text(`Berkas tidak terbaca: ${inner.id}`, `The file cannot be read: ${inner.en}`);
    }
    case 'other-kabupaten':
      return text(
        `Ringkasan ini untuk kabupaten ${f.stated}, bukan kabupaten ${f.expected}.`,
        `This summary is for kabupaten ${f.stated}, not kabupaten ${f.expected}.`,
      );
    case 'unknown-kecamatan':
      return text(
        `Kecamatan ${f.kecamatan} tidak terdaftar di server ini (setupnya tidak ada), jadi ringkasannya tidak bisa diperiksa.`,
        `Kecamatan ${f.kecamatan} is not on this server (no setup), so its summary cannot be checked.`,
      );
    case 'verification-failed': {
      const texts = f.failures.map(failureText);
      const more = (n: number) => (texts.length > n ? texts.length - n : 0);
      const shown = texts.slice(0, 3);
      const restId = more(3) > 0 ? ` (dan ${formatNumber(more(3), 'id')} kesalahan lain)` : '';
      const restEn = more(3) > 0 ? ` (and ${formatNumber(more(3), 'en')} more)` : '';
      return text(
        `Ringkasan gagal verifikasi: ${shown.map((t) => t.id).join(' ')}${restId}`,
        `The summary fails verification: ${shown.map((t) => t.en).join(' ')}${restEn}`,
      );
    }
    case 'signer-not-chair':
      return text(
        `Ringkasan ditandatangani perangkat berperan ${f.role}; hanya ringkasan dari perangkat ketua PPK yang diterima.`,
        `The summary is signed by a ${f.role} device; only summaries signed by the PPK chair's device are accepted.`,
      );
    case 'hash-groups': {
      const texts = f.failures.map(confirmFailureText);
      return text(texts.map((t) => t.id).join(' '), texts.map((t) => t.en).join(' '));
    }
    case 'contest-not-in-setup':
      return text(
        `Jenis pemilihan ${CONTEST_LABELS[f.contest].id} tidak ada dalam setup kecamatan ini.`,
        `Contest ${CONTEST_LABELS[f.contest].en} is not in this kecamatan's setup.`,
      );
    case 'not-final': {
      const c = CONTEST_LABELS[f.contest];
      const partsId: string[] = [];
      const partsEn: string[] = [];
      if (f.missing.length > 0) {
        partsId.push(`${formatNumber(f.missing.length, 'id')} TPS belum masuk (${first(f.missing)})`);
        partsEn.push(`${formatNumber(f.missing.length, 'en')} TPS missing (${first(f.missing)})`);
      }
      if (f.notFinal.length > 0) {
        const list = first(f.notFinal.map((t) => `${t.tps}: ${t.status}`));
        partsId.push(`${formatNumber(f.notFinal.length, 'id')} TPS belum final (${list})`);
        partsEn.push(`${formatNumber(f.notFinal.length, 'en')} TPS not final (${list})`);
      }
      return text(
        `${c.id}: ringkasan belum final — ${partsId.join('; ')}. Hanya hasil yang sudah difinalisasi PPK yang dijumlahkan.`,
        `${c.en}: the summary is not final — ${partsEn.join('; ')}. Only results the PPK has finalised are summed.`,
      );
    }
    case 'audit-head-unknown':
      return text(
        `Riwayat audit yang dinamai ringkasan ini (kepala rantai ${f.auditHead.slice(0, 16)}…) belum ada di server ini. Sinkronkan laptop yang menandatanganinya, lalu impor lagi; bila tetap ditolak, riwayat perangkat itu tidak diterima server.`,
        `The audit history this summary names (chain head ${f.auditHead.slice(0, 16)}…) is not on this server. Sync the laptop that signed it, then import again; if it is still refused, the server never accepted that device's history.`,
      );
    case 'duplicate':
      return text(
        `Kecamatan ${f.kecamatan}, ${CONTEST_LABELS[f.contest].id}: sudah ada ringkasan lain (hash ${f.existingHash.slice(0, 16)}…, diimpor ${f.importedAt}). Pilih "ganti" untuk menggantinya; yang lama tetap tersimpan dalam riwayat.`,
        `Kecamatan ${f.kecamatan}, ${CONTEST_LABELS[f.contest].en}: another summary is already counted (hash ${f.existingHash.slice(0, 16)}…, imported ${f.importedAt}). Choose "replace" to replace it; the old one stays in the history.`,
      );
    default:
      return assertNever(f);
  }
}

/** All refusals in one sentence pair (for an HTTP error message or a CLI line). */
export function admissionFailuresText(failures: readonly AdmissionFailure[]): LocalizedText {
  const texts = failures.map(admissionFailureText);
  return text(texts.map((t) => t.id).join(' '), texts.map((t) => t.en).join(' '));
}
