import { formatNumber, text, type Language } from '../common/text.ts';
import { BALLOT_WORDS, COLUMN_LETTERS, partyRowLabels, RESULT_WORDS, VOTER_ROW_WORDS, type BallotRow, type ResultRow } from '../labels/cells.ts';
import type { ContestId } from '../tally/contest.ts';
import type { FieldPath } from '../tally/fields.ts';
import type { Figure, GenderColumn, VoterRow } from '../tally/tally.ts';

/*
 * How check messages quote a cell, in the words of the label catalogue (src/domain/labels/cells.ts).
 * These need no setup, so checks can run on any tally: parties are named by number here; the entry
 * form's richer labels (party names) come from setup's fieldLabel.
 */

/** A figure as quoted in a message; a not-entered cell reads "kosong"/"empty". */
export function fmt(value: Figure | undefined, lang: Language): string {
  if (value === null || value === undefined) return lang === 'id' ? 'kosong' : 'empty';
  return formatNumber(value, lang);
}

/** "A. Pemilih DPT L" / "A. DPT voters, male". */
export function voterCellLabel(row: VoterRow | 'disabled', column: GenderColumn, lang: Language): string {
  const r = VOTER_ROW_WORDS[row];
  const c = COLUMN_LETTERS[column];
  return lang === 'id' ? `${r.id} ${c.id}` : `${r.en}, ${c.en}`;
}

const has = <K extends string>(table: Record<K, unknown>, key: string | undefined): key is K => key !== undefined && Object.hasOwn(table, key);

/**
 * A readable name for any field path of a tally (used by E11 and W06, which can concern any cell).
 * Only called when a finding is built, so parsing the path here costs nothing per keystroke.
 */
export function cellLabel(contest: ContestId, path: FieldPath, lang: Language): string {
  const parts = path.split('.');
  const [section, a, b, c] = parts;
  if (section === 'voters' && has(VOTER_ROW_WORDS, a) && a !== 'disabled' && has(COLUMN_LETTERS, b)) return voterCellLabel(a, b, lang);
  if (section === 'disabled' && has(COLUMN_LETTERS, a)) return voterCellLabel('disabled', a, lang);
  if (section === 'ballots' && has(BALLOT_WORDS, a)) return BALLOT_WORDS[a as BallotRow][lang];
  if (parts.length === 1 && has(RESULT_WORDS, section)) return RESULT_WORDS[section as ResultRow][lang];
  if (section === 'votes' && a !== undefined) {
    if (parts.length === 2) return choiceVotesLabel(contest, a, lang);
    const party = partyRowLabels(text(`Partai ${a}`, `Party ${a}`));
    if (b === 'partyOnly') return party.partyOnly[lang];
    if (b === 'total') return party.total[lang];
    if (b === 'candidates' && c !== undefined) return party.candidate(c)[lang];
  }
  return path;
}

/** Votes of a PPWP pair or a DPD candidate, as a sentence quotes them: "Suara paslon 3". */
export function choiceVotesLabel(contest: ContestId, ballotNumber: string, lang: Language): string {
  if (contest === 'PPWP') return lang === 'id' ? `Suara paslon ${ballotNumber}` : `Votes for pair ${ballotNumber}`;
  return lang === 'id' ? `Suara calon ${ballotNumber}` : `Votes for candidate ${ballotNumber}`;
}
