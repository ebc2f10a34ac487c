import { describe, expect, it } from 'vitest';
import { desaOfTps } from '../../src/domain/codes/codes.ts';
import type { Setup } from '../../src/domain/setup/index.ts';
import { generateKecamatan } from '../../src/domain/synthetic/generate.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import { summaryOfRow, type TallySummaryRow } from '../../src/db/index.ts';
import { buildStatusIndex, desaForDay } from '../../src/ui/navigation/status.ts';

/** A form's stored summary, as the summary table holds it (checked with its contest setup). */
const summaryOf = (setup: Setup, tally: Tally, revision = 1): TallySummaryRow =>
  summaryOfRow(
    { key: tallyKey(tally), tps: tally.tps, desa: desaOfTps(tally.tps), contest: tally.contest, status: tally.status, tally, revision, updatedAt: '2024-02-18T01:00:00.000Z', updatedBy: 'test' },
    setup.contests.find((c) => c.id === tally.contest),
  );

describe('status index (chips and per-desa counts)', () => {
  it('covers the largest kecamatan (1,591 TPS × 5 contests) from the stored summaries', () => {
    const { setup, tallies } = generateKecamatan({ tps: 1591, seed: 7 });
    expect(tallies).toHaveLength(1591 * 5);
    // One form with an error among 7,955 check-clean ones.
    const rows = tallies.map((t, i) => summaryOf(setup, { ...t, status: 'entered', ...(i === 0 ? { valid: (t.valid ?? 0) + 1 } : {}) }));
    const index = buildStatusIndex(setup, rows);

    const desa = setup.desa.find((d) => tallies[0]!.tps.startsWith(d.code))!;
    expect(index.desa(desa.code)).toMatchObject({ forms: desa.tps.length * 5, done: desa.tps.length * 5, withErrors: 1, withWarnings: 0 });
    expect(index.get(tallies[0]!.tps, tallies[0]!.contest)).toMatchObject({ status: 'entered' });
    expect(index.get(tallies[0]!.tps, tallies[0]!.contest).errors).toBeGreaterThan(0);
    expect(index.get(tallies[1]!.tps, tallies[1]!.contest)).toMatchObject({ status: 'entered', errors: 0, warnings: 0 });
  });

  it('missing rows count as empty', () => {
    const { setup } = generateKecamatan({ tps: 20, seed: 1 });
    const index = buildStatusIndex(setup, []);
    const desa = setup.desa[0]!;
    expect(index.desa(desa.code).byStatus.empty).toBe(desa.tps.length * setup.contests.length);
    expect(index.desa(desa.code).done).toBe(0);
  });

  it('counts only the desa whose rows were read, and refuses to guess the others', () => {
    const { setup, tallies } = generateKecamatan({ tps: 60, seed: 5 });
    const [first, second] = setup.desa;
    const rows = tallies.filter((t) => t.tps.startsWith(first!.code)).map((t) => summaryOf(setup, t));
    const index = buildStatusIndex(setup, rows, [first!.code]);
    expect(index.desa(first!.code)).toMatchObject({ forms: first!.tps.length * 5, done: first!.tps.length * 5 });
    // Not "0 of N entered": the rows of that desa were never read.
    expect(() => index.desa(second!.code)).toThrow(/not read/);
  });

  it('lists a day’s desa per panel in schedule order', () => {
    const { setup } = generateKecamatan({ tps: 60, seed: 3 });
    const day = setup.schedule.days[0];
    if (!day) return;
    const all = desaForDay(setup, day.date, null).map((d) => d.desa);
    expect(all).toEqual([...new Set(day.assignments.flatMap((a) => a.desa))]);
    expect(desaForDay(setup, null, null)).toHaveLength(setup.desa.length);
  });
});
