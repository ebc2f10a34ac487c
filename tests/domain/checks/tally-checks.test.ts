import { describe, expect, it } from 'vitest';
import { checkTally, type CheckCode } from '../../../src/domain/checks/index.ts';
import type { ContestSetup } from '../../../src/domain/setup/index.ts';
import { dptWithReserve } from '../../../src/domain/checks/voters.ts';
import { emptyTally, setFigure } from '../../../src/domain/tally/fields.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { DPD, DPR, PPWP, TPS1, dpdTally, dprTally, edit, ppwpTally, withCode, type Edits } from './helpers.ts';

interface Case {
  code: CheckCode;
  name: string;
  edits: Edits;
  /** How many findings of `code` are expected (0: must not fire). */
  count: number;
  base?: () => Tally;
  contest?: ContestSetup;
  /** Fields and messages of the first finding of `code`. */
  fields?: string[];
  id?: string;
  en?: string;
}

const A = ['voters.dpt.male', 'voters.dpt.female', 'voters.dpt.total'];

const CASES: Case[] = [
  // E01 — L + P = J on every row
  { code: 'E01', name: 'row A one over', edits: { 'voters.dpt.total': 285 }, count: 1, fields: A,
    id: 'A. Pemilih DPT: L (146) + P (138) ≠ J (285)', en: 'A. DPT voters: male (146) + female (138) ≠ total (285)' },
  { code: 'E01', name: 'row A one under', edits: { 'voters.dpt.total': 283 }, count: 1 },
  { code: 'E01', name: 'row A consistent after a change', edits: { 'voters.dpt.male': 147, 'voters.dpt.total': 285 }, count: 0 },
  { code: 'E01', name: 'row B.1', edits: { 'voters.usedDpt.female': 89 }, count: 1,
    fields: ['voters.usedDpt.male', 'voters.usedDpt.female', 'voters.usedDpt.total'] },
  { code: 'E01', name: 'row B.2', edits: { 'voters.usedDptb.male': 3 }, count: 1,
    id: 'B.2 Pengguna hak pilih DPTb: L (3) + P (1) ≠ J (3)', en: 'B.2 DPTb voters who voted: male (3) + female (1) ≠ total (3)' },
  { code: 'E01', name: 'row B.3', edits: { 'voters.usedDpk.total': 2 }, count: 1,
    fields: ['voters.usedDpk.male', 'voters.usedDpk.female', 'voters.usedDpk.total'] },
  { code: 'E01', name: 'row B.4', edits: { 'voters.usedTotal.male': 94 }, count: 1,
    fields: ['voters.usedTotal.male', 'voters.usedTotal.female', 'voters.usedTotal.total'] },
  { code: 'E01', name: 'disabled row', edits: { 'disabled.male': 1 }, count: 1,
    fields: ['disabled.male', 'disabled.female', 'disabled.total'],
    id: 'Pemilih disabilitas yang menggunakan hak pilih: L (1) + P (1) ≠ J (1)',
    en: 'Disabled voters who voted: male (1) + female (1) ≠ total (1)' },
  { code: 'E01', name: 'two broken rows, two findings', edits: { 'voters.dpt.total': 285, 'disabled.total': 2 }, count: 2 },
  { code: 'E01', name: 'figures formatted per language',
    edits: { 'voters.dpt.male': 1146, 'voters.dpt.female': 138, 'voters.dpt.total': 1285 }, count: 1,
    id: 'A. Pemilih DPT: L (1.146) + P (138) ≠ J (1.285)', en: 'A. DPT voters: male (1,146) + female (138) ≠ total (1,285)' },

  // E02 — B.4 = B.1 + B.2 + B.3 per column
  { code: 'E02', name: 'J one over', edits: { 'voters.usedTotal.total': 185 }, count: 1,
    fields: ['voters.usedDpt.total', 'voters.usedDptb.total', 'voters.usedDpk.total', 'voters.usedTotal.total'],
    id: 'B.4 J: jumlah pengguna hak pilih (185) ≠ B.1 + B.2 + B.3 (178 + 3 + 3 = 184)',
    en: 'B.4 total: total voters who voted (185) ≠ B.1 + B.2 + B.3 (178 + 3 + 3 = 184)' },
  { code: 'E02', name: 'L one under', edits: { 'voters.usedDpk.male': 0 }, count: 1,
    fields: ['voters.usedDpt.male', 'voters.usedDptb.male', 'voters.usedDpk.male', 'voters.usedTotal.male'] },
  { code: 'E02', name: 'L and P separately', edits: { 'voters.usedDptb.male': 3, 'voters.usedDptb.female': 0 }, count: 2 },
  { code: 'E02', name: 'shifted between B.1 and B.2 still sums', edits: {
    'voters.usedDpt.male': 89, 'voters.usedDpt.total': 177, 'voters.usedDptb.male': 3, 'voters.usedDptb.total': 4 }, count: 0 },

  // E03 — B.1 ≤ A per column
  { code: 'E03', name: 'B.1 L one over A', edits: { 'voters.dpt.male': 89 }, count: 1,
    fields: ['voters.usedDpt.male', 'voters.dpt.male'],
    id: 'B.1 L: pengguna hak pilih DPT (90) > A. pemilih DPT (89)', en: 'B.1 male: DPT voters who voted (90) > A. DPT voters (89)' },
  { code: 'E03', name: 'B.1 L equal to A', edits: { 'voters.dpt.male': 90 }, count: 0 },
  { code: 'E03', name: 'B.1 J over A', edits: { 'voters.usedDpt.total': 285 }, count: 1 },
  { code: 'E03', name: 'B.1 P over A', edits: { 'voters.usedDpt.female': 139 }, count: 1 },

  // E04 — received = used + returned + unused
  { code: 'E04', name: 'one over', edits: { 'ballots.unused': 106 }, count: 1,
    fields: ['ballots.received', 'ballots.used', 'ballots.returned', 'ballots.unused'],
    id: 'Surat suara diterima (290) ≠ digunakan + dikembalikan + tidak digunakan (184 + 1 + 106 = 291)',
    en: 'Ballots received (290) ≠ used + returned + unused (184 + 1 + 106 = 291)' },
  { code: 'E04', name: 'one under', edits: { 'ballots.returned': 0 }, count: 1 },
  { code: 'E04', name: 'received changes with the parts', edits: { 'ballots.received': 291, 'ballots.unused': 106 }, count: 0 },

  // E05 — used = B.4 J
  { code: 'E05', name: 'used one over', edits: { 'ballots.used': 185 }, count: 1,
    fields: ['ballots.used', 'voters.usedTotal.total'],
    id: 'Surat suara digunakan (185) ≠ jumlah pengguna hak pilih B.4 (184)',
    en: 'Ballots used (185) ≠ total voters who voted, B.4 (184)' },
  { code: 'E05', name: 'used one under', edits: { 'ballots.used': 183 }, count: 1 },

  // E06 — valid + invalid = total
  { code: 'E06', name: 'total one over', edits: { total: 185 }, count: 1, fields: ['valid', 'invalid', 'total'],
    id: 'Suara sah (179) + suara tidak sah (5) = 184 ≠ jumlah suara sah dan tidak sah (185)',
    en: 'Valid (179) + invalid votes (5) = 184 ≠ total votes (185)' },
  { code: 'E06', name: 'invalid one under', edits: { invalid: 4 }, count: 1 },
  { code: 'E06', name: 'invalid and total both one more', edits: { invalid: 6, total: 185 }, count: 0 },

  // E07 — total = B.4 J
  { code: 'E07', name: 'total one over B.4', edits: { invalid: 6, total: 185 }, count: 1, fields: ['total', 'voters.usedTotal.total'],
    id: 'Jumlah suara sah dan tidak sah (185) ≠ jumlah pengguna hak pilih B.4 (184)',
    en: 'Total votes (185) ≠ total voters who voted, B.4 (184)' },
  { code: 'E07', name: 'total one under B.4', edits: { invalid: 4, total: 183 }, count: 1 },

  // E08 — valid = sum of votes
  { code: 'E08', name: 'PPWP pair one over', edits: { 'votes.2': 124 }, count: 1, fields: ['valid', 'votes.1', 'votes.2', 'votes.3'],
    id: 'Jumlah suara sah (179) ≠ jumlah perolehan suara (180)', en: 'Valid votes (179) ≠ sum of votes (180)' },
  { code: 'E08', name: 'PPWP valid one over', edits: { valid: 180 }, count: 1 },
  { code: 'E08', name: 'DPD candidate one over', base: dpdTally, contest: DPD, edits: { 'votes.4': 1 }, count: 1,
    fields: ['valid', 'votes.1', 'votes.2', 'votes.3', 'votes.4'] },
  { code: 'E08', name: 'DPR party total one under', base: dprTally, contest: DPR, edits: { 'votes.24.total': 165 }, count: 1,
    fields: ['valid', 'votes.1.total', 'votes.24.total'],
    id: 'Jumlah suara sah (179) ≠ jumlah perolehan suara (178)', en: 'Valid votes (179) ≠ sum of votes (178)' },
  { code: 'E08', name: 'DPR candidate change alone does not touch E08', base: dprTally, edits: { 'votes.24.candidates.1': 67 }, count: 0 },

  // E09 — party B = A.1 + Σ A.2
  { code: 'E09', name: 'candidate one over', base: dprTally, contest: DPR, edits: { 'votes.1.candidates.2': 1 }, count: 1,
    fields: ['votes.1.partyOnly', 'votes.1.candidates.1', 'votes.1.candidates.2', 'votes.1.total'],
    id: 'Partai 1: jumlah suara partai dan calon B (13) ≠ suara partai A.1 + suara calon A.2 (10 + 4 = 14)',
    en: 'Party 1: total B (13) ≠ party-only A.1 + candidates A.2 (10 + 4 = 14)' },
  { code: 'E09', name: 'party-only one under', base: dprTally, edits: { 'votes.24.partyOnly': 99 }, count: 1,
    fields: ['votes.24.partyOnly', 'votes.24.candidates.1', 'votes.24.total'] },
  { code: 'E09', name: 'each party separately', base: dprTally, edits: { 'votes.24.partyOnly': 99, 'votes.1.partyOnly': 11 }, count: 2 },
  { code: 'E09', name: 'shift within a party still sums', base: dprTally, edits: { 'votes.1.partyOnly': 9, 'votes.1.candidates.2': 1 }, count: 0 },

  // E10 — returned/unused ≤ received, disabled ≤ B.4
  { code: 'E10', name: 'returned one over received', edits: { 'ballots.returned': 291 }, count: 1,
    fields: ['ballots.returned', 'ballots.received'],
    id: 'Surat suara dikembalikan (291) > surat suara diterima (290)', en: 'Ballots returned (291) > ballots received (290)' },
  { code: 'E10', name: 'returned equal to received', edits: { 'ballots.returned': 290 }, count: 0 },
  { code: 'E10', name: 'unused one over received', edits: { 'ballots.unused': 291 }, count: 1, fields: ['ballots.unused', 'ballots.received'],
    id: 'Surat suara tidak digunakan (291) > surat suara diterima (290)', en: 'Unused ballots (291) > ballots received (290)' },
  { code: 'E10', name: 'returned and unused: two findings', edits: { 'ballots.received': 100, 'ballots.returned': 101 }, count: 2 },
  { code: 'E10', name: 'disabled one over B.4', edits: { 'disabled.total': 185 }, count: 1, fields: ['disabled.total', 'voters.usedTotal.total'],
    id: 'Pemilih disabilitas J (185) > jumlah pengguna hak pilih B.4 (184)',
    en: 'Disabled voters who voted (185) > total voters who voted, B.4 (184)' },
  { code: 'E10', name: 'disabled equal to B.4', edits: { 'disabled.total': 184 }, count: 0 },

  // E11 — whole numbers 0–999, one finding per figure
  { code: 'E11', name: 'negative', edits: { 'voters.dpt.male': -1 }, count: 1, fields: ['voters.dpt.male'],
    id: 'A. Pemilih DPT L (-1) negatif; harus bilangan bulat 0–999',
    en: 'A. DPT voters, male (-1) is negative; must be a whole number 0–999' },
  { code: 'E11', name: 'above 999', edits: { 'ballots.received': 1000 }, count: 1, fields: ['ballots.received'],
    id: 'Surat suara diterima (1.000) lebih dari 999; harus bilangan bulat 0–999',
    en: 'Ballots received (1,000) is above 999; must be a whole number 0–999' },
  { code: 'E11', name: '999 and 0 are fine', edits: { 'ballots.received': 999, 'disabled.female': 0 }, count: 0 },
  { code: 'E11', name: 'not a whole number', edits: { 'votes.3': 1.5 }, count: 1, fields: ['votes.3'],
    id: 'Suara paslon 3 (1,5) bukan bilangan bulat; harus bilangan bulat 0–999',
    en: 'Votes for pair 3 (1.5) is not a whole number; must be a whole number 0–999' },
  { code: 'E11', name: 'party candidate cell', base: dprTally, edits: { 'votes.1.candidates.2': -3 }, count: 1,
    fields: ['votes.1.candidates.2'],
    id: 'Partai 1 — calon 2 (-3) negatif; harus bilangan bulat 0–999',
    en: 'Party 1 — candidate 2 (-3) is negative; must be a whole number 0–999' },
  { code: 'E11', name: 'one finding per figure', base: dprTally,
    edits: { valid: -1, invalid: 2000, total: 0.5, 'votes.24.partyOnly': -1, 'votes.24.total': 1e6 }, count: 5 },
  { code: 'E11', name: 'DPD candidate', base: dpdTally, edits: { 'votes.4': -2 }, count: 1,
    id: 'Suara calon 4 (-2) negatif; harus bilangan bulat 0–999' },

  // W01 — B.4 J > ceil(1.02 × A J) + B.2 J; 1.02 × 284 = 289.68 → 290, + 3 = 293
  { code: 'W01', name: 'one over the limit', edits: { 'voters.usedTotal.total': 294 }, count: 1,
    fields: ['voters.usedTotal.total', 'voters.dpt.total', 'voters.usedDptb.total'],
    id: 'B.4 jumlah pengguna hak pilih J (294) > DPT + 2% cadangan + DPTb (290 + 3 = 293)',
    en: 'B.4 total voters who voted (294) > DPT + 2% reserve + DPTb (290 + 3 = 293)' },
  { code: 'W01', name: 'at the limit (ceil rounds 289.68 up)', edits: { 'voters.usedTotal.total': 293 }, count: 0 },
  { code: 'W01', name: 'A = 100: the limit is exactly 102, not 103', edits: {
    'voters.dpt.total': 100, 'voters.usedDptb.total': 0, 'voters.usedTotal.total': 102 }, count: 0 },
  { code: 'W01', name: 'A = 100: 103 is over', edits: {
    'voters.dpt.total': 100, 'voters.usedDptb.total': 0, 'voters.usedTotal.total': 103 }, count: 1 },

  // W02 — received = ceil(1.02 × A J)
  { code: 'W02', name: 'one under the reserve', edits: { 'ballots.received': 289 }, count: 1,
    fields: ['ballots.received', 'voters.dpt.total'],
    id: 'Surat suara diterima (289) ≠ DPT + 2% cadangan (284 → 290)', en: 'Ballots received (289) ≠ DPT + 2% reserve (284 → 290)' },
  { code: 'W02', name: 'one over the reserve', edits: { 'ballots.received': 291 }, count: 1 },
  { code: 'W02', name: 'A = 100 needs exactly 102', edits: { 'voters.dpt.total': 100, 'ballots.received': 102 }, count: 0 },
  { code: 'W02', name: 'A = 100 with 103 is off', edits: { 'voters.dpt.total': 100, 'ballots.received': 103 }, count: 1 },
  { code: 'W02', name: 'A = 51 needs 53 (52.02 rounds up)', edits: { 'voters.dpt.total': 51, 'ballots.received': 53 }, count: 0 },
  { code: 'W02', name: 'A = 51 with 52 is off', edits: { 'voters.dpt.total': 51, 'ballots.received': 52 }, count: 1 },

  // W03 — invalid ≥ threshold × total (total > 0)
  { code: 'W03', name: 'exactly 10%', edits: { invalid: 18, total: 180 }, count: 1, fields: ['invalid', 'total'],
    id: 'Suara tidak sah (18) ≥ 10% dari jumlah suara sah dan tidak sah (180)', en: 'Invalid votes (18) ≥ 10% of total votes (180)' },
  { code: 'W03', name: 'just under 10%', edits: { invalid: 17, total: 180 }, count: 0 },
  { code: 'W03', name: '3 of 30 is 10%', edits: { invalid: 3, total: 30 }, count: 1 },
  { code: 'W03', name: '63 of 900 is 7% despite 0.07 × 900 = 63.00000000000001', contest: { ...PPWP, invalidWarningThreshold: 0.07 },
    edits: { invalid: 63, total: 900 }, count: 1 },
  { code: 'W03', name: 'no total, no ratio', edits: { invalid: 0, total: 0 }, count: 0 },
  { code: 'W03', name: 'threshold from the contest setup', contest: { ...PPWP, invalidWarningThreshold: 0.05 },
    edits: { invalid: 5, total: 100 }, count: 1,
    id: 'Suara tidak sah (5) ≥ 5% dari jumlah suara sah dan tidak sah (100)', en: 'Invalid votes (5) ≥ 5% of total votes (100)' },
  { code: 'W03', name: 'under the contest threshold', contest: { ...PPWP, invalidWarningThreshold: 0.05 },
    edits: { invalid: 4, total: 100 }, count: 0 },
  { code: 'W03', name: 'fractional percent formatted per language', contest: { ...PPWP, invalidWarningThreshold: 0.125 },
    edits: { invalid: 25, total: 200 }, count: 1,
    id: 'Suara tidak sah (25) ≥ 12,5% dari jumlah suara sah dan tidak sah (200)', en: 'Invalid votes (25) ≥ 12.5% of total votes (200)' },
];

