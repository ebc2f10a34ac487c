import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIREKAP_DUMP, readJson, run, tempDir } from './helpers.ts';

/**
 * The real Puger Sirekap dump (tests/fixtures/README-sirekap-puger.md), imported by the CLI and
 * checked against sums computed here by a different path: plain reduces over the raw dump JSON.
 */
type Raw = Record<string, number | null>;
interface Dump {
  files: Record<string, { chart: Raw | null; administrasi: Raw | null }>;
}
interface Figures {
  voters: Record<string, { male: number | null; female: number | null; total: number | null }>;
  votes: Record<string, number | null>;
  valid: number | null;
  invalid: number | null;
  total: number | null;
}
interface Area {
  code: string;
  tpsIncluded: number;
  figures: Figures;
}
interface Report {
  format: string;
  contest: string;
  kecamatan: Area;
  desa: Area[];
}
interface FindingJson {
  tps: string;
  code: string;
  severity: string;
}

const CHART = { '1': '100025', '2': '100026', '3': '100027' } as const;

/** Sum of one raw field over files where it is a number; null when none has it (as the totals do). */
function rawSum(files: Dump['files'][string][], pick: (f: Dump['files'][string]) => number | null | undefined): number | null {
  const values = files.map(pick).filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

function expectedFigures(files: Dump['files'][string][]) {
  const adm = (k: string) => rawSum(files, (f) => f.administrasi?.[k]);
  return {
    votes: Object.fromEntries(Object.entries(CHART).map(([n, id]) => [n, rawSum(files, (f) => f.chart?.[id])])),
    valid: adm('suara_sah'),
    invalid: adm('suara_tidak_sah'),
    total: adm('suara_total'),
    dptJ: adm('pemilih_dpt_j'),
    dptL: adm('pemilih_dpt_l'),
    usedTotalJ: adm('pengguna_total_j'),
    usedDpkP: adm('pengguna_non_dpt_p'),
  };
}

const actualFigures = (f: Figures) => ({
  votes: f.votes,
  valid: f.valid,
  invalid: f.invalid,
  total: f.total,
  dptJ: f.voters.dpt!.total,
  dptL: f.voters.dpt!.male,
  usedTotalJ: f.voters.usedTotal!.total,
  usedDpkP: f.voters.usedDpk!.female,
});

describe('real data: Puger PPWP 2024 from Sirekap', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let dump: Dump;
  let tallies: string;
  beforeAll(async () => {
    tmp = await tempDir();
    dump = await readJson<Dump>(SIREKAP_DUMP);
    tallies = tmp.path('puger-tallies.json');
    const r = await run('import-sirekap', SIREKAP_DUMP, '-o', tallies);
    expect(r.code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('kecamatan totals equal the raw sums and the README table', async () => {
    const r = await run('totals', '--tallies', tallies);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as Report;
    expect(report.format).toBe('rekap.totals/v1');
    expect(report.contest).toBe('PPWP');
    const files = Object.values(dump.files);
    expect(actualFigures(report.kecamatan.figures)).toEqual(expectedFigures(files));

    // The README's figures, literally: 178 TPS with candidate keys.
    expect(files.filter((f) => f.chart?.[CHART['1']] != null).length).toBe(178);
    expect(report.kecamatan.figures.votes).toEqual({ '1': 4454, '2': 23500, '3': 5576 });
    expect(report.kecamatan.figures).toMatchObject({ valid: 33258, invalid: 713, total: 33971 });
    expect(report.kecamatan.figures.voters.usedTotal!.total).toBe(33443);
    expect(report.kecamatan.figures.voters.dpt!.total).toBe(44321);

    // Ballots and disabled voters are not in Sirekap: not entered anywhere, so null, not 0.
    const { ballots, disabled } = report.kecamatan.figures as unknown as { ballots: Raw; disabled: Raw };
    expect(Object.values(ballots).every((v) => v === null)).toBe(true);
    expect(Object.values(disabled).every((v) => v === null)).toBe(true);

    // TPS included = files with any figure at all (306 files, 86 with both chart and administrasi null).
    const anyFigure = files.filter(
      (f) => Object.entries(f.chart ?? {}).some(([k, v]) => k !== 'null' && v !== null) || Object.values(f.administrasi ?? {}).some((v) => v !== null),
    );
    expect(report.kecamatan.tpsIncluded).toBe(anyFigure.length);
    expect(report.kecamatan.tpsIncluded).toBe(220);
  });

  it('desa totals equal the raw sums grouped by the desa part of the TPS code', async () => {
    const report = JSON.parse((await run('totals', '--tallies', tallies, '--contest', 'PPWP')).out) as Report;
    const byDesa = new Map<string, Dump['files'][string][]>();
    for (const [tps, file] of Object.entries(dump.files)) {
      const desa = tps.slice(0, 10);
      byDesa.set(desa, [...(byDesa.get(desa) ?? []), file]);
    }
    expect(report.desa.map((d) => d.code)).toEqual([...byDesa.keys()].sort());
    for (const desa of report.desa) {
      expect(actualFigures(desa.figures), desa.code).toEqual(expectedFigures(byDesa.get(desa.code)!));
    }
  });

  it('check exits 1 and reports E08 exactly at the TPS where chart sum ≠ suara_sah', async () => {
    const r = await run('check', '--tallies', tallies);
    expect(r.code).toBe(1);
    const { format, findings } = JSON.parse(r.out) as { format: string; findings: FindingJson[] };
    expect(format).toBe('rekap.findings/v1');

    const readmeList = ['001018', '002009', '003013', '005006', '005010', '008005', '011018', '011021', '011039'].map(
      (suffix) => `3509082${suffix}`,
    );
    const computed = Object.entries(dump.files)
      .filter(([, f]) => {
        const c = f.chart;
        const votes = Object.values(CHART).map((id) => c?.[id]);
        const valid = f.administrasi?.suara_sah;
        return votes.every((v) => typeof v === 'number') && typeof valid === 'number' && votes.reduce((a, b) => a! + b!, 0) !== valid;
      })
      .map(([tps]) => tps);
    expect(computed).toEqual(readmeList);

    const e08 = findings.filter((f) => f.code === 'E08');
    expect(e08.every((f) => f.severity === 'error')).toBe(true);
    expect([...new Set(e08.map((f) => f.tps))].sort()).toEqual(readmeList);
  });
});
