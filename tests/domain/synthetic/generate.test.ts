import { describe, expect, it } from 'vitest';
import { SetupSchema } from '../../../src/domain/setup/schema.ts';
import { createRng, generateKecamatan, splitProportionally } from '../../../src/domain/synthetic/generate.ts';
import { CONTEST_IDS } from '../../../src/domain/tally/contest.ts';
import { TallySchema, tallyKey } from '../../../src/domain/tally/tally.ts';
import { computeTotals } from '../../../src/domain/totals/index.ts';
import { linearViolations, tallyViolations } from './rules.ts';

describe('generateKecamatan', () => {
  const { setup, tallies } = generateKecamatan({ tps: 400, seed: 42 });

  it('produces a valid rekap.setup/v1 setup of realistic shape', () => {
    expect(SetupSchema.parse(setup)).toEqual(setup);
    expect(setup.kecamatan.code).toBe('317506');
    expect(setup.desa.reduce((a, d) => a + d.tps.length, 0)).toBe(400);
    for (const d of setup.desa) {
      expect(d.code.startsWith('317506')).toBe(true);
      expect(d.tps.length).toBeGreaterThanOrEqual(20);
      expect(d.tps.length).toBeLessThanOrEqual(150);
      expect(new Set(d.tps).size).toBe(d.tps.length);
    }
    expect(setup.contests.map((c) => c.id)).toEqual([...CONTEST_IDS]);
    const byId = new Map(setup.contests.map((c) => [c.id, c]));
    const ppwp = byId.get('PPWP')!;
    const dpd = byId.get('DPD')!;
    expect('candidates' in ppwp && ppwp.candidates).toHaveLength(3);
    expect('candidates' in dpd && dpd.candidates.length).toBeGreaterThanOrEqual(18);
    for (const [id, perParty] of [['DPR', 8], ['DPRD_PROV', 8], ['DPRD_KAB', 7]] as const) {
      const c = byId.get(id)!;
      if (!('parties' in c)) throw new Error(`${id} has no parties`);
      expect(c.parties.map((p) => p.number)).toEqual([...Array.from({ length: 17 }, (_, i) => i + 1), 24]);
      expect(c.parties.every((p) => p.candidates.length === perParty)).toBe(true);
    }
    expect(setup.panels).toHaveLength(2);
    const scheduled = setup.schedule.days.flatMap((d) => d.assignments.flatMap((a) => a.desa));
    expect([...scheduled].sort()).toEqual(setup.desa.map((d) => d.code).sort());
  });

  it('produces one schema-valid, verified tally per TPS × contest', () => {
    expect(tallies).toHaveLength(400 * 5);
    expect(new Set(tallies.map(tallyKey)).size).toBe(tallies.length);
    const setupTps = new Set(setup.desa.flatMap((d) => d.tps.map((n) => `${d.code}${String(n).padStart(3, '0')}`)));
    for (const t of tallies) {
      expect(TallySchema.parse(t)).toEqual(t);
      expect(t.status).toBe('verified');
      expect(setupTps.has(t.tps)).toBe(true);
    }
  });

  it('passes every arithmetic rule (E01–E11) and the plausibility warnings W01–W03', () => {
    const broken = tallies.map((t) => [tallyKey(t), tallyViolations(t)] as const).filter(([, v]) => v.length > 0);
    expect(broken).toEqual([]);
    for (const t of tallies) expect(t.voters.dpt.total).toBeLessThanOrEqual(300);
  });

  it('keeps the voters list (A) equal across the contests of a TPS (W04)', () => {
    const dpt = new Map<string, number | null>();
    for (const t of tallies) {
      if (!dpt.has(t.tps)) dpt.set(t.tps, t.voters.dpt.total);
      expect(t.voters.dpt.total).toBe(dpt.get(t.tps));
    }
  });

  it('lists every choice of the setup in each tally', () => {
    for (const t of tallies) {
      const contest = setup.contests.find((c) => c.id === t.contest)!;
      const numbers = ('candidates' in contest ? contest.candidates : contest.parties).map((c) => String(c.number));
      expect(Object.keys(t.votes).sort()).toEqual(numbers.sort());
    }
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateKecamatan({ tps: 60, seed: 5 })).toEqual(generateKecamatan({ tps: 60, seed: 5 }));
    expect(generateKecamatan({ tps: 60, seed: 5 })).not.toEqual(generateKecamatan({ tps: 60, seed: 6 }));
  });

  it('sums to consistent totals over a whole kecamatan', () => {
    for (const contest of CONTEST_IDS) {
      const report = computeTotals(tallies, contest, setup);
      expect(report.kecamatan.tpsIncluded).toBe(400);
      expect(report.kecamatan.tpsMissing).toEqual([]);
      expect(report.kecamatan.tpsUnverified).toEqual([]);
      expect(linearViolations(report.kecamatan.figures)).toEqual([]);
      expect(report.desa.map((d) => d.code)).toEqual(setup.desa.map((d) => d.code));
    }
  });

  it('handles small and large sizes (1 TPS; 1,591 TPS, the largest kecamatan)', () => {
    expect(generateKecamatan({ tps: 1 }).tallies).toHaveLength(5);
    const large = generateKecamatan({ tps: 1591, seed: 3 });
    expect(large.setup.desa.reduce((a, d) => a + d.tps.length, 0)).toBe(1591);
    expect(large.tallies).toHaveLength(7955);
    expect(() => generateKecamatan({ tps: 0 })).toThrow(RangeError);
  });
});

describe('seeded helpers', () => {
  it('createRng is deterministic and in range', () => {
    const a = createRng(9);
    const b = createRng(9);
    for (let i = 0; i < 100; i += 1) {
      const x = a.int(3, 7);
      expect(b.int(3, 7)).toBe(x);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(7);
    }
  });

  it('splitProportionally gives non-negative integers that add up exactly', () => {
    const rng = createRng(1);
    for (let i = 0; i < 200; i += 1) {
      const total = rng.int(0, 400);
      const weights = Array.from({ length: rng.int(1, 20) }, () => rng.real(0, 2));
      const parts = splitProportionally(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
    }
  });
});
