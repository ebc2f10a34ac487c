import { formatNumber as n } from '../common/text.ts';
import { fieldPath, type FieldPath } from '../tally/fields.ts';
import { GENDER_COLUMNS, type Tally } from '../tally/tally.ts';
import { report } from './finding.ts';
import { COLUMN_LETTERS } from '../labels/cells.ts';
import { CONTEST_LABELS } from '../labels/contests.ts';
import { contestRank } from './order.ts';
import type { Finding } from './types.ts';

/**
 * W04: the DPT (row A) should be the same list for every contest at a TPS.
 *
 * Per column (L, P, J), over the tallies where that cell is entered, the reference is the value
 * most tallies agree on; a tie goes to the value of the contest counted first (PPWP, DPR, DPD,
 * DPRD_PROV, DPRD_KAB). Each tally that differs from the reference in any column gets one
 * finding whose fields are its differing DPT cells; the message names the contest holding the
 * reference. So with two contests that disagree, the later contest is flagged.
 * Tallies of several TPS may be passed: they are grouped by TPS first.
 */
export function checkTpsContests(talliesOfOneTps: readonly Tally[]): Finding[] {
  const byTps = new Map<string, Tally[]>();
  for (const t of talliesOfOneTps) {
    const group = byTps.get(t.tps);
    if (group) group.push(t);
    else byTps.set(t.tps, [t]);
  }
  const out: Finding[] = [];
  for (const group of byTps.values()) if (group.length > 1) checkGroup(group, out);
  return out;
}

function checkGroup(group: Tally[], out: Finding[]): void {
  const tallies = [...group].sort((a, b) => contestRank(a.contest) - contestRank(b.contest));
  const reference = GENDER_COLUMNS.map((col) => referenceValue(tallies, col));
  for (const t of tallies) {
    const fields: FieldPath[] = [];
    const partsId: string[] = [];
    const partsEn: string[] = [];
    GENDER_COLUMNS.forEach((col, i) => {
      const ref = reference[i];
      const v = t.voters.dpt[col];
      if (v === null || !ref || v === ref.value) return;
      fields.push(fieldPath.voter('dpt', col));
      const other = CONTEST_LABELS[ref.contest];
      partsId.push(`${COLUMN_LETTERS[col].id} (${n(v, 'id')}) ≠ ${other.id} (${n(ref.value, 'id')})`);
      partsEn.push(`${COLUMN_LETTERS[col].en} (${n(v, 'en')}) ≠ ${other.en} (${n(ref.value, 'en')})`);
    });
    if (fields.length === 0) continue;
    report(
      out, 'W04', t, fields,
      `A. Pemilih DPT berbeda dengan pemilihan lain di TPS yang sama: ${partsId.join('; ')}`,
      `A. DPT voters differ from another contest at the same TPS: ${partsEn.join('; ')}`,
    );
  }
}

/** The majority value of a DPT column; ties go to the first contest (tallies arrive sorted). */
function referenceValue(tallies: Tally[], col: (typeof GENDER_COLUMNS)[number]) {
  const counts = new Map<number, { count: number; contest: Tally['contest'] }>();
  for (const t of tallies) {
    const v = t.voters.dpt[col];
    if (v === null) continue;
    const seen = counts.get(v);
    if (seen) seen.count++;
    else counts.set(v, { count: 1, contest: t.contest });
  }
  let best: { value: number; count: number; contest: Tally['contest'] } | undefined;
  // Map iterates in insertion order, i.e. by first contest, so `>` keeps the earliest on a tie.
  for (const [value, { count, contest }] of counts) if (!best || count > best.count) best = { value, count, contest };
  return best;
}
