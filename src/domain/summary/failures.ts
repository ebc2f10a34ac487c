import { cellLabel, fmt } from '../checks/labels.ts';
import { CONTEST_LABELS } from '../labels/contests.ts';
import type { DesaCode, TpsCode } from '../codes/codes.ts';
import { formatNumber, text, type Language, type LocalizedText } from '../common/text.ts';
import { assertNever, CONTEST_IDS, type ContestId } from '../tally/contest.ts';
import type { FieldPath } from '../tally/fields.ts';
import type { Figure } from '../tally/tally.ts';
import type { ChangedFigure } from './treeCheck.ts';

export type SummaryLevel = 'desa' | 'kecamatan';
export type TpsListField = 'tpsUnverified' | 'tpsMissing';

/**
 * Why a summary is not valid. Each names exactly where: contest, level, desa, TPS and figure path,
 * with the stated and the recomputed value. The union is exhaustive (failureText switches on it).
 */
export type SummaryFailure =
  /** The signature does not match the file under the signer's key: something changed after signing. */
  | { kind: 'signature-invalid' }
  /** The stated fingerprint is not the signer key's (a swapped key, or an edited signer block). */
  | { kind: 'fingerprint-mismatch'; stated: string; computed: string }
  /** A trusted server key was given but the summary carries no attestation. */
  | { kind: 'attestation-missing' }
  | { kind: 'attestation-signature-invalid' }
  /** The attestation is signed by a server other than the trusted one. */
  | { kind: 'attestation-untrusted'; serverFingerprint: string; trustedFingerprint: string }
  /** The attested device key is not the key that signed the summary. */
  | { kind: 'attestation-key-mismatch' }
  | { kind: 'attestation-scope-mismatch'; field: 'kecamatan' | 'role'; attested: string; stated: string }
  /** Contests must come in counting order, each once. */
  | { kind: 'contest-order'; contest: ContestId; previous: ContestId }
  | { kind: 'desa-order'; contest: ContestId; desa: DesaCode; previous: DesaCode }
  | { kind: 'desa-outside-kecamatan'; contest: ContestId; desa: DesaCode }
  | { kind: 'tps-order'; contest: ContestId; desa: DesaCode; tps: TpsCode; previous: TpsCode }
  | { kind: 'tps-outside-desa'; contest: ContestId; desa: DesaCode; tps: TpsCode }
  /** Figures of another contest filed under this one. */
  | { kind: 'contest-mismatch'; contest: ContestId; where: string; found: ContestId }
  | {
      kind: 'total-mismatch';
      contest: ContestId;
      level: SummaryLevel;
      /** The desa (for level desa); null for the kecamatan. */
      desa: DesaCode | null;
      desaName: string | null;
      path: FieldPath;
      stated: Figure;
      recomputed: Figure;
      /** How many TPS the recomputed sum adds up. */
      tpsCount: number;
      /** TPS of the area whose own checks flag this figure: where to look first. */
      suspects: TpsCode[];
    }
  /** The number of TPS counted (tpsIncluded) is not the number of TPS whose figures are listed. */
  | { kind: 'count-mismatch'; contest: ContestId; level: SummaryLevel; desa: DesaCode | null; stated: number; recomputed: number }
  /** A list of TPS (missing, unverified) differs from the recomputed one: who is left out, who is extra. */
  | {
      kind: 'list-mismatch';
      contest: ContestId;
      level: SummaryLevel;
      desa: DesaCode | null;
      field: TpsListField;
      /** Recomputed but not in the stated list. */
      notListed: TpsCode[];
      /** In the stated list but not recomputed. */
      wronglyListed: TpsCode[];
    }
  | { kind: 'tps-missing-and-included'; contest: ContestId; desa: DesaCode; tps: TpsCode }
  /** Only when the verifier supplies a setup: the summary was made with another one. */
  | { kind: 'setup-hash-mismatch'; stated: string; computed: string }
  | { kind: 'tps-not-in-setup'; contest: ContestId; tps: TpsCode }
  /**
   * v2: the TPS entry no longer hashes to its leaf, which the signed root covers: it was changed after
   * signing. `figures`: the changed figures, when the signed desa total tells them (treeCheck.ts).
   */
  | { kind: 'tps-leaf-mismatch'; contest: ContestId; desa: DesaCode; tps: TpsCode; figures: ChangedFigure[] }
  /** v2: the entries' stated leaves do not make the signed tree (root or number of leaves). */
  | { kind: 'tree-mismatch'; statedSize: number; leaves: number };

