import { describe, expect, it } from 'vitest';
import {
  CHECK_CODES,
  CHECK_DEFINITIONS,
  checkAll,
  checkDesaDuplicates,
  checkTpsContests,
  compareEntries,
  isWarningAccepted,
  type Finding,
} from '../../../src/domain/checks/index.ts';
import { TpsCodeSchema } from '../../../src/domain/codes/codes.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { CONTEST_IDS } from '../../../src/domain/tally/contest.ts';
import type { CandidateTally, Tally } from '../../../src/domain/tally/tally.ts';
import { DPD, DPR, PPWP, TPS1, TPS2, TPS_OTHER_DESA, dpdTally, dprTally, edit, ppwpTally, withCode } from './helpers.ts';

describe('W04 — DPT differs between contests at the same TPS', () => {
  it('is quiet when every contest has the same DPT', () => {
    expect(checkTpsContests([ppwpTally(), dprTally(), dpdTally()])).toEqual([]);
  });

  it('flags the contest that differs from the majority, on the differing cells', () => {
    const dpd = edit(dpdTally(), { 'voters.dpt.female': 139, 'voters.dpt.total': 285 });
    const findings = checkTpsContests([dprTally(), dpd, ppwpTally()]);
    expect(findings).toHaveLength(1);
    const [f] = findings as [Finding];
    expect(f).toMatchObject({ code: 'W04', severity: 'warning', tps: TPS1, contest: 'DPD' });
    expect(f.fields).toEqual(['voters.dpt.female', 'voters.dpt.total']);
    expect(f.message.id).toBe('A. Pemilih DPT berbeda dengan pemilihan lain di TPS yang sama: P (139) ≠ Presiden (138); J (285) ≠ Presiden (284)');
    expect(f.message.en).toBe('A. DPT voters differ from another contest at the same TPS: female (139) ≠ President (138); total (285) ≠ President (284)');
  });

  it('on a tie, the contest counted first (PPWP) is the reference', () => {
    const dpr = edit(dprTally(), { 'voters.dpt.male': 147, 'voters.dpt.total': 285 });
    const findings = checkTpsContests([dpr, ppwpTally()]);
    expect(findings.map((f) => f.contest)).toEqual(['DPR']);
  });

  it('ignores not-entered DPT cells and single tallies', () => {
    const dpr = edit(dprTally(), { 'voters.dpt.total': null, 'voters.dpt.male': null });
    expect(checkTpsContests([ppwpTally(), dpr])).toEqual([]);
    expect(checkTpsContests([ppwpTally()])).toEqual([]);
  });

  it('never compares different TPS', () => {
    const other = edit(dprTally(TPS2), { 'voters.dpt.total': 999 });
    expect(checkTpsContests([ppwpTally(), other])).toEqual([]);
  });
});

describe('W05 — identical vote figures at two TPS of one desa', () => {
  it('flags both TPS, each naming the other, on their vote cells', () => {
    const findings = checkDesaDuplicates([ppwpTally(TPS1), ppwpTally(TPS2)]);
    expect(findings.map((f) => [f.code, f.tps])).toEqual([['W05', TPS1], ['W05', TPS2]]);
    expect(findings[0]!.fields).toEqual(['votes.1', 'votes.2', 'votes.3']);
    expect(findings[0]!.message.id).toBe('Perolehan suara sama persis dengan TPS 002 di desa yang sama — kemungkinan entri ganda');
    expect(findings[1]!.message.en).toBe('Vote figures identical to TPS 001 in the same desa — possibly entered twice');
  });

  it('works for party contests (every A.1, A.2 and B cell)', () => {
    const findings = checkDesaDuplicates([dprTally(TPS1), dprTally(TPS2)]);
    expect(findings).toHaveLength(2);
    expect(findings[0]!.fields).toEqual([
      'votes.1.partyOnly', 'votes.1.candidates.1', 'votes.1.candidates.2', 'votes.1.total',
      'votes.24.partyOnly', 'votes.24.candidates.1', 'votes.24.total',
    ]);
  });

  it('names all other TPS of a group of three', () => {
    const tps3 = TpsCodeSchema.parse('3509082001901');
    const findings = checkDesaDuplicates([ppwpTally(TPS1), ppwpTally(TPS2), ppwpTally(tps3)]);
    expect(findings).toHaveLength(3);
    expect(findings[0]!.message.id).toContain('TPS 002, TPS 901');
  });

  it('does not fire when one figure differs by one', () => {
    expect(checkDesaDuplicates([ppwpTally(TPS1), edit(ppwpTally(TPS2), { 'votes.3': 44 })])).toEqual([]);
    expect(checkDesaDuplicates([dprTally(TPS1), edit(dprTally(TPS2), { 'votes.1.candidates.2': 1 })])).toEqual([]);
  });

  it('does not fire when a vote cell is not entered, or all are zero', () => {
    expect(checkDesaDuplicates([edit(ppwpTally(TPS1), { 'votes.1': null }), edit(ppwpTally(TPS2), { 'votes.1': null })])).toEqual([]);
    const zero = { 'votes.1': 0, 'votes.2': 0, 'votes.3': 0 };
    expect(checkDesaDuplicates([edit(ppwpTally(TPS1), zero), edit(ppwpTally(TPS2), zero)])).toEqual([]);
  });

  it('does not compare other desa, other contests, or a TPS with itself', () => {
    expect(checkDesaDuplicates([ppwpTally(TPS1), ppwpTally(TPS_OTHER_DESA)])).toEqual([]);
    const sameVotesOtherContest: Tally = { ...(ppwpTally(TPS2) as CandidateTally), contest: 'DPD' };
    expect(checkDesaDuplicates([ppwpTally(TPS1), sameVotesOtherContest])).toEqual([]);
    expect(checkDesaDuplicates([ppwpTally(TPS1), ppwpTally(TPS1)])).toEqual([]);
  });
});

