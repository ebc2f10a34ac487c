import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tally } from '../../src/domain/tally/tally.ts';
import { DEMO_SETUP, SIREKAP_DUMP, readJson, run, tempDir, writeJson } from './helpers.ts';

/** A consistent PPWP tally (TPS 3509082001001 of the real data, ballots filled in). */
function tally(tps: string, overrides: Partial<Tally> = {}): Tally {
  return {
    tps: tps as Tally['tps'],
    contest: 'PPWP',
    voters: {
      dpt: { male: 146, female: 138, total: 284 },
      usedDpt: { male: 84, female: 100, total: 184 },
      usedDptb: { male: 0, female: 0, total: 0 },
      usedDpk: { male: 0, female: 0, total: 0 },
      usedTotal: { male: 84, female: 100, total: 184 },
    },
    ballots: { received: 290, used: 184, returned: 0, unused: 106 },
    disabled: { male: 0, female: 0, total: 0 },
    votes: { '1': 13, '2': 123, '3': 43 },
    valid: 179,
    invalid: 5,
    total: 184,
    status: 'entered',
    ...overrides,
  } as Tally;
}

const dprTally = (tps: string): Tally =>
  ({
    ...tally(tps),
    contest: 'DPR',
    votes: { '1': { partyOnly: 100, candidates: { '1': 50, '2': 29 }, total: 179 } },
  }) as Tally;

