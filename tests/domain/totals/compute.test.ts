import { describe, expect, it } from 'vitest';
import { TpsCodeSchema, type TpsCode } from '../../../src/domain/codes/codes.ts';
import { SetupSchema, type ContestSetup } from '../../../src/domain/setup/schema.ts';
import { emptyTally, setFigure } from '../../../src/domain/tally/fields.ts';
import type { Tally, TallyStatus } from '../../../src/domain/tally/tally.ts';
import { computeTotals, sumTallies } from '../../../src/domain/totals/index.ts';

const setup = SetupSchema.parse({
  format: 'rekap.setup/v1',
  election: { id: 'test', name: 'Test', votingDate: '2024-02-14' },
  provinsi: { code: '35', name: 'Jawa Timur' },
  kabupaten: { code: '3509', name: 'Jember' },
  kecamatan: { code: '350908', name: 'Puger' },
  desa: [
    { code: '3509082002', name: 'Mojomulyo', tps: [1, 2, 901] },
    { code: '3509082001', name: 'Mojosari', tps: [1, 2] },
  ],
  contests: [
    { id: 'PPWP', name: 'Presiden', candidates: [1, 2, 3].map((n) => ({ number: n, name: `Paslon ${n}` })) },
    {
      id: 'DPR',
      name: 'DPR',
      dapil: { name: 'Jawa Timur IV', seats: 2 },
      parties: [
        { number: 1, name: 'PKB', candidates: [{ number: 1, name: 'A' }, { number: 2, name: 'B' }] },
        { number: 24, name: 'Ummat', candidates: [{ number: 1, name: 'C' }] },
      ],
    },
  ],
  panels: [{ id: 'panel-1', name: 'Panel 1' }],
  schedule: { days: [] },
});
const contest = (id: string): ContestSetup => setup.contests.find((c) => c.id === id)!;
const tps = (code: string): TpsCode => TpsCodeSchema.parse(code);

/** A tally with only the given figures entered. */
function tally(code: string, contestId: string, status: TallyStatus, figures: Record<string, number>): Tally {
  let t: Tally = { ...emptyTally(tps(code), contest(contestId)), status };
  for (const [path, value] of Object.entries(figures)) t = setFigure(t, path, value);
  return t;
}

describe('sumTallies', () => {
  it('sums each figure over the tallies where it is entered, null where entered in none', () => {
    const a = tally('3509082001001', 'PPWP', 'verified', { 'voters.dpt.male': 100, 'votes.1': 10, valid: 10 });
    const b = tally('3509082001002', 'PPWP', 'verified', { 'voters.dpt.male': 50, 'votes.1': 5, 'votes.2': -1 });
    const { tpsIncluded, figures } = sumTallies([a, b], 'PPWP');
    expect(tpsIncluded).toBe(2);
    expect(figures.voters.dpt).toEqual({ male: 150, female: null, total: null });
    expect(figures.votes).toEqual({ '1': 15, '2': -1, '3': null });
    expect(figures.valid).toBe(10); // entered once: not 10 + "0"
    expect(figures.invalid).toBeNull();
    expect(figures.contest).toBe('PPWP');
  });

  it('sums figures that fail checks as they are (-1, 1200, 2.5)', () => {
    const a = tally('3509082001001', 'PPWP', 'entered', { 'ballots.received': 1200, 'disabled.total': 2.5 });
    const b = tally('3509082001002', 'PPWP', 'entered', { 'ballots.received': -1 });
    const { figures } = sumTallies([a, b], 'PPWP');
    expect(figures.ballots.received).toBe(1199);
    expect(figures.disabled.total).toBe(2.5);
  });

  it('sums party-only, per-candidate and party totals, with the union of vote keys', () => {
    const a = tally('3509082001001', 'DPR', 'entered', { 'votes.1.partyOnly': 4, 'votes.1.candidates.1': 3, 'votes.1.total': 7 });
    const b: Tally = {
      ...tally('3509082001002', 'DPR', 'entered', { 'votes.1.partyOnly': 1 }),
      contest: 'DPR',
      votes: { '1': { partyOnly: 1, candidates: { '1': 2, '9': 6 }, total: 9 }, '5': { partyOnly: null, candidates: {}, total: 0 } },
    };
    const { figures } = sumTallies([a, b], 'DPR');
    expect(figures.votes).toEqual({
      '1': { partyOnly: 5, candidates: { '1': 5, '2': null, '9': 6 }, total: 16 },
      '5': { partyOnly: null, candidates: {}, total: 0 },
      '24': { partyOnly: null, candidates: { '1': null }, total: null },
    });
  });

  it('counts only tallies with at least one entered figure, and only of the requested contest', () => {
    const empty = tally('3509082001001', 'PPWP', 'empty', {});
    const zero = tally('3509082001002', 'PPWP', 'draft', { invalid: 0 });
    const other = tally('3509082001001', 'DPR', 'verified', { valid: 5 });
    const { tpsIncluded, figures } = sumTallies([empty, zero, other], 'PPWP');
    expect(tpsIncluded).toBe(1);
    expect(figures.invalid).toBe(0);
    expect(figures.valid).toBeNull();
  });

  it('gives all-null figures and no vote keys for no tallies', () => {
    const { tpsIncluded, figures } = sumTallies([], 'DPD');
    expect(tpsIncluded).toBe(0);
    expect(figures.votes).toEqual({});
    expect(figures.total).toBeNull();
    expect(figures.voters.usedTotal).toEqual({ male: null, female: null, total: null });
  });
});