describe('W06 — second independent entry', () => {
  it('is quiet when both entries agree', () => {
    expect(compareEntries(dprTally(), dprTally())).toEqual([]);
  });

  it('lists every differing cell in paper order and quotes the first three', () => {
    const second = edit(ppwpTally(), { 'voters.dpt.male': 147, 'ballots.received': 1290, 'votes.2': 132, valid: 188 });
    const findings = compareEntries(ppwpTally(), second);
    expect(findings).toHaveLength(1);
    const [f] = findings as [Finding];
    expect(f).toMatchObject({ code: 'W06', severity: 'warning', tps: TPS1, contest: 'PPWP' });
    expect(f.fields).toEqual(['voters.dpt.male', 'ballots.received', 'votes.2', 'valid']);
    expect(f.message.id).toBe(
      'Entri kedua berbeda dari entri pertama di 4 sel: A. Pemilih DPT L (146 → 147); Surat suara diterima (290 → 1.290); Suara paslon 2 (123 → 132); … dan 1 lainnya',
    );
    expect(f.message.en).toBe(
      'Second entry differs from the first in 4 cells: A. DPT voters, male (146 → 147); Ballots received (290 → 1,290); Votes for pair 2 (123 → 132); … and 1 more',
    );
  });

  it('says "1 cell" for one difference, in a party cell', () => {
    const [f] = compareEntries(dprTally(), edit(dprTally(), { 'votes.24.candidates.1': 67 }));
    expect(f?.fields).toEqual(['votes.24.candidates.1']);
    expect(f?.message.en).toBe('Second entry differs from the first in 1 cell: Party 24 — candidate 1 (66 → 67)');
    expect(f?.message.id).toBe('Entri kedua berbeda dari entri pertama di 1 sel: Partai 24 — calon 1 (66 → 67)');
  });

  it('compares only cells entered in both entries', () => {
    expect(compareEntries(ppwpTally(), edit(ppwpTally(), { 'votes.2': null }))).toEqual([]);
    expect(compareEntries(edit(ppwpTally(), { valid: null }), ppwpTally())).toEqual([]);
  });

  it('refuses to compare different tallies', () => {
    expect(() => compareEntries(ppwpTally(TPS1), ppwpTally(TPS2))).toThrow();
    expect(() => compareEntries(ppwpTally(), dpdTally())).toThrow();
  });
});

const setup = {
  format: 'rekap.setup/v1',
  election: { id: 'pemilu-2024', name: 'Pemilu 2024', votingDate: '2024-02-14' },
  provinsi: { code: '35', name: 'Jawa Timur' },
  kabupaten: { code: '3509', name: 'Jember' },
  kecamatan: { code: '350908', name: 'Puger' },
  desa: [],
  contests: [{ ...PPWP, invalidWarningThreshold: 0.02 }, DPD, DPR],
  panels: [{ id: 'panel-1', name: 'Panel 1' }],
  schedule: { timeZone: 'Asia/Jakarta', days: [] },
  settings: { verification: 'readback' },
} as unknown as Setup;

