import { text, type Language, type LocalizedText } from '../common/text.ts';
import type { FieldPath } from '../tally/fields.ts';
import type { GenderColumn, VoterRow } from '../tally/tally.ts';
import { partyLabel } from './rules.ts';
import type { ContestSetup } from './schema.ts';

/*
 * Accessible labels of the C.Hasil cells, worded after the printed form (Model C.HASIL, PKPU 25/2023):
 * a clerk hears the same words the reader calls out. Every label is unique within a contest's form
 * (parties are told apart by their short names, which validateSetup keeps distinct).
 */

const VOTER_ROW_LABELS: Record<VoterRow, LocalizedText> = {
  dpt: text('A. Jumlah pemilih dalam DPT', 'A. Voters on the DPT (permanent list)'),
  usedDpt: text('B.1 Pengguna hak pilih dalam DPT', 'B.1 DPT voters who voted'),
  usedDptb: text('B.2 Pengguna hak pilih dalam DPTb', 'B.2 DPTb (transferred-in) voters who voted'),
  usedDpk: text('B.3 Pengguna hak pilih dalam DPK', 'B.3 DPK (unlisted) voters who voted'),
  usedTotal: text('B.4 Jumlah pengguna hak pilih', 'B.4 Total voters who voted'),
};

const COLUMN_LABELS: Record<GenderColumn, LocalizedText> = {
  male: text('Laki-laki (L)', 'Male (L)'),
  female: text('Perempuan (P)', 'Female (P)'),
  total: text('Jumlah (L+P)', 'Total (L+P)'),
};

const BALLOT_LABELS: Record<string, LocalizedText> = {
  received: text('II.1 Surat suara diterima', 'II.1 Ballots received'),
  used: text('II.2 Surat suara digunakan', 'II.2 Ballots used'),
  returned: text('II.3 Surat suara dikembalikan (rusak/keliru coblos)', 'II.3 Ballots returned (damaged/miscast)'),
  unused: text('II.4 Surat suara tidak digunakan', 'II.4 Ballots unused'),
};

const DISABLED_LABEL = text('III. Pemilih disabilitas yang menggunakan hak pilih', 'III. Disabled voters who voted');

const RESULT_LABELS: Record<string, LocalizedText> = {
  valid: text('V.A Jumlah suara sah', 'V.A Valid votes'),
  invalid: text('V.B Jumlah suara tidak sah', 'V.B Invalid votes'),
  total: text('V.C Jumlah suara sah dan tidak sah', 'V.C Total valid and invalid votes'),
};

const withColumn = (row: LocalizedText, column: LocalizedText): LocalizedText =>
  text(`${row.id} — ${column.id}`, `${row.en} — ${column.en}`);

const isColumn = (key: string | undefined): key is GenderColumn => key !== undefined && Object.hasOwn(COLUMN_LABELS, key);

function voteLabel(contest: ContestSetup, parts: readonly string[]): LocalizedText | undefined {
  const [choice, kind, candidate] = parts;
  if (choice === undefined) return undefined;
  switch (contest.id) {
    case 'PPWP':
      // Pairs are called by their two-digit number ("paslon 02"), as on ballots and in the news.
      return parts.length === 1 ? text(`Paslon ${choice.padStart(2, '0')}`, `Pair ${choice.padStart(2, '0')}`) : undefined;
    case 'DPD':
      return parts.length === 1 ? text(`Calon DPD ${choice}`, `DPD candidate ${choice}`) : undefined;
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB': {
      const party = contest.parties.find((p) => String(p.number) === choice);
      const name = party ? partyLabel(party) : undefined;
      const id = name ?? `Partai ${choice}`;
      const en = name ?? `Party ${choice}`;
      if (kind === 'partyOnly' && parts.length === 2) return text(`${id} — suara partai (A.1)`, `${en} — party votes (A.1)`);
      if (kind === 'total' && parts.length === 2) return text(`${id} — jumlah (B)`, `${en} — total (B)`);
      if (kind === 'candidates' && candidate !== undefined && parts.length === 3) {
        return text(`${id} — calon ${candidate}`, `${en} — candidate ${candidate}`);
      }
      return undefined;
    }
  }
}

/** Both languages' label of one cell; unknown paths fall back to the path itself (never throws). */
export function fieldLabelText(contest: ContestSetup, path: FieldPath): LocalizedText {
  const parts = path.split('.');
  const [head, second, third] = parts;
  let label: LocalizedText | undefined;
  if (head === 'voters' && second !== undefined && Object.hasOwn(VOTER_ROW_LABELS, second) && isColumn(third) && parts.length === 3) {
    label = withColumn(VOTER_ROW_LABELS[second as VoterRow], COLUMN_LABELS[third]);
  } else if (head === 'ballots' && second !== undefined && parts.length === 2) {
    label = BALLOT_LABELS[second];
  } else if (head === 'disabled' && isColumn(second) && parts.length === 2) {
    label = withColumn(DISABLED_LABEL, COLUMN_LABELS[second]);
  } else if (head === 'votes') {
    label = voteLabel(contest, parts.slice(1));
  } else if (head !== undefined && parts.length === 1) {
    label = RESULT_LABELS[head];
  }
  return label ?? text(path, path);
}

export function fieldLabel(contest: ContestSetup, path: FieldPath, lang: Language): string {
  return fieldLabelText(contest, path)[lang];
}
