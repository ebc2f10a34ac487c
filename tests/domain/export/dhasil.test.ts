import { describe, expect, it } from 'vitest';
import { TpsCodeSchema, type DesaCode } from '../../../src/domain/codes/codes.ts';
import { desaTable, dhasilCsvRows, choiceSeries, kecamatanTable } from '../../../src/domain/export/index.ts';
import type { PartyContestSetup } from '../../../src/domain/setup/index.ts';
import { generateKecamatan } from '../../../src/domain/synthetic/generate.ts';
import { paperOrder, getFigure } from '../../../src/domain/tally/fields.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { computeTotals } from '../../../src/domain/totals/index.ts';

const { setup, tallies: all } = generateKecamatan({ tps: 90, seed: 7 });
const dpr = setup.contests.find((c) => c.id === 'DPR') as PartyContestSetup;
const firstDesa = setup.desa[0]!;
const tpsOf = (n: number) => TpsCodeSchema.parse(`${firstDesa.code}${String(n).padStart(3, '0')}`);
const missing = tpsOf(firstDesa.tps[1]!);
const draft = tpsOf(firstDesa.tps[2]!);
// One TPS missing, one back to "entered" (so not verified) in the first desa.
const tallies: Tally[] = all
  .filter((t) => !(t.tps === missing))
  .map((t) => (t.tps === draft ? { ...t, status: 'entered' as const } : t));

describe('kecamatanTable', () => {
  const report = computeTotals(tallies, 'DPR', setup);
  const table = kecamatanTable(report, setup);

  it('has a row per item of the paper form and a column per desa, then the total', () => {
    expect(table.rows.map((r) => r.path)).toEqual(paperOrder(dpr));
    expect(table.columns.map((c) => c.code)).toEqual([...setup.desa.map((d) => d.code), setup.kecamatan.code]);
    expect(table.columns.at(-1)!.kind).toBe('total');
  });

  it('puts each desa total and the kecamatan total in its column; the total is the sum of the desa', () => {
    for (const row of table.rows) {
      const desaValues = row.values.slice(0, -1) as number[];
      expect(row.values.at(-1)).toBe(desaValues.reduce((a, b) => a + b, 0));
    }
    const valid = table.rows.find((r) => r.path === 'valid')!;
    expect(valid.values[0]).toBe(report.desa[0]!.figures.valid);
  });

  it('says per column how many TPS it covers and which are missing or unverified', () => {
    const first = table.columns[0]!;
    expect(first.coverage).toEqual({ expected: firstDesa.tps.length, included: firstDesa.tps.length - 1, missing: [missing], unverified: [draft] });
    const total = table.columns.at(-1)!;
    expect(total.coverage.expected).toBe(90);
    expect(total.coverage.included).toBe(89);
    expect(total.coverage.missing).toEqual([missing]);
  });

  it('labels party rows with the party and candidate rows with their names', () => {
    const pkb = dpr.parties[0]!;
    const cand = table.rows.find((r) => r.path === `votes.${pkb.number}.candidates.2`)!;
    expect(cand.kind).toBe('candidate');
    expect(cand.label.id).toBe(`${pkb.abbreviation} — 2. ${pkb.candidates[1]!.name}`);
    expect(cand.shortLabel.id).toBe(`2. ${pkb.candidates[1]!.name}`);
    const total = table.rows.find((r) => r.path === `votes.${pkb.number}.total`)!;
    expect(total.kind).toBe('partyTotal');
    expect(new Set(table.rows.map((r) => r.label.id)).size).toBe(table.rows.length);
  });

  it('charts one series per party (its total B)', () => {
    const series = choiceSeries(table);
    expect(series.map((s) => s.label.id)).toEqual(dpr.parties.map((p) => p.abbreviation));
  });
});

describe('desaTable', () => {
  const report = computeTotals(tallies, 'DPR', setup);

  it('is the lampiran: one column per TPS with its own figures, then the desa total', () => {
    const table = desaTable(report, setup, firstDesa.code, tallies)!;
    expect(table.columns.map((c) => c.code)).toEqual([...firstDesa.tps.map(tpsOf), firstDesa.code]);
    const t0 = tallies.find((t) => t.tps === tpsOf(firstDesa.tps[0]!) && t.contest === 'DPR')!;
    for (const row of table.rows) expect(row.values[0]).toBe(getFigure(t0, row.path));
    // The missing TPS is an empty column, flagged; the entered one is flagged unverified.
    expect(table.rows.every((r) => r.values[1] === null)).toBe(true);
    expect(table.columns[1]!.coverage).toMatchObject({ expected: 1, included: 0, missing: [missing] });
    expect(table.columns[1]!.status).toBeNull();
    expect(table.columns[2]!.coverage.unverified).toEqual([draft]);
    expect(table.columns[2]!.status).toBe('entered');
    const total = table.columns.at(-1)!;
    expect(total.coverage).toMatchObject({ expected: firstDesa.tps.length, included: firstDesa.tps.length - 1 });
  });

  it('keeps a tally of a TPS the setup does not list, as an extra column (sums never drop data)', () => {
    const stray = { ...tallies.find((t) => t.tps === tpsOf(firstDesa.tps[0]!) && t.contest === 'DPR')!, tps: tpsOf(777) };
    const withStray = [...tallies, stray];
    const table = desaTable(computeTotals(withStray, 'DPR', setup), setup, firstDesa.code, withStray)!;
    const col = table.columns.at(-2)!;
    expect(col).toMatchObject({ code: stray.tps, inSetup: false, kind: 'tps' });
    expect(col.coverage.expected).toBe(0);
  });

  it('is null for a desa neither in the setup nor in the tallies', () => {
    expect(desaTable(report, setup, '3509089999' as DesaCode, tallies)).toBeNull();
  });

  it('exports as CSV rows: header, coverage rows, then one row per figure with plain numbers', () => {
    const table = desaTable(report, setup, firstDesa.code, tallies)!;
    const rows = dhasilCsvRows(table, 'id');
    expect(rows[0]!.slice(0, 3)).toEqual(['Kode isian', 'Uraian', `TPS ${String(firstDesa.tps[0]).padStart(3, '0')} (${tpsOf(firstDesa.tps[0]!)})`]);
    expect(rows[0]!.at(-1)).toBe(`Jumlah Desa ${firstDesa.name} (${firstDesa.code})`);
    expect(rows[2]!.slice(0, 4)).toEqual(['tps.included', 'TPS masuk (dijumlahkan)', 1, 0]);
    expect(rows[3]!.at(-1)).toBe(1); // one TPS missing in the desa
    const valid = rows.find((r) => r[0] === 'valid')!;
    expect(valid.at(-1)).toBe(report.desa[0]!.figures.valid);
    expect(valid[3]).toBeNull(); // the missing TPS: empty, not 0
    expect(rows).toHaveLength(5 + paperOrder(dpr).length);
  });
});
