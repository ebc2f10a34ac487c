import { describe, expect, it } from 'vitest';
import { desaOfTps } from '../../src/domain/codes/codes.ts';
import { generateKecamatan } from '../../src/domain/synthetic/generate.ts';
import { tallyKey, type Tally } from '../../src/domain/tally/tally.ts';
import type { TallyRow } from '../../src/db/index.ts';
import { buildStatusIndex, desaForDay } from '../../src/ui/navigation/status.ts';

const rowOf = (tally: Tally, revision = 1): TallyRow => ({
  key: tallyKey(tally),
  tps: tally.tps,
  desa: desaOfTps(tally.tps),
  contest: tally.contest,
  status: tally.status,
  tally,
  revision,
  updatedAt: '2024-02-18T01:00:00.000Z',
  updatedBy: 'test',
});

describe('status index (chips and per-desa counts)', () => {
  it('covers the largest kecamatan (1,591 TPS × 5 contests) and re-checks only changed rows', () => {
    const { setup, tallies } = generateKecamatan({ tps: 1591, seed: 7 });
    expect(tallies).toHaveLength(1591 * 5);
    const rows = tallies.map((t) => rowOf({ ...t, status: 'entered' }));

    const first = buildStatusIndex(setup, rows);

    // One autosave later: one row has a new revision, every other row is the same.
    const changed = rows.map((r, i) => (i === 0 ? rowOf({ ...r.tally, valid: (r.tally.valid ?? 0) + 1 }, 2) : r));
    const second = buildStatusIndex(setup, changed);

    const desa = setup.desa[0]!;
    expect(first.desa(desa.code)).toMatchObject({ forms: desa.tps.length * 5, done: desa.tps.length * 5, withErrors: 0 });
    expect(second.desa(desa.code).withErrors).toBe(1);
    expect(second.get(rows[0]!.tps, rows[0]!.contest)).toMatchObject({ status: 'entered' });
    expect(second.get(rows[0]!.tps, rows[0]!.contest).errors).toBeGreaterThan(0);
    // Unchanged rows reuse their cached summary (not re-checked); the changed one is new.
    const other = rows[1]!;
    expect(second.get(other.tps, other.contest)).toBe(first.get(other.tps, other.contest));
    expect(second.get(rows[0]!.tps, rows[0]!.contest)).not.toBe(first.get(rows[0]!.tps, rows[0]!.contest));
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
    const rows = tallies.filter((t) => t.tps.startsWith(first!.code)).map((t) => rowOf(t));
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