export type SummaryFailureKind = SummaryFailure['kind'];

const contestName = (c: ContestId, lang: Language) => CONTEST_LABELS[c][lang];
const contestOrder = (lang: Language) => CONTEST_IDS.map((c) => CONTEST_LABELS[c][lang]).join(', ');
const list = (codes: readonly string[]) => (codes.length === 0 ? '—' : codes.join(', '));

function areaText(f: { level: SummaryLevel; desa: DesaCode | null; desaName?: string | null }): LocalizedText {
  if (f.level === 'kecamatan' || f.desa === null) return text('kecamatan', 'kecamatan');
  const name = f.desaName ? `${f.desaName} (${f.desa})` : f.desa;
  return text(`desa ${name}`, `desa ${name}`);
}

const listName: Record<TpsListField, LocalizedText> = {
  tpsUnverified: text('daftar TPS belum diverifikasi', 'list of unverified TPS'),
  tpsMissing: text('daftar TPS yang belum masuk', 'list of missing TPS'),
};

/** One sentence per failure, quoting codes and figures (numbers formatted per language). */
export function failureText(f: SummaryFailure): LocalizedText {
  switch (f.kind) {
    case 'signature-invalid':
      return text(
        'Tanda tangan tidak cocok dengan isi berkas: berkas diubah setelah ditandatangani, atau ditandatangani dengan kunci lain.',
        'The signature does not match the file: it was changed after signing, or signed with another key.',
      );
    case 'fingerprint-mismatch':
      return text(
        `Sidik jari penanda tangan tertulis ${f.stated}, tetapi kunci publiknya bersidik jari ${f.computed}.`,
        `The signer's fingerprint reads ${f.stated}, but its public key's fingerprint is ${f.computed}.`,
      );
    case 'attestation-missing':
      return text(
        'Tidak ada pengesahan server: tidak terbukti bahwa perangkat penanda tangan terdaftar di server tepercaya.',
        'No server attestation: nothing shows that the signing device is enrolled with the trusted server.',
      );
    case 'attestation-signature-invalid':
      return text(
        'Tanda tangan pengesahan server tidak sah: pengesahan diubah atau dipalsukan.',
        "The server attestation's signature is invalid: the attestation was changed or forged.",
      );
    case 'attestation-untrusted':
      return text(
        `Pengesahan ditandatangani server bersidik jari ${f.serverFingerprint}, bukan server tepercaya ${f.trustedFingerprint}.`,
        `The attestation is signed by server ${f.serverFingerprint}, not by the trusted server ${f.trustedFingerprint}.`,
      );
    case 'attestation-key-mismatch':
      return text(
        'Pengesahan server berlaku untuk kunci perangkat lain, bukan kunci yang menandatangani ringkasan ini.',
        "The server attestation is for another device's key, not the key that signed this summary.",
      );
    case 'attestation-scope-mismatch':
      return f.field === 'kecamatan'
        ? text(
            `Pengesahan berlaku untuk kecamatan ${f.attested}, tetapi ringkasan untuk kecamatan ${f.stated}.`,
            `The attestation is for kecamatan ${f.attested}, but the summary is for kecamatan ${f.stated}.`,
          )
        : text(
            `Pengesahan memberi perangkat peran ${f.attested}, tetapi penanda tangan mengaku ${f.stated}.`,
            `The attestation gives the device the role ${f.attested}, but the signer claims ${f.stated}.`,
          );
    case 'contest-order':
      return text(
        `Jenis pemilihan ${contestName(f.contest, 'id')} muncul setelah ${contestName(f.previous, 'id')}: urutan harus ${contestOrder('id')}, masing-masing sekali.`,
        `Contest ${contestName(f.contest, 'en')} comes after ${contestName(f.previous, 'en')}: the order must be ${contestOrder('en')}, each once.`,
      );
    case 'desa-order':
      return text(
        `${contestName(f.contest, 'id')}: desa ${f.desa} muncul setelah ${f.previous}; desa harus terurut menurut kode, masing-masing sekali.`,
        `${contestName(f.contest, 'en')}: desa ${f.desa} comes after ${f.previous}; desa must be sorted by code, each once.`,
      );
    case 'desa-outside-kecamatan':
      return text(
        `${contestName(f.contest, 'id')}: desa ${f.desa} bukan bagian dari kecamatan ringkasan ini.`,
        `${contestName(f.contest, 'en')}: desa ${f.desa} is not in this summary's kecamatan.`,
      );
    case 'tps-order':
      return text(
        `${contestName(f.contest, 'id')}, desa ${f.desa}: TPS ${f.tps} muncul setelah TPS ${f.previous}; TPS harus terurut menurut kode, masing-masing sekali (urutan TPS diubah?).`,
        `${contestName(f.contest, 'en')}, desa ${f.desa}: TPS ${f.tps} comes after TPS ${f.previous}; TPS must be sorted by code, each once (were TPS reordered?).`,
      );
    case 'tps-outside-desa':
      return text(
        `${contestName(f.contest, 'id')}: TPS ${f.tps} tercantum di desa ${f.desa}, padahal bukan TPS desa itu.`,
        `${contestName(f.contest, 'en')}: TPS ${f.tps} is listed under desa ${f.desa}, which it does not belong to.`,
      );
    case 'contest-mismatch':
      return text(
        `${contestName(f.contest, 'id')}: angka ${f.where} adalah angka ${contestName(f.found, 'id')}.`,
        `${contestName(f.contest, 'en')}: the figures of ${f.where} are ${contestName(f.found, 'en')} figures.`,
      );
    case 'total-mismatch': {
      const area = areaText(f);
      const suspects = (lang: Language) =>
        f.suspects.length === 0
          ? ''
          : lang === 'id'
            ? ` Periksa TPS ${f.suspects.join(', ')} (pemeriksaannya menandai angka ini).`
            : ` Check TPS ${f.suspects.join(', ')} (their own checks flag this figure).`;
      return text(
        `${contestName(f.contest, 'id')}, ${area.id}, ${cellLabel(f.contest, f.path, 'id')} (${f.path}): tertulis ${fmt(f.stated, 'id')}, hitung ulang dari ${formatNumber(f.tpsCount, 'id')} TPS ${fmt(f.recomputed, 'id')}.${suspects('id')}`,
        `${contestName(f.contest, 'en')}, ${area.en}, ${cellLabel(f.contest, f.path, 'en')} (${f.path}): stated ${fmt(f.stated, 'en')}, recomputed from ${formatNumber(f.tpsCount, 'en')} TPS ${fmt(f.recomputed, 'en')}.${suspects('en')}`,
      );
    }
    case 'count-mismatch': {
      const area = areaText(f);
      return text(
        `${contestName(f.contest, 'id')}, ${area.id}: tertulis ${formatNumber(f.stated, 'id')} TPS dihitung, padahal angka ${formatNumber(f.recomputed, 'id')} TPS yang tercantum.`,
        `${contestName(f.contest, 'en')}, ${area.en}: states ${formatNumber(f.stated, 'en')} TPS counted, but the figures of ${formatNumber(f.recomputed, 'en')} TPS are listed.`,
      );
    }
    case 'list-mismatch': {
      const area = areaText(f);
      const what = listName[f.field];
      const parts = (lang: Language) => {
        const out: string[] = [];
        if (f.notListed.length > 0) out.push(lang === 'id' ? `tidak tercantum: ${list(f.notListed)}` : `not listed: ${list(f.notListed)}`);
        if (f.wronglyListed.length > 0) out.push(lang === 'id' ? `tercantum tanpa alasan: ${list(f.wronglyListed)}` : `listed wrongly: ${list(f.wronglyListed)}`);
        if (out.length === 0) out.push(lang === 'id' ? 'urutan tidak menurut kode atau ada yang ganda' : 'not sorted by code, or listed twice');
        return out.join('; ');
      };
      return text(`${contestName(f.contest, 'id')}, ${area.id}, ${what.id}: ${parts('id')}.`, `${contestName(f.contest, 'en')}, ${area.en}, ${what.en}: ${parts('en')}.`);
    }
    case 'tps-missing-and-included':
      return text(
        `${contestName(f.contest, 'id')}, desa ${f.desa}: TPS ${f.tps} tercantum sebagai belum masuk sekaligus dihitung.`,
        `${contestName(f.contest, 'en')}, desa ${f.desa}: TPS ${f.tps} is listed as missing and also counted.`,
      );
    case 'setup-hash-mismatch':
      return text(
        `Ringkasan dibuat dengan setup lain (hash ${f.stated.slice(0, 16)}…, setup ini ${f.computed.slice(0, 16)}…).`,
        `The summary was made with another setup (hash ${f.stated.slice(0, 16)}…, this setup ${f.computed.slice(0, 16)}…).`,
      );
    case 'tps-not-in-setup':
      return text(
        `${contestName(f.contest, 'id')}: TPS ${f.tps} tidak ada dalam setup.`,
        `${contestName(f.contest, 'en')}: TPS ${f.tps} is not in the setup.`,
      );
    case 'tps-leaf-mismatch':
      return leafMismatchText(f);
    case 'tree-mismatch':
      return text(
        `Daftar hash daun (${formatNumber(f.leaves, 'id')} TPS) tidak menghasilkan akar pohon yang ditandatangani (${formatNumber(f.statedSize, 'id')} daun): angka TPS beserta hash daunnya diubah setelah penandatanganan.`,
        `The entries' leaf hashes (${formatNumber(f.leaves, 'en')} TPS) do not make the signed tree root (${formatNumber(f.statedSize, 'en')} leaves): TPS figures were changed after signing, their leaf hashes too.`,
      );
    default:
      return assertNever(f);
  }
}

function leafMismatchText(f: Extract<SummaryFailure, { kind: 'tps-leaf-mismatch' }>): LocalizedText {
  const figures = (lang: Language) =>
    f.figures
      .map((c) => {
        const label = `${cellLabel(f.contest, c.path, lang)} (${c.path})`;
        const signed = c.signed === undefined ? '' : lang === 'id' ? `, yang ditandatangani ${fmt(c.signed, lang)}` : `, signed ${fmt(c.signed, lang)}`;
        return lang === 'id' ? `${label} sekarang ${fmt(c.now, lang)}${signed}` : `${label} now ${fmt(c.now, lang)}${signed}`;
      })
      .join('; ');
  const detail = (lang: Language) => (f.figures.length === 0 ? '' : `: ${figures(lang)}`);
  return text(
    `${contestName(f.contest, 'id')}, TPS ${f.tps} (desa ${f.desa}): angkanya bukan yang ditandatangani (hash daunnya tidak cocok)${detail('id')}.`,
    `${contestName(f.contest, 'en')}, TPS ${f.tps} (desa ${f.desa}): its figures are not the signed ones (its leaf hash does not match)${detail('en')}.`,
  );
}
