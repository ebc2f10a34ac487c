import { formatNumber as n } from '../common/text.ts';
import { fieldPath } from '../tally/fields.ts';
import { GENDER_COLUMNS, VOTER_ROWS, type GenderRow, type Tally, type VoterRow } from '../tally/tally.ts';
import { report } from './finding.ts';
import { COLUMN_LETTERS, VOTER_ROW_WORDS } from '../labels/cells.ts';
import type { Finding } from './types.ts';

/** Section I and III arithmetic: E01 (L + P = J per row), E02 (B.4 = B.1 + B.2 + B.3), E03 (B.1 ≤ A). */
export function checkVoters(tally: Tally, out: Finding[]): void {
  for (const row of VOTER_ROWS) checkRowSum(tally, row, tally.voters[row], out);
  checkRowSum(tally, 'disabled', tally.disabled, out);

  const { dpt, usedDpt, usedDptb, usedDpk, usedTotal } = tally.voters;
  for (const col of GENDER_COLUMNS) {
    const b1 = usedDpt[col];
    const b2 = usedDptb[col];
    const b3 = usedDpk[col];
    const b4 = usedTotal[col];
    const l = COLUMN_LETTERS[col];
    if (b1 !== null && b2 !== null && b3 !== null && b4 !== null && b1 + b2 + b3 !== b4) {
      const sumId = `${n(b1, 'id')} + ${n(b2, 'id')} + ${n(b3, 'id')} = ${n(b1 + b2 + b3, 'id')}`;
      const sumEn = `${n(b1, 'en')} + ${n(b2, 'en')} + ${n(b3, 'en')} = ${n(b1 + b2 + b3, 'en')}`;
      report(
        out, 'E02', tally,
        [fieldPath.voter('usedDpt', col), fieldPath.voter('usedDptb', col), fieldPath.voter('usedDpk', col), fieldPath.voter('usedTotal', col)],
        `B.4 ${l.id}: jumlah pengguna hak pilih (${n(b4, 'id')}) ≠ B.1 + B.2 + B.3 (${sumId})`,
        `B.4 ${l.en}: total voters who voted (${n(b4, 'en')}) ≠ B.1 + B.2 + B.3 (${sumEn})`,
      );
    }
    const a = dpt[col];
    if (a !== null && b1 !== null && b1 > a) {
      report(
        out, 'E03', tally,
        [fieldPath.voter('usedDpt', col), fieldPath.voter('dpt', col)],
        `B.1 ${l.id}: pengguna hak pilih DPT (${n(b1, 'id')}) > A. pemilih DPT (${n(a, 'id')})`,
        `B.1 ${l.en}: DPT voters who voted (${n(b1, 'en')}) > A. DPT voters (${n(a, 'en')})`,
      );
    }
  }
}

function checkRowSum(tally: Tally, row: VoterRow | 'disabled', figures: GenderRow, out: Finding[]): void {
  const { male, female, total } = figures;
  if (male === null || female === null || total === null || male + female === total) return;
  const path = (col: keyof GenderRow) => (row === 'disabled' ? fieldPath.disabled(col) : fieldPath.voter(row, col));
  const label = VOTER_ROW_WORDS[row];
  report(
    out, 'E01', tally,
    [path('male'), path('female'), path('total')],
    `${label.id}: L (${n(male, 'id')}) + P (${n(female, 'id')}) ≠ J (${n(total, 'id')})`,
    `${label.en}: male (${n(male, 'en')}) + female (${n(female, 'en')}) ≠ total (${n(total, 'en')})`,
  );
}

/**
 * The 2% reserve: ceil(1.02 × DPT), computed as ceil(102 × DPT / 100) so that the ceiling never
 * depends on how 1.02 × DPT rounds in binary floating point (1.02 has no exact binary form; an
 * upward rounding error at a whole number would add a phantom ballot). For whole numbers 102 × DPT
 * is exact and the division is correctly rounded, so the ceiling is exact.
 */
export function dptWithReserve(dpt: number): number {
  return Math.ceil((dpt * 102) / 100);
}

/** W01: B.4 > ceil(1.02 × A) + B.2 (J column): more voters than the list, its reserve and DPTb allow. */
export function checkTurnout(tally: Tally, out: Finding[]): void {
  const b4 = tally.voters.usedTotal.total;
  const a = tally.voters.dpt.total;
  const b2 = tally.voters.usedDptb.total;
  if (b4 === null || a === null || b2 === null) return;
  const limit = dptWithReserve(a) + b2;
  if (b4 <= limit) return;
  const reserve = dptWithReserve(a);
  report(
    out, 'W01', tally,
    [fieldPath.voter('usedTotal', 'total'), fieldPath.voter('dpt', 'total'), fieldPath.voter('usedDptb', 'total')],
    `B.4 jumlah pengguna hak pilih J (${n(b4, 'id')}) > DPT + 2% cadangan + DPTb (${n(reserve, 'id')} + ${n(b2, 'id')} = ${n(limit, 'id')})`,
    `B.4 total voters who voted (${n(b4, 'en')}) > DPT + 2% reserve + DPTb (${n(reserve, 'en')} + ${n(b2, 'en')} = ${n(limit, 'en')})`,
  );
}