describe('checkTally on consistent tallies', () => {
  it.each([
    ['PPWP', ppwpTally, PPWP],
    ['DPD', dpdTally, DPD],
    ['DPR', dprTally, DPR],
  ] as const)('%s has no findings, with or without its setup', (_name, make, contest) => {
    expect(checkTally(make())).toEqual([]);
    expect(checkTally(make(), contest)).toEqual([]);
  });

  it('an empty tally has no findings (nothing entered, nothing checked)', () => {
    expect(checkTally(emptyTally(TPS1, PPWP), PPWP)).toEqual([]);
    expect(checkTally(emptyTally(TPS1, DPR), DPR)).toEqual([]);
  });

  it('rejects a contest setup of another contest', () => {
    expect(() => checkTally(ppwpTally(), DPR)).toThrow(/PPWP/);
  });
});

describe.each(CASES)('$code: $name', (c) => {
  const tally = edit((c.base ?? ppwpTally)(), c.edits);
  const findings = checkTally(tally, c.contest);
  const mine = withCode(findings, c.code);

  it(c.count === 0 ? 'does not fire' : `fires ${c.count}×`, () => {
    expect(mine).toHaveLength(c.count);
    for (const f of mine) {
      expect(f.severity).toBe(c.code.startsWith('E') ? 'error' : 'warning');
      expect(f.tps).toBe(tally.tps);
      expect(f.contest).toBe(tally.contest);
    }
  });

  if (c.fields) it('names the fields', () => expect(mine[0]?.fields).toEqual(c.fields));
  if (c.id) it('quotes the figures in Indonesian', () => expect(mine[0]?.message.id).toBe(c.id));
  if (c.en) it('quotes the figures in English', () => expect(mine[0]?.message.en).toBe(c.en));

  if (c.count > 0) {
    it('does not run when any of its inputs is not entered', () => {
      const inputs = new Set(mine.flatMap((f) => f.fields));
      for (const path of inputs) {
        const blanked = checkTally(setFigure(tally, path, null), c.contest);
        expect(withCode(blanked, c.code).filter((f) => f.fields.includes(path)), `${path} = null`).toEqual([]);
      }
    });
  }
});