describe('computeTotals with a setup', () => {
  const tallies = [
    tally('3509082002001', 'PPWP', 'verified', { 'votes.1': 10, valid: 10 }),
    tally('3509082002002', 'PPWP', 'entered', { 'voters.dpt.male': 7 }),
    tally('3509082002901', 'PPWP', 'empty', {}), // present but nothing entered → missing
    tally('3509082002005', 'PPWP', 'draft', { 'votes.2': 4 }), // TPS not in the setup: still summed
    tally('3509082001001', 'PPWP', 'final', { 'votes.1': 3, valid: 3 }),
    tally('3509082099001', 'PPWP', 'verified', { 'votes.3': 1 }), // desa not in the setup: appended
    tally('3509082001002', 'DPR', 'verified', { valid: 99 }), // other contest: ignored
  ];
  const report = computeTotals(tallies, 'PPWP', setup);

  it('lists desa in setup order with names, then unknown desa with name null', () => {
    expect(report.format).toBe('rekap.totals/v1');
    expect(report.contest).toBe('PPWP');
    expect(report.desa.map((d) => [d.code, d.name])).toEqual([
      ['3509082002', 'Mojomulyo'],
      ['3509082001', 'Mojosari'],
      ['3509082099', null],
    ]);
  });

  it('says which TPS are included, missing and unverified at each level', () => {
    const [mojomulyo, mojosari, unknown] = report.desa;
    expect(mojomulyo).toMatchObject({ tpsIncluded: 3, tpsMissing: ['3509082002901'], tpsUnverified: ['3509082002002', '3509082002005'] });
    expect(mojosari).toMatchObject({ tpsIncluded: 1, tpsMissing: ['3509082001002'], tpsUnverified: [] });
    expect(unknown).toMatchObject({ tpsIncluded: 1, tpsMissing: [], tpsUnverified: [] });
    expect(report.kecamatan).toMatchObject({
      code: '350908',
      name: 'Puger',
      tpsIncluded: 5,
      tpsMissing: ['3509082002901', '3509082001002'],
      tpsUnverified: ['3509082002002', '3509082002005'],
    });
  });

  it('sums desa from their TPS and the kecamatan from its desa, every choice listed', () => {
    expect(report.desa[0]!.figures.votes).toEqual({ '1': 10, '2': 4, '3': null });
    expect(report.desa[1]!.figures.votes).toEqual({ '1': 3, '2': null, '3': null });
    expect(report.desa[2]!.figures.votes).toEqual({ '1': null, '2': null, '3': 1 });
    expect(report.kecamatan.figures.votes).toEqual({ '1': 13, '2': 4, '3': 1 });
    expect(report.kecamatan.figures.valid).toBe(13);
    expect(report.kecamatan.figures.voters.dpt.male).toBe(7);
  });

  it('lists every setup desa, TPS and choice as missing/null when there are no tallies', () => {
    const none = computeTotals([], 'DPR', setup);
    expect(none.desa.map((d) => d.tpsIncluded)).toEqual([0, 0]);
    expect(none.kecamatan.tpsMissing).toHaveLength(5);
    expect(none.kecamatan.figures.votes).toEqual({
      '1': { partyOnly: null, candidates: { '1': null, '2': null }, total: null },
      '24': { partyOnly: null, candidates: { '1': null }, total: null },
    });
  });
});

describe('computeTotals without a setup', () => {
  it('derives desa from TPS codes, sorted by code, names null, nothing missing', () => {
    const report = computeTotals(
      [
        tally('3509082002001', 'PPWP', 'entered', { 'votes.1': 2 }),
        tally('3509082001001', 'PPWP', 'verified', { 'votes.1': 1 }),
        tally('3509082002002', 'PPWP', 'verified', { 'votes.2': 5 }),
      ],
      'PPWP',
    );
    expect(report.kecamatan).toMatchObject({ code: '350908', name: null, tpsIncluded: 3, tpsMissing: [], tpsUnverified: ['3509082002001'] });
    expect(report.desa.map((d) => [d.code, d.name, d.tpsIncluded])).toEqual([
      ['3509082001', null, 1],
      ['3509082002', null, 2],
    ]);
    expect(report.kecamatan.figures.votes).toEqual({ '1': 3, '2': 5, '3': null }); // key present in the tallies, never entered
  });

  it('returns an empty report for no tallies', () => {
    const report = computeTotals([], 'PPWP');
    expect(report.desa).toEqual([]);
    expect(report.kecamatan).toMatchObject({ code: '', tpsIncluded: 0, tpsMissing: [] });
  });
});
