import { text, type LocalizedText } from '../common/text.ts';
import type { GenderColumn, VoterRow } from '../tally/tally.ts';

/*
 * The words of the C.Hasil cells, after the printed form (Model C.HASIL, PKPU 25/2023): the one
 * catalogue for the entry form's accessible labels, the D.Hasil print, the checks' messages, the
 * grid and the CLI. Each row has the label printed on the form ("A. Jumlah pemilih dalam DPT") and
 * the shorter words a sentence quotes it by ("A. Pemilih DPT L (146) + P (138) ≠ J (285)").
 */

export type BallotRow = 'received' | 'used' | 'returned' | 'unused';
export type ResultRow = 'valid' | 'invalid' | 'total';

/** Section I rows as printed. */
export const VOTER_ROW_LABELS: Record<VoterRow, LocalizedText> = {
  dpt: text('A. Jumlah pemilih dalam DPT', 'A. Voters on the DPT (permanent list)'),
  usedDpt: text('B.1 Pengguna hak pilih dalam DPT', 'B.1 DPT voters who voted'),
  usedDptb: text('B.2 Pengguna hak pilih dalam DPTb', 'B.2 DPTb (transferred-in) voters who voted'),
  usedDpk: text('B.3 Pengguna hak pilih dalam DPK', 'B.3 DPK (unlisted) voters who voted'),
  usedTotal: text('B.4 Jumlah pengguna hak pilih', 'B.4 Total voters who voted'),
};

/** Section I and III rows as a sentence quotes them. */
export const VOTER_ROW_WORDS: Record<VoterRow | 'disabled', LocalizedText> = {
  dpt: text('A. Pemilih DPT', 'A. DPT voters'),
  usedDpt: text('B.1 Pengguna hak pilih DPT', 'B.1 DPT voters who voted'),
  usedDptb: text('B.2 Pengguna hak pilih DPTb', 'B.2 DPTb voters who voted'),
  usedDpk: text('B.3 Pengguna hak pilih DPK', 'B.3 DPK voters who voted'),
  usedTotal: text('B.4 Jumlah pengguna hak pilih', 'B.4 Total voters who voted'),
  disabled: text('Pemilih disabilitas yang menggunakan hak pilih', 'Disabled voters who voted'),
};

/** L / P / J columns as printed. */
export const COLUMN_LABELS: Record<GenderColumn, LocalizedText> = {
  male: text('Laki-laki (L)', 'Male (L)'),
  female: text('Perempuan (P)', 'Female (P)'),
  total: text('Jumlah (L+P)', 'Total (L+P)'),
};

/** L / P / J as a sentence quotes them (the form's letters; spelled out in English). */
export const COLUMN_LETTERS: Record<GenderColumn, LocalizedText> = {
  male: text('L', 'male'),
  female: text('P', 'female'),
  total: text('J', 'total'),
};

/** Section II rows as printed. */
export const BALLOT_LABELS: Record<BallotRow, LocalizedText> = {
  received: text('II.1 Surat suara diterima', 'II.1 Ballots received'),
  used: text('II.2 Surat suara digunakan', 'II.2 Ballots used'),
  returned: text('II.3 Surat suara dikembalikan (rusak/keliru coblos)', 'II.3 Ballots returned (damaged/miscast)'),
  unused: text('II.4 Surat suara tidak digunakan', 'II.4 Ballots unused'),
};

/** Section II rows as a sentence quotes them. */
export const BALLOT_WORDS: Record<BallotRow, LocalizedText> = {
  received: text('Surat suara diterima', 'Ballots received'),
  used: text('Surat suara digunakan', 'Ballots used'),
  returned: text('Surat suara dikembalikan (rusak/keliru coblos)', 'Ballots returned (damaged/miscast)'),
  unused: text('Surat suara tidak digunakan', 'Unused ballots'),
};

/** Section III as printed. */
export const DISABLED_LABEL = text('III. Pemilih disabilitas yang menggunakan hak pilih', 'III. Disabled voters who voted');

/** Section V rows as printed. */
export const RESULT_LABELS: Record<ResultRow, LocalizedText> = {
  valid: text('V.A Jumlah suara sah', 'V.A Valid votes'),
  invalid: text('V.B Jumlah suara tidak sah', 'V.B Invalid votes'),
  total: text('V.C Jumlah suara sah dan tidak sah', 'V.C Total valid and invalid votes'),
};

/** Section V rows as a sentence quotes them. */
export const RESULT_WORDS: Record<ResultRow, LocalizedText> = {
  valid: text('Jumlah suara sah', 'Valid votes'),
  invalid: text('Jumlah suara tidak sah', 'Invalid votes'),
  total: text('Jumlah suara sah dan tidak sah', 'Total votes (valid + invalid)'),
};

/** Column headers of a narrow totals table (the CLI's D.Hasil): the totals (J) and section V. */
export const TOTALS_HEADERS = {
  dpt: text('DPT (J)', 'DPT (J)'),
  voted: text('B.4 (J)', 'B.4 (J)'),
  valid: text('Sah', 'Valid'),
  invalid: text('Tdk sah', 'Invalid'),
  total: text('Jumlah', 'Total'),
} as const satisfies Record<string, LocalizedText>;

/** A PPWP pair by its two-digit ballot number, as on ballots and in the news: "Paslon 02". */
export const pairLabel = (choice: string): LocalizedText => text(`Paslon ${choice.padStart(2, '0')}`, `Pair ${choice.padStart(2, '0')}`);

/** A DPD candidate by ballot number. */
export const dpdCandidateLabel = (choice: string): LocalizedText => text(`Calon DPD ${choice}`, `DPD candidate ${choice}`);

/** A party's rows (A.1 party-only votes, a candidate, B total) after the party's short name or number. */
export const partyRowLabels = (party: LocalizedText) => ({
  partyOnly: text(`${party.id} — suara partai (A.1)`, `${party.en} — party votes (A.1)`),
  total: text(`${party.id} — jumlah (B)`, `${party.en} — total (B)`),
  candidate: (n: string) => text(`${party.id} — calon ${n}`, `${party.en} — candidate ${n}`),
});

/** "A. Jumlah pemilih dalam DPT — Laki-laki (L)": a row of section I/III with its column. */
export const withColumn = (row: LocalizedText, column: LocalizedText): LocalizedText => text(`${row.id} — ${column.id}`, `${row.en} — ${column.en}`);