describe('choices of the contest setup missing from a tally count as not entered', () => {
  it('E08 (PPWP) runs on the tally alone, but not when the setup lists a pair the tally lacks', () => {
    const t = ppwpTally();
    const partial: Tally = { ...t, contest: 'PPWP', votes: { 1: 13, 2: 123 } };
    expect(withCode(checkTally(partial), 'E08')).toHaveLength(1);
    expect(withCode(checkTally(partial, PPWP), 'E08')).toEqual([]);
  });

  it('E08 and E09 (DPR) skip a party or candidate the tally lacks', () => {
    const t = dprTally();
    if (t.contest !== 'DPR') throw new Error('DPR tally expected');
    const noUmmat: Tally = { ...t, votes: { 1: t.votes['1']! } };
    expect(withCode(checkTally(noUmmat), 'E08')).toHaveLength(1);
    expect(withCode(checkTally(noUmmat, DPR), 'E08')).toEqual([]);
    const noCandidate: Tally = { ...t, votes: { ...t.votes, 1: { partyOnly: 10, candidates: { 1: 3 }, total: 14 } } };
    expect(withCode(checkTally(noCandidate), 'E09')).toHaveLength(1);
    expect(withCode(checkTally(noCandidate, DPR), 'E09')).toEqual([]);
  });

  it('nulls are never read as 0: a missing vote does not make the sum match', () => {
    // valid 136 would equal 13 + 123 + (null as 0); the check must wait instead.
    const t = edit(ppwpTally(), { 'votes.3': null, valid: 136 });
    expect(withCode(checkTally(t), 'E08')).toEqual([]);
  });
});

describe('checkTally order', () => {
  it('returns findings sorted by code', () => {
    const t = edit(ppwpTally(), { 'ballots.received': 1000, 'voters.dpt.total': 285, total: 185 });
    const codes = checkTally(t).map((f) => f.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes)).toEqual(new Set(['E01', 'E04', 'E06', 'E07', 'E11', 'W02']));
  });
});

describe('the 2% reserve', () => {
  it('is the exact integer ceiling of 1.02 × DPT for every DPT a TPS can have', () => {
    for (let a = 0; a <= 999; a++) expect(dptWithReserve(a)).toBe(Math.floor((102 * a + 99) / 100));
  });
});