describe('checkAll', () => {
  it('is empty for consistent, distinct tallies', () => {
    const tallies = [ppwpTally(TPS1), dprTally(TPS1), dpdTally(TPS1), edit(ppwpTally(TPS2), { 'votes.1': 14, 'votes.2': 122 })];
    expect(checkAll(tallies)).toEqual([]);
  });

  it('runs the tally checks, W04 per TPS and W05 per desa × contest, sorted', () => {
    const tallies: Tally[] = [
      ppwpTally(TPS2), // duplicates TPS1's PPWP → W05 on both
      edit(dprTally(TPS2), { 'votes.1.partyOnly': 11 }), // E09, E08 still fine
      edit(dpdTally(TPS1), { 'voters.dpt.total': 285 }), // E01, W02, W04 (vs PPWP, DPR)
      ppwpTally(TPS1),
      dprTally(TPS1),
    ];
    const got = checkAll(tallies).map((f) => `${f.severity[0]} ${f.tps.slice(-3)} ${f.contest} ${f.code}`);
    expect(got).toEqual([
      'e 001 DPD E01',
      'e 002 DPR E09',
      'w 001 PPWP W05',
      'w 001 DPD W02',
      'w 001 DPD W04',
      'w 002 PPWP W05',
    ]);
  });

  it('uses the contest setup from the setup (W03 threshold)', () => {
    const t = edit(ppwpTally(), {}); // 5 of 184 invalid: 2.7%
    expect(withCode(checkAll([t]), 'W03')).toEqual([]);
    expect(withCode(checkAll([t], setup), 'W03')).toHaveLength(1);
  });

  it('orders contests by counting order, not alphabetically', () => {
    const tallies = CONTEST_IDS.filter((c) => c !== 'DPRD_PROV' && c !== 'DPRD_KAB')
      .map((c) => (c === 'PPWP' ? ppwpTally() : c === 'DPR' ? dprTally() : dpdTally()))
      .map((t) => edit(t, { valid: 1000 }))
      .reverse();
    const contests = withCode(checkAll(tallies), 'E11').map((f) => f.contest);
    expect(contests).toEqual(['PPWP', 'DPR', 'DPD']);
  });
});

describe('isWarningAccepted', () => {
  const tally = edit(ppwpTally(), { 'ballots.received': 289, 'ballots.unused': 104 });
  const [w02] = withCode(checkAll([tally]), 'W02');

  it('needs an acceptance of the code with a non-blank reason', () => {
    expect(w02).toBeDefined();
    expect(isWarningAccepted(w02!, tally)).toBe(false);
    expect(isWarningAccepted(w02!, { ...tally, acceptedWarnings: [{ code: 'W02', reason: '   ' }] })).toBe(false);
    expect(isWarningAccepted(w02!, { ...tally, acceptedWarnings: [{ code: 'W01', reason: 'ok' }] })).toBe(false);
    expect(isWarningAccepted(w02!, {
      ...tally, acceptedWarnings: [{ code: 'W02', reason: 'KPPS menerima 289 lembar (berita acara)', by: 'ketua' }],
    })).toBe(true);
  });

  it('never accepts errors, nor a finding about another tally', () => {
    const broken = edit(tally, { total: 185 });
    const [e06] = withCode(checkAll([broken]), 'E06');
    expect(isWarningAccepted(e06!, { ...broken, acceptedWarnings: [{ code: 'E06', reason: 'x' }] })).toBe(false);
    expect(isWarningAccepted(w02!, { ...ppwpTally(TPS2), acceptedWarnings: [{ code: 'W02', reason: 'x' }] })).toBe(false);
  });
});

describe('CHECK_DEFINITIONS', () => {
  it('has every code once, with the severity of its letter and both languages', () => {
    expect(Object.keys(CHECK_DEFINITIONS)).toEqual([...CHECK_CODES]);
    expect(CHECK_CODES).toHaveLength(17);
    for (const code of CHECK_CODES) {
      const d = CHECK_DEFINITIONS[code];
      expect(d.severity).toBe(code.startsWith('E') ? 'error' : 'warning');
      expect(d.description.id.length).toBeGreaterThan(5);
      expect(d.description.en.length).toBeGreaterThan(5);
    }
  });
});
