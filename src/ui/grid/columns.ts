import { text, type LocalizedText } from '../../domain/common/text.ts';
import { fieldLabelText } from '../../domain/setup/lookup.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import { paperOrder, type FieldPath } from '../../domain/tally/fields.ts';

/** One figure column: its path, a header short enough for a three-digit column, and the full label. */
export interface GridColumn {
  path: FieldPath;
  short: LocalizedText;
  label: LocalizedText;
}

/** Consecutive columns under one header of the paper (A. DPT, II. Surat suara, …). */
export interface GridGroup {
  key: string;
  label: LocalizedText;
  columns: GridColumn[];
}

const GROUP_LABELS: Record<string, LocalizedText> = {
  'voters.dpt': text('A. DPT', 'A. DPT'),
  'voters.usedDpt': text('B.1 DPT', 'B.1 DPT'),
  'voters.usedDptb': text('B.2 DPTb', 'B.2 DPTb'),
  'voters.usedDpk': text('B.3 DPK', 'B.3 DPK'),
  'voters.usedTotal': text('B.4 Jumlah', 'B.4 Total'),
  ballots: text('II. Surat suara', 'II. Ballots'),
  disabled: text('III. Disabilitas', 'III. Disabled'),
  result: text('V. Suara', 'V. Votes'),
};

const VOTE_LABELS: Record<'PPWP' | 'DPD', LocalizedText> = {
  PPWP: text('IV. Paslon', 'IV. Pairs'),
  DPD: text('IV. Calon DPD', 'IV. DPD candidates'),
};

const GENDER: Record<string, LocalizedText> = { male: text('L', 'M'), female: text('P', 'F'), total: text('J', 'T') };
// The letters printed in section V: A sah, B tidak sah, C jumlah.
const RESULT: Record<string, LocalizedText> = { valid: text('A', 'A'), invalid: text('B', 'B'), total: text('C', 'C') };

function groupOf(path: FieldPath): string {
  const parts = path.split('.');
  if (parts[0] === 'voters') return `voters.${parts[1]}`;
  if (parts.length === 1) return 'result';
  return parts[0]!;
}

function shortOf(contest: ContestSetup, path: FieldPath, indexInGroup: number): LocalizedText {
  const parts = path.split('.');
  const last = parts[parts.length - 1]!;
  if (parts[0] === 'voters' || parts[0] === 'disabled') return GENDER[last] ?? text(last, last);
  if (parts[0] === 'votes') {
    // Pairs are called by their two-digit number, as on the ballot; DPD candidates by their number.
    const n = contest.id === 'PPWP' ? last.padStart(2, '0') : last;
    return text(n, n);
  }
  if (parts.length === 1) return RESULT[last] ?? text(last, last);
  // Ballots are numbered 1–4 on the paper (II.1 … II.4).
  return text(String(indexInGroup + 1), String(indexInGroup + 1));
}

/** The grid's columns: every figure of the form in paper order (the same order as the single form). */
export function gridColumns(contest: ContestSetup): GridGroup[] {
  const groups: GridGroup[] = [];
  for (const path of paperOrder(contest)) {
    const key = groupOf(path);
    let group = groups[groups.length - 1];
    if (!group || group.key !== key) {
      const label = key === 'votes' ? VOTE_LABELS[contest.id === 'PPWP' ? 'PPWP' : 'DPD'] : (GROUP_LABELS[key] ?? text(key, key));
      group = { key, label, columns: [] };
      groups.push(group);
    }
    group.columns.push({ path, short: shortOf(contest, path, group.columns.length), label: fieldLabelText(contest, path) });
  }
  return groups;
}
