import { describe, expect, it } from 'vitest';
import { DesaCodeSchema } from '../../../src/domain/codes/codes.ts';
import { LANGUAGES } from '../../../src/domain/common/text.ts';
import {
  allTps,
  desaOfPanel,
  fieldLabel,
  findContest,
  findDesa,
  tpsOfDesa,
  validateSetup,
  type ContestSetup,
  type Setup,
} from '../../../src/domain/setup/index.ts';
import { paperOrder } from '../../../src/domain/tally/fields.ts';
import { demoJson } from './demo.ts';

function demo(): Setup {
  const result = validateSetup(demoJson());
  if (!result.ok) throw new Error('demo setup invalid');
  return result.value;
}

const desa = (code: string) => DesaCodeSchema.parse(code);

describe('TPS and desa lookups', () => {
  it('allTps lists the 364 Puger TPS in setup order with their 13-digit codes', () => {
    const tps = allTps(demo());
    expect(tps).toHaveLength(364);
    expect(tps[0]).toMatchObject({ number: 1, code: '3509082001001', desa: { name: 'MLOKOREJO' } });
    expect(tps.at(-1)).toMatchObject({ number: 32, code: '3509082012032', desa: { name: 'PUGERWETAN' } });
    expect(new Set(tps.map((t) => t.code)).size).toBe(364);
  });

  it('keeps gaps and 9xx numbers as listed', () => {
    const setup = demo();
    setup.desa[0] = { ...setup.desa[0]!, tps: [1, 3, 901] };
    expect(tpsOfDesa(setup, desa('3509082001')).map((t) => t.code)).toEqual(['3509082001001', '3509082001003', '3509082001901']);
  });

  it('tpsOfDesa and findDesa', () => {
    const setup = demo();
    expect(tpsOfDesa(setup, desa('3509082007')).map((t) => t.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(tpsOfDesa(setup, desa('3509082099'))).toEqual([]);
    expect(findDesa(setup, desa('3509082008'))?.name).toBe('KASIYAN TIMUR');
    expect(findDesa(setup, desa('3509082099'))).toBeUndefined();
  });

  it('findContest', () => {
    const setup = demo();
    expect(findContest(setup, 'DPRD_KAB')?.name).toMatch(/Jember/);
    setup.contests = setup.contests.filter((c) => c.id !== 'DPD');
    expect(findContest(setup, 'DPD')).toBeUndefined();
  });

  it('desaOfPanel covers each panel’s desa over all days, in schedule order; together all 12', () => {
    const setup = demo();
    const p1 = desaOfPanel(setup, 'panel-1');
    const p2 = desaOfPanel(setup, 'panel-2');
    expect(p1).toHaveLength(6);
    expect(p2).toHaveLength(6);
    expect(p1.slice(0, 2)).toEqual(setup.schedule.days[0]!.assignments.find((a) => a.panel === 'panel-1')!.desa);
    expect([...p1, ...p2].sort()).toEqual(setup.desa.map((d) => d.code));
    expect(desaOfPanel(setup, 'panel-9')).toEqual([]);
  });
});

describe('fieldLabel', () => {
  it('gives unique labels, in both languages, for every cell of every demo contest', () => {
    for (const contest of demo().contests) {
      for (const lang of LANGUAGES) {
        const paths = paperOrder(contest);
        const labels = paths.map((p) => fieldLabel(contest, p, lang));
        expect(new Set(labels).size, `${contest.id} ${lang}`).toBe(labels.length);
        // Every path is known: no label falls back to the raw path.
        labels.forEach((label, i) => expect(label).not.toBe(paths[i]));
      }
    }
  });

  it('words the cells as the paper form does', () => {
    const setup = demo();
    const ppwp = findContest(setup, 'PPWP')!;
    const dpr = findContest(setup, 'DPR')!;
    const dpd = findContest(setup, 'DPD')!;
    const id = (c: ContestSetup, p: string) => fieldLabel(c, p, 'id');
    const en = (c: ContestSetup, p: string) => fieldLabel(c, p, 'en');
    expect(id(ppwp, 'voters.dpt.male')).toBe('A. Jumlah pemilih dalam DPT — Laki-laki (L)');
    expect(id(ppwp, 'voters.usedDptb.female')).toBe('B.2 Pengguna hak pilih dalam DPTb — Perempuan (P)');
    expect(id(ppwp, 'voters.usedTotal.total')).toBe('B.4 Jumlah pengguna hak pilih — Jumlah (L+P)');
    expect(id(ppwp, 'ballots.received')).toBe('II.1 Surat suara diterima');
    expect(id(ppwp, 'disabled.total')).toBe('III. Pemilih disabilitas yang menggunakan hak pilih — Jumlah (L+P)');
    expect(id(ppwp, 'votes.2')).toBe('Paslon 02');
    expect(en(ppwp, 'votes.2')).toBe('Pair 02');
    expect(id(dpd, 'votes.17')).toBe('Calon DPD 17');
    expect(id(dpr, 'votes.1.partyOnly')).toBe('PKB — suara partai (A.1)');
    expect(id(dpr, 'votes.1.candidates.3')).toBe('PKB — calon 3');
    expect(id(dpr, 'votes.24.total')).toBe('Ummat — jumlah (B)');
    expect(en(dpr, 'votes.1.candidates.3')).toBe('PKB — candidate 3');
    expect(id(dpr, 'valid')).toBe('V.A Jumlah suara sah');
    expect(en(dpr, 'invalid')).toBe('V.B Invalid votes');
    expect(id(dpr, 'total')).toBe('V.C Jumlah suara sah dan tidak sah');
  });

  it('falls back gracefully for parties without a short name and unknown paths', () => {
    const contest: ContestSetup = {
      id: 'DPRD_KAB',
      name: 'DPRD',
      dapil: { name: 'Jember 6', seats: 7 },
      parties: [{ number: 5, name: 'Partai NasDem', candidates: [{ number: 1, name: 'A' }] }],
    };
    expect(fieldLabel(contest, 'votes.5.candidates.1', 'id')).toBe('Partai NasDem — calon 1');
    expect(fieldLabel(contest, 'votes.9.total', 'en')).toBe('Party 9 — total (B)');
    expect(fieldLabel(contest, 'votes.5', 'id')).toBe('votes.5');
    expect(fieldLabel(contest, 'nonsense.path', 'en')).toBe('nonsense.path');
  });
});
