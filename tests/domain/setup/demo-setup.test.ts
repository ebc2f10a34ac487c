import { describe, expect, it } from 'vitest';
import { validateSetup, type Setup } from '../../../src/domain/setup/index.ts';
import { demoJson, wilayah } from './demo.ts';

function demo(): Setup {
  const result = validateSetup(demoJson());
  if (!result.ok) throw new Error(JSON.stringify(result.error, null, 2));
  return result.value;
}

describe('the Puger demo setup', () => {
  it('validates without issues', () => {
    expect(validateSetup(demoJson())).toMatchObject({ ok: true });
  });

  it('has the real wilayah of puger-wilayah.json: codes, names, TPS counts, 364 TPS', () => {
    const setup = demo();
    const w = wilayah();
    expect(setup.provinsi).toEqual({ code: '35', name: w.prov['35'] });
    expect(setup.kabupaten).toEqual({ code: '3509', name: w.kab['3509'] });
    expect(setup.kecamatan).toEqual({ code: '350908', name: 'PUGER' });
    expect(setup.desa.map((d) => d.code)).toEqual(Object.keys(w.desa).sort());
    for (const d of setup.desa) {
      const real = w.desa[d.code]!;
      expect(d.name).toBe(real.name);
      expect(d.tps).toEqual(Array.from({ length: real.tps }, (_, i) => i + 1));
    }
    expect(setup.desa).toHaveLength(12);
    expect(setup.desa.reduce((sum, d) => sum + d.tps.length, 0)).toBe(364);
  });

  it('has the election, the five contests in counting order and the 3 real pairs', () => {
    const setup = demo();
    expect(setup.election).toEqual({ id: 'pemilu-2024', name: expect.any(String), votingDate: '2024-02-14' });
    expect(setup.contests.map((c) => c.id)).toEqual(['PPWP', 'DPR', 'DPD', 'DPRD_PROV', 'DPRD_KAB']);
    const ppwp = setup.contests[0]!;
    expect(ppwp.id === 'PPWP' && ppwp.candidates).toEqual([
      { number: 1, name: 'Anies Rasyid Baswedan – Muhaimin Iskandar' },
      { number: 2, name: 'Prabowo Subianto – Gibran Rakabuming Raka' },
      { number: 3, name: 'Ganjar Pranowo – Mahfud MD' },
    ]);
  });

  it('lists the 18 national parties with their ballot numbers and one candidate per seat', () => {
    const expected: Record<string, [string, number]> = {
      DPR: ['Jawa Timur IV', 8],
      DPRD_PROV: ['Jawa Timur 4', 11],
      DPRD_KAB: ['Jember 6', 7],
    };
    for (const contest of demo().contests) {
      if (!('parties' in contest)) continue;
      const [dapil, seats] = expected[contest.id]!;
      expect(contest.dapil).toEqual({ name: dapil, seats });
      expect(contest.parties.map((p) => `${p.number} ${p.abbreviation}`)).toEqual([
        '1 PKB', '2 Gerindra', '3 PDIP', '4 Golkar', '5 NasDem', '6 Buruh', '7 Gelora', '8 PKS', '9 PKN',
        '10 Hanura', '11 Garuda', '12 PAN', '13 PBB', '14 Demokrat', '15 PSI', '16 Perindo', '17 PPP', '24 Ummat',
      ]);
      for (const party of contest.parties) {
        expect(party.name).toMatch(/^Partai /);
        expect(party.candidates.map((c) => c.number)).toEqual(Array.from({ length: seats }, (_, i) => i + 1));
        for (const c of party.candidates) expect(c.name).toMatch(/^Calon Demo /);
      }
    }
  });

  it('has a DPD Jawa Timur ballot of realistic size, 4 seats, placeholder names', () => {
    const dpd = demo().contests.find((c) => c.id === 'DPD');
    expect(dpd?.dapil).toEqual({ name: 'Jawa Timur', seats: 4 });
    const candidates = dpd && 'candidates' in dpd ? dpd.candidates : [];
    expect(candidates.length).toBeGreaterThanOrEqual(15);
    expect(candidates.every((c) => c.name.startsWith('Calon Demo DPD'))).toBe(true);
  });

  it('schedules each desa exactly once: 18–20 Feb, 08:00–22:00 WIB, 2 panels × 2 desa a day', () => {
    const setup = demo();
    expect(setup.panels).toEqual([{ id: 'panel-1', name: 'Panel 1' }, { id: 'panel-2', name: 'Panel 2' }]);
    expect(setup.schedule.timeZone).toBe('Asia/Jakarta');
    expect(setup.schedule.days.map((d) => [d.date, d.start, d.end])).toEqual([
      ['2024-02-18', '08:00', '22:00'],
      ['2024-02-19', '08:00', '22:00'],
      ['2024-02-20', '08:00', '22:00'],
    ]);
    for (const day of setup.schedule.days) {
      expect(day.assignments.map((a) => [a.panel, a.desa.length])).toEqual([['panel-1', 2], ['panel-2', 2]]);
    }
    const scheduled = setup.schedule.days.flatMap((d) => d.assignments.flatMap((a) => a.desa));
    expect([...scheduled].sort()).toEqual(setup.desa.map((d) => d.code).sort());
    expect(setup.settings.verification).toBe('readback');
  });
});