describe('rekap totals', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let talliesFile: string;
  beforeEach(async () => {
    tmp = await tempDir();
    talliesFile = await writeJson(tmp.path('tallies.json'), {
      format: 'rekap.tallies/v1',
      kecamatan: '350908',
      tallies: [tally('3509082001001'), tally('3509082001002', { votes: { '1': 10, '2': null, '3': 1 } }), tally('3509082002001')],
    });
  });
  afterEach(() => tmp.cleanup());

  it('prints the rekap.totals/v1 JSON contract for the one contest in the file', async () => {
    const r = await run('totals', '--tallies', talliesFile);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['format', 'contest', 'kecamatan', 'desa']);
    expect(json.format).toBe('rekap.totals/v1');
    expect(json.contest).toBe('PPWP');
    expect(json.kecamatan).toMatchObject({ code: '350908', tpsIncluded: 3 });
    expect(Object.keys(json.kecamatan)).toEqual(['code', 'tpsIncluded', 'tpsMissing', 'tpsUnverified', 'figures']);
    expect(json.kecamatan.figures.votes).toEqual({ '1': 36, '2': 246, '3': 87 });
    expect(json.kecamatan.figures.valid).toBe(537);
    expect(json.desa.map((d: { code: string; name: string | null; tpsIncluded: number }) => [d.code, d.name, d.tpsIncluded])).toEqual([
      ['3509082001', null, 2],
      ['3509082002', null, 1],
    ]);
    expect(Object.keys(json.desa[0])).toEqual(['code', 'name', 'tpsIncluded', 'tpsMissing', 'tpsUnverified', 'figures']);
  });

  it('with --setup names the desa and lists missing TPS', async () => {
    const r = await run('totals', '--tallies', talliesFile, '--setup', DEMO_SETUP, '--contest', 'PPWP');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.desa).toHaveLength(12);
    expect(json.desa[0]).toMatchObject({ code: '3509082001', name: 'MLOKOREJO', tpsIncluded: 2 });
    expect(json.desa[0].tpsMissing).toHaveLength(29);
    expect(json.kecamatan.tpsMissing).toHaveLength(361);
  });

  it('prints an array when the file holds several contests, in counting order', async () => {
    const file = await writeJson(tmp.path('multi.json'), {
      format: 'rekap.tallies/v1',
      kecamatan: '350908',
      tallies: [dprTally('3509082001001'), tally('3509082001001')],
    });
    const r = await run('totals', '--tallies', file);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Array.isArray(json)).toBe(true);
    expect(json.map((t: { contest: string }) => t.contest)).toEqual(['PPWP', 'DPR']);
    expect(json[1].kecamatan.figures.votes['1']).toEqual({ partyOnly: 100, candidates: { '1': 50, '2': 29 }, total: 179 });
    const one = JSON.parse((await run('totals', '--tallies', file, '--contest', 'DPR')).out);
    expect(one.contest).toBe('DPR');
  });

  it('prints a readable D.Hasil table with id-ID numbers and – for not entered', async () => {
    const file = await writeJson(tmp.path('t.json'), {
      format: 'rekap.tallies/v1',
      kecamatan: '350908',
      tallies: [tally('3509082001001', { votes: { '1': 1234, '2': null, '3': 43 } })],
    });
    const r = await run('totals', '--tallies', file, '--setup', DEMO_SETUP, '--format', 'table');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('D.Hasil Presiden');
    expect(lines[2]).toMatch(/^Desa\s+TPS\s+Belum\s+DPT \(J\)\s+B\.4 \(J\)\s+1\s+2\s+3\s+Sah\s+Tdk sah\s+Jumlah$/);
    const mlokorejo = lines.find((l) => l.startsWith('MLOKOREJO (3509082001)'))!;
    expect(mlokorejo.split(/\s{2,}/)).toEqual(['MLOKOREJO (3509082001)', '1', '30', '284', '184', '1.234', '–', '43', '179', '5', '184']);
    expect(lines.find((l) => l.startsWith('BAGON'))!.split(/\s{2,}/).slice(1)).toEqual(['0', '17', '–', '–', '–', '–', '–', '–', '–', '–']);
    expect(lines.some((l) => l.startsWith('KECAMATAN PUGER (350908)'))).toBe(true);
    expect(r.out).toContain('1: Anies');
  });

  it('prints the table for a party contest with party columns', async () => {
    const file = await writeJson(tmp.path('dpr.json'), { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [dprTally('3509082001001')] });
    const r = await run('totals', '--tallies', file, '--format', 'table', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^D\.Hasil DPR$/m);
    expect(r.out).toMatch(/^Desa\s+TPS\s+DPT \(J\)\s+B\.4 \(J\)\s+1\s+Valid\s+Invalid\s+Total$/m);
    expect(r.out).toMatch(/^KECAMATAN 350908\s+1\s+284\s+184\s+179\s+179\s+5\s+184$/m);
  });

  it('reproduces the README totals of the real Puger data', async () => {
    const out = tmp.path('puger.json');
    expect((await run('import-sirekap', SIREKAP_DUMP, '-o', out)).code).toBe(0);
    const r = await run('totals', '--tallies', out, '--format', 'table');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^KECAMATAN 350908\s+220\s+44\.321\s+33\.443\s+4\.454\s+23\.500\s+5\.576\s+33\.258\s+713\s+33\.971$/m);
  });

  it.each([
    [['--contest', 'PRESIDEN'], 'Unknown contest "PRESIDEN"; choose one of: PPWP, DPR, DPD, DPRD_PROV, DPRD_KAB.'],
    [['--format', 'csv'], 'Unknown --format value "csv"; choose one of: json, table.'],
  ])('refuses %j with exit 2', async (extra, message) => {
    const r = await run('totals', '--tallies', talliesFile, '--lang', 'en', ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rekap: ${message}\n`);
  });

  it('needs --tallies', async () => {
    const r = await run('totals', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toBe('rekap: "rekap totals" needs --tallies <file>.\n');
  });

  it('refuses a setup of another kecamatan', async () => {
    const file = await writeJson(tmp.path('other.json'), { format: 'rekap.tallies/v1', kecamatan: '350909', tallies: [] });
    const r = await run('totals', '--tallies', file, '--setup', DEMO_SETUP, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rekap: File ${file} is for kecamatan 350909, but the setup is for kecamatan 350908 (PUGER).\n`);
  });

  it('uses the setup contests for an empty file', async () => {
    const file = await writeJson(tmp.path('empty.json'), { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [] });
    const json = JSON.parse((await run('totals', '--tallies', file, '--setup', DEMO_SETUP)).out);
    expect(json.map((t: { contest: string; kecamatan: { tpsIncluded: number } }) => [t.contest, t.kecamatan.tpsIncluded])).toEqual([
      ['PPWP', 0], ['DPR', 0], ['DPD', 0], ['DPRD_PROV', 0], ['DPRD_KAB', 0],
    ]);
    expect(await readJson(file)).toBeTruthy();
  });
});
