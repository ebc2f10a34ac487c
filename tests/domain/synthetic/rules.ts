// Arithmetic of DESIGN.md §3 written out directly for tests, independent of src/domain/checks:
// returns the codes of the rules a tally (or a sum of tallies) breaks. Every input must be entered.
import type { Figure, GenderRow, Tally } from '../../../src/domain/tally/tally.ts';
import type { TallyFigures } from '../../../src/domain/totals/index.ts';

const n = (f: Figure | undefined): number => {
  if (f === null || f === undefined) throw new Error('rules: figure not entered');
  return f;
};
const rowOk = (r: GenderRow) => n(r.male) + n(r.female) === n(r.total);
const rows = (f: TallyFigures) => [f.voters.dpt, f.voters.usedDpt, f.voters.usedDptb, f.voters.usedDpk, f.voters.usedTotal, f.disabled];

/** Sum of the vote figures that make up `valid` (pairs / DPD candidates / party totals B). */
export function votesTotal(f: TallyFigures): number {
  let sum = 0;
  for (const v of Object.values(f.votes)) sum += typeof v === 'object' && v !== null ? n(v.total) : n(v);
  return sum;
}

/** The linear rules, which must hold on sums whenever they hold per TPS (DESIGN.md §4). */
export function linearViolations(f: TallyFigures): string[] {
  const out: string[] = [];
  if (!rows(f).every(rowOk)) out.push('E01');
  const v = f.voters;
  for (const col of ['male', 'female', 'total'] as const) {
    if (n(v.usedTotal[col]) !== n(v.usedDpt[col]) + n(v.usedDptb[col]) + n(v.usedDpk[col])) out.push(`E02.${col}`);
  }
  const b = f.ballots;
  if (n(b.received) !== n(b.used) + n(b.returned) + n(b.unused)) out.push('E04');
  if (n(f.valid) + n(f.invalid) !== n(f.total)) out.push('E06');
  if (n(f.valid) !== votesTotal(f)) out.push('E08');
  for (const [party, p] of Object.entries(f.votes)) {
    if (typeof p !== 'object' || p === null) continue;
    const candidates = Object.values(p.candidates as Record<string, Figure>).reduce<number>((a, c) => a + n(c), 0);
    if (n(p.total) !== n(p.partyOnly) + candidates) out.push(`E09.${party}`);
  }
  return out;
}

/** Every figure of the tally, as [path, value] in a stable order. */
export function figureEntries(f: TallyFigures | Tally): [string, Figure][] {
  const out: [string, Figure][] = [];
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node === 'number') out.push([path, node]);
    else if (typeof node === 'object') for (const [k, child] of Object.entries(node)) walk(child, path ? `${path}.${k}` : k);
  };
  for (const key of ['voters', 'ballots', 'disabled', 'votes', 'valid', 'invalid', 'total'] as const) walk(f[key], key);
  return out;
}

/** All rules a single, fully entered, check-clean TPS tally satisfies (E01–E11, W01–W03). */
export function tallyViolations(t: Tally): string[] {
  const out = linearViolations(t);
  const v = t.voters;
  for (const col of ['male', 'female', 'total'] as const) if (n(v.usedDpt[col]) > n(v.dpt[col])) out.push('E03');
  if (n(t.ballots.used) !== n(v.usedTotal.total)) out.push('E05');
  if (n(t.total) !== n(v.usedTotal.total)) out.push('E07');
  if (n(t.ballots.returned) > n(t.ballots.received) || n(t.ballots.unused) > n(t.ballots.received)) out.push('E10');
  if (n(t.disabled.total) > n(v.usedTotal.total)) out.push('E10');
  for (const [path, f] of figureEntries(t)) {
    if (f === null || f < 0 || !Number.isInteger(f) || f > 999) out.push(`E11.${path}`);
  }
  const reserve = Math.ceil((n(v.dpt.total) * 102) / 100);
  if (n(v.usedTotal.total) > reserve + n(v.usedDptb.total)) out.push('W01');
  if (n(t.ballots.received) !== reserve || n(t.ballots.received) !== Math.ceil(1.02 * n(v.dpt.total))) out.push('W02');
  if (n(t.invalid) >= 0.1 * n(t.total)) out.push('W03');
  return out;
}
