import { text, type Language, type LocalizedText } from '../common/text.ts';
import {
  BALLOT_LABELS,
  COLUMN_LABELS,
  DISABLED_LABEL,
  dpdCandidateLabel,
  pairLabel,
  partyRowLabels,
  RESULT_LABELS,
  VOTER_ROW_LABELS,
  withColumn,
} from '../labels/cells.ts';
import type { FieldPath } from '../tally/fields.ts';
import type { VoterRow } from '../tally/tally.ts';
import { partyLabel } from './rules.ts';
import type { ContestSetup } from './schema.ts';

/*
 * Accessible labels of the C.Hasil cells, in the words of the label catalogue
 * (src/domain/labels/cells.ts): a clerk hears the same words the reader calls out. Every label is
 * unique within a contest's form (parties are told apart by their short names, which
 * validateSetup keeps distinct).
 */

const has = <K extends string>(table: Record<K, unknown>, key: string | undefined): key is K => key !== undefined && Object.hasOwn(table, key);

function voteLabel(contest: ContestSetup, parts: readonly string[]): LocalizedText | undefined {
  const [choice, kind, candidate] = parts;
  if (choice === undefined) return undefined;
  switch (contest.id) {
    case 'PPWP':
      return parts.length === 1 ? pairLabel(choice) : undefined;
    case 'DPD':
      return parts.length === 1 ? dpdCandidateLabel(choice) : undefined;
    case 'DPR':
    case 'DPRD_PROV':
    case 'DPRD_KAB': {
      const party = contest.parties.find((p) => String(p.number) === choice);
      const name = party ? partyLabel(party) : undefined;
      const rows = partyRowLabels(name ? text(name, name) : text(`Partai ${choice}`, `Party ${choice}`));
      if (kind === 'partyOnly' && parts.length === 2) return rows.partyOnly;
      if (kind === 'total' && parts.length === 2) return rows.total;
      if (kind === 'candidates' && candidate !== undefined && parts.length === 3) return rows.candidate(candidate);
      return undefined;
    }
  }
}

/** Both languages' label of one cell; unknown paths fall back to the path itself (never throws). */
export function fieldLabelText(contest: ContestSetup, path: FieldPath): LocalizedText {
  const parts = path.split('.');
  const [head, second, third] = parts;
  let label: LocalizedText | undefined;
  if (head === 'voters' && has(VOTER_ROW_LABELS, second) && has(COLUMN_LABELS, third) && parts.length === 3) {
    label = withColumn(VOTER_ROW_LABELS[second as VoterRow], COLUMN_LABELS[third]);
  } else if (head === 'ballots' && has(BALLOT_LABELS, second) && parts.length === 2) {
    label = BALLOT_LABELS[second];
  } else if (head === 'disabled' && has(COLUMN_LABELS, second) && parts.length === 2) {
    label = withColumn(DISABLED_LABEL, COLUMN_LABELS[second]);
  } else if (head === 'votes') {
    label = voteLabel(contest, parts.slice(1));
  } else if (has(RESULT_LABELS, head) && parts.length === 1) {
    label = RESULT_LABELS[head];
  }
  return label ?? text(path, path);
}

export function fieldLabel(contest: ContestSetup, path: FieldPath, lang: Language): string {
  return fieldLabelText(contest, path)[lang];
}
