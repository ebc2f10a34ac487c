import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as checks from '../../../src/domain/checks/index.ts';
import { desaOfTps } from '../../../src/domain/codes/codes.ts';
import { generateKecamatan } from '../../../src/domain/synthetic/generate.ts';
import { setFigure } from '../../../src/domain/tally/fields.ts';
import { tallyKey, type Tally } from '../../../src/domain/tally/tally.ts';
import type { TallyRow } from '../../../src/db/index.ts';
import { buildDiscrepancies } from '../../../src/ui/discrepancies/discrepancyIndex.ts';

vi.mock('../../../src/domain/checks/index.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../src/domain/checks/index.ts')>();
  // Spies that run the real checks, to count which tallies and groups are checked again.
  return {
    ...mod,
    checkTally: vi.fn((...args: Parameters<typeof mod.checkTally>) => mod.checkTally(...args)),
    checkTpsContests: vi.fn((...args: Parameters<typeof mod.checkTpsContests>) => mod.checkTpsContests(...args)),
    checkDesaDuplicates: vi.fn((...args: Parameters<typeof mod.checkDesaDuplicates>) => mod.checkDesaDuplicates(...args)),
  };
});

const row = (tally: Tally, revision = 1): TallyRow => ({
  key: tallyKey(tally),
  tps: tally.tps,
  desa: desaOfTps(tally.tps),
  contest: tally.contest,
  status: tally.status,
  tally,
  revision,
  updatedAt: `2024-02-18T00:00:${String(revision).padStart(2, '0')}Z`,
  updatedBy: 'Ani',
});

beforeEach(() => {
  vi.mocked(checks.checkTally).mockClear();
});

describe('buildDiscrepancies', () => {
  it('includes W04 (DPT across contests) and W05 (duplicate votes), and re-checks only what changed', () => {
    const { setup, tallies } = generateKecamatan({ tps: 300, seed: 3 });
    let rows = tallies.map((t) => row(t));
    expect(buildDiscrepancies(setup, rows, [])).toEqual([]);
    expect(vi.mocked(checks.checkTally)).toHaveBeenCalledTimes(rows.length);

    // Same rows again: nothing is re-checked.
    vi.mocked(checks.checkTally).mockClear();
    vi.mocked(checks.checkTpsContests).mockClear();
    vi.mocked(checks.checkDesaDuplicates).mockClear();
    buildDiscrepancies(setup, rows, []);
    expect(vi.mocked(checks.checkTally)).not.toHaveBeenCalled();
    expect(vi.mocked(checks.checkTpsContests)).not.toHaveBeenCalled();
    expect(vi.mocked(checks.checkDesaDuplicates)).not.toHaveBeenCalled();

    // One DPR tally gets another DPT (W04 + E01) → one tally, one TPS group, one desa × contest group re-checked.
    const i = rows.findIndex((r) => r.contest === 'DPR');
    const changed = setFigure(rows[i]!.tally, 'voters.dpt.male', (rows[i]!.tally.voters.dpt.male ?? 0) + 1);
    rows = rows.map((r, k) => (k === i ? row(changed, 2) : r));
    const found = buildDiscrepancies(setup, rows, []);
    expect(vi.mocked(checks.checkTally)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(checks.checkTpsContests)).toHaveBeenCalledTimes(1);
    expect(vi.mocked(checks.checkDesaDuplicates)).toHaveBeenCalledTimes(1);
    expect(found.map((d) => `${d.finding.code}:${d.finding.tps}:${d.finding.contest}:${d.state}`)).toEqual([
      `E01:${changed.tps}:DPR:open`,
      `W04:${changed.tps}:DPR:open`,
    ]);

    // Another PPWP tally of the same desa copies a PPWP tally's votes: W05 on both.
    const a = rows.find((r) => r.contest === 'PPWP')!;
    const bIndex = rows.findIndex((r) => r.contest === 'PPWP' && r.desa === a.desa && r.tps !== a.tps);
    const copy = { ...rows[bIndex]!.tally, votes: { ...(a.tally.votes as Record<string, number>) } } as Tally;
    rows = rows.map((r, k) => (k === bIndex ? row(copy, 3) : r));
    const w05 = buildDiscrepancies(setup, rows, []).filter((d) => d.finding.code === 'W05');
    expect(w05.map((d) => d.finding.tps).sort()).toEqual([a.tps, copy.tps].sort());
  });

  it('leaves out empty tallies and contests the setup does not have', () => {
    const { setup, tallies } = generateKecamatan({ tps: 20, seed: 5 });
    const broken = setFigure(tallies[0]!, 'valid', 999);
    const rows = [row({ ...broken, status: 'empty' }), row(setFigure(tallies[1]!, 'valid', 999))];
    const noDpr = { ...setup, contests: setup.contests.filter((c) => c.id !== tallies[1]!.contest) };
    expect(buildDiscrepancies(noDpr, rows, [])).toEqual([]);
    expect(buildDiscrepancies(setup, rows, []).map((d) => d.finding.tps)).toEqual([tallies[1]!.tps, tallies[1]!.tps]);
  });
});
