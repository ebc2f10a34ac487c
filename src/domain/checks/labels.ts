import { formatNumber, type Language } from '../common/text.ts';
import type { ContestId } from '../tally/contest.ts';
import type { FieldPath } from '../tally/fields.ts';
import type { Figure, GenderColumn, VoterRow } from '../tally/tally.ts';

/**
 * Wording of the cells in check messages. Indonesian follows the printed C.Hasil form
 * (DPT, DPTb, DPK, surat suara, suara sah/tidak sah); these labels need no setup, so checks can
 * run on any tally. The entry form's richer labels (party names) come from setup's fieldLabel.
 */
type Words = Record<Language, string>;

export const ROW_LABEL: Record<VoterRow | 'disabled', Words> = {
  dpt: { id: 'A. Pemilih DPT', en: 'A. DPT voters' },
  usedDpt: { id: 'B.1 Pengguna hak pilih DPT', en: 'B.1 DPT voters who voted' },
  usedDptb: { id: 'B.2 Pengguna hak pilih DPTb', en: 'B.2 DPTb voters who voted' },
  usedDpk: { id: 'B.3 Pengguna hak pilih DPK', en: 'B.3 DPK voters who voted' },
  usedTotal: { id: 'B.4 Jumlah pengguna hak pilih', en: 'B.4 Total voters who voted' },
  disabled: { id: 'Pemilih disabilitas yang menggunakan hak pilih', en: 'Disabled voters who voted' },
};

/** L/P/J as printed on the form; spelled out in English. */
export const COLUMN_LABEL: Record<GenderColumn, Words> = {
  male: { id: 'L', en: 'male' },
  female: { id: 'P', en: 'female' },
  total: { id: 'J', en: 'total' },
};

export const BALLOT_LABEL = {
  received: { id: 'Surat suara diterima', en: 'Ballots received' },
  used: { id: 'Surat suara digunakan', en: 'Ballots used' },
  returned: { id: 'Surat suara dikembalikan (rusak/keliru coblos)', en: 'Ballots returned (damaged/miscast)' },
  unused: { id: 'Surat suara tidak digunakan', en: 'Unused ballots' },
} as const satisfies Record<string, Words>;

export const CONTEST_LABEL: Record<ContestId, Words> = {
  PPWP: { id: 'PPWP', en: 'PPWP' },
  DPR: { id: 'DPR', en: 'DPR' },
  DPD: { id: 'DPD', en: 'DPD' },
  DPRD_PROV: { id: 'DPRD Provinsi', en: 'DPRD (province)' },
  DPRD_KAB: { id: 'DPRD Kabupaten/Kota', en: 'DPRD (regency/city)' },
};

const SUMMARY_LABEL = {
  valid: { id: 'Jumlah suara sah', en: 'Valid votes' },
  invalid: { id: 'Jumlah suara tidak sah', en: 'Invalid votes' },
  total: { id: 'Jumlah suara sah dan tidak sah', en: 'Total votes (valid + invalid)' },
} as const satisfies Record<string, Words>;

/** A figure as quoted in a message; a not-entered cell reads "kosong"/"empty". */
export function fmt(value: Figure | undefined, lang: Language): string {
  if (value === null || value === undefined) return lang === 'id' ? 'kosong' : 'empty';
  return formatNumber(value, lang);
}

/** "A. Pemilih DPT L" / "A. DPT voters, male". */
export function voterCellLabel(row: VoterRow | 'disabled', column: GenderColumn, lang: Language): string {
  return lang === 'id'
    ? `${ROW_LABEL[row].id} ${COLUMN_LABEL[column].id}`
    : `${ROW_LABEL[row].en}, ${COLUMN_LABEL[column].en}`;
}

/**
 * A readable name for any field path of a tally (used by E11 and W06, which can concern any cell).
 * Only called when a finding is built, so parsing the path here costs nothing per keystroke.
 */
export function cellLabel(contest: ContestId, path: FieldPath, lang: Language): string {
  const parts = path.split('.');
  const [section, a, b, c] = parts;
  if (section === 'voters' && a !== undefined && b !== undefined && a in ROW_LABEL && b in COLUMN_LABEL) {
    return voterCellLabel(a as VoterRow, b as GenderColumn, lang);
  }
  if (section === 'disabled' && a !== undefined && a in COLUMN_LABEL) {
    return voterCellLabel('disabled', a as GenderColumn, lang);
  }
  if (section === 'ballots' && a !== undefined && a in BALLOT_LABEL) {
    return BALLOT_LABEL[a as keyof typeof BALLOT_LABEL][lang];
  }
  if (parts.length === 1 && section !== undefined && section in SUMMARY_LABEL) {
    return SUMMARY_LABEL[section as keyof typeof SUMMARY_LABEL][lang];
  }
  if (section === 'votes' && a !== undefined) {
    if (parts.length === 2) return choiceVotesLabel(contest, a, lang);
    if (b === 'partyOnly') return lang === 'id' ? `Partai ${a} — suara partai (A.1)` : `Party ${a} — party-only votes (A.1)`;
    if (b === 'total') return lang === 'id' ? `Partai ${a} — jumlah suara (B)` : `Party ${a} — total votes (B)`;
    if (b === 'candidates' && c !== undefined) {
      return lang === 'id' ? `Partai ${a} — calon ${c} (A.2)` : `Party ${a} — candidate ${c} (A.2)`;
    }
  }
  return path;
}

/** Votes of a PPWP pair or a DPD candidate. */
export function choiceVotesLabel(contest: ContestId, ballotNumber: string, lang: Language): string {
  if (contest === 'PPWP') return lang === 'id' ? `Suara paslon ${ballotNumber}` : `Votes for pair ${ballotNumber}`;
  return lang === 'id' ? `Suara calon ${ballotNumber}` : `Votes for candidate ${ballotNumber}`;
}
