import { readdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TalliesFileSchema, type TalliesFile, type Tally } from '../../src/domain/tally/tally.ts';
import { DEMO_SETUP, SIREKAP_DUMP, readJson, run, tempDir, writeJson } from './helpers.ts';

interface Dump {
  source: string;
  kecamatan: { code: string; name: string };
  files: Record<string, { chart: Record<string, number | null> | null; administrasi: Record<string, number | null> | null }>;
}

describe('rekap import-sirekap', () => {
  let dump: Dump;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dump = await readJson<Dump>(SIREKAP_DUMP);
  });
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  async function importDump(...extra: string[]): Promise<{ file: TalliesFile; out: string; err: string; code: number }> {
    const out = tmp.path('tallies.json');
    const r = await run('import-sirekap', SIREKAP_DUMP, '-o', out, '--lang', 'en', ...extra);
    expect(r.code).toBe(0);
    return { ...r, file: TalliesFileSchema.parse(await readJson(out)) };
  }
  const byTps = (file: TalliesFile, tps: string): Tally => file.tallies.find((t) => t.tps === tps)!;

  it('converts every file into a draft PPWP tally, ordered by TPS code', async () => {
    const { file, out, err } = await importDump();
    expect(err).toBe('');
    expect(out).toBe(
      `306 PPWP tallies written to ${tmp.path('tallies.json')} (178 with votes, 177 with administrasi); ` +
        'status "draft": Sirekap OCR figures, not entered or checked by a person.\n',
    );
    expect(file.kecamatan).toBe('350908');
    expect(file.tallies.map((t) => t.tps)).toEqual(Object.keys(dump.files).sort());
    expect(new Set(file.tallies.map((t) => `${t.contest}/${t.status}`))).toEqual(new Set(['PPWP/draft']));
  });

  it('maps chart ids to pairs and administrasi to sections I and V, leaving ballots and disabled null', async () => {
    const { file } = await importDump();
    expect(byTps(file, '3509082001001')).toEqual({
      tps: '3509082001001',
      contest: 'PPWP',
      voters: {
        dpt: { male: 146, female: 138, total: 284 },
        usedDpt: { male: 84, female: 100, total: 184 },
        usedDptb: { male: 0, female: 0, total: 0 },
        usedDpk: { male: 0, female: 0, total: 0 },
        usedTotal: { male: 84, female: 100, total: 184 },
      },
      ballots: { received: null, used: null, returned: null, unused: null },
      disabled: { male: null, female: null, total: null },
      votes: { '1': 13, '2': 123, '3': 43 },
      valid: 179,
      invalid: 5,
      total: 184,
      status: 'draft',
    });
  });

  it('keeps absent data as null, never 0', async () => {
    const { file } = await importDump();
    // chart {"null": null}: no candidate keys at all.
    expect(byTps(file, '3509082004037').votes).toEqual({ '1': null, '2': null, '3': null });
    for (const [tps, raw] of Object.entries(dump.files)) {
      const tally = byTps(file, tps);
      if (raw.chart === null) expect(tally.votes).toEqual({ '1': null, '2': null, '3': null });
      if (raw.administrasi === null) {
        expect([tally.valid, tally.invalid, tally.total]).toEqual([null, null, null]);
        expect(Object.values(tally.voters).flatMap((row) => Object.values(row)).every((v) => v === null)).toBe(true);
      }
    }
  });

  it('with --setup emits setup TPS in setup order and skips dump TPS outside it with a warning', async () => {
    const setup = await readJson<{ desa: { code: string; tps: number[] }[] }>(DEMO_SETUP);
    // Drop TPS 1 and 2 of the first desa from the setup; both have Sirekap files.
    setup.desa[0]!.tps = setup.desa[0]!.tps.filter((n) => n > 2);
    const setupFile = await writeJson(tmp.path('setup.json'), setup);
    const { file, err, out } = await importDump('--setup', setupFile);
    expect(err).toBe(
      `Warning: 2 TPS in ${SIREKAP_DUMP} are not in the setup and were skipped: 3509082001001, 3509082001002.\n`,
    );
    expect(file.tallies).toHaveLength(304);
    expect(out).toContain('58 setup TPS without a Sirekap file');
    const order = setup.desa.flatMap((d) => d.tps.map((n) => `${d.code}${String(n).padStart(3, '0')}`));
    const emitted = file.tallies.map((t) => t.tps);
    expect(emitted).toEqual(order.filter((code) => code in dump.files));
  });

  it('refuses a setup for another kecamatan', async () => {
    const other = await writeJson(tmp.path('other.json'), {
      kecamatan: { code: '350909', name: 'AMBULU' },
      files: { '3509092001001': { chart: null, administrasi: null } },
    });
    const r = await run('import-sirekap', other, '--setup', DEMO_SETUP, '-o', tmp.path('t.json'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `rekap: File ${other} is for kecamatan 350909, but the setup is for kecamatan 350908 (PUGER).\n`,
    );
    expect(await readdir(tmp.dir)).toEqual(['other.json']);
  });

  it.each([
    ['a tallies file', { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [] }, 'kecamatan'],
    ['an empty object', {}, 'kecamatan'],
    ['a DPD dump', { kecamatan: { code: '350908', name: 'PUGER' }, files: { '3509082001001': { chart: { '200001': 5 }, administrasi: null } } }, 'files["3509082001001"].chart["200001"]: unknown Sirekap candidate id 200001'],
    ['a string vote', { kecamatan: { code: '350908', name: 'PUGER' }, files: { '3509082001001': { chart: { '100025': '13' }, administrasi: null } } }, 'files["3509082001001"].chart["100025"]: Wrong type: expected number, got text "13"'],
    ['a TPS of another kecamatan', { kecamatan: { code: '350908', name: 'PUGER' }, files: { '3509092001001': { chart: null, administrasi: null } } }, 'files["3509092001001"]: TPS 3509092001001 is not in kecamatan 350908'],
  ])('refuses %s as a Sirekap dump with exit 2 and the first issue', async (_label, content, detail) => {
    const input = await writeJson(tmp.path('input.json'), content);
    const r = await run('import-sirekap', input, '-o', tmp.path('out.json'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^rekap: File .*input\\.json is not a valid Sirekap dump: `));
    expect(r.err).toContain(detail);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(await readdir(tmp.dir)).toEqual(['input.json']);
  });

  it('needs -o and a dump argument', async () => {
    const noOut = await run('import-sirekap', SIREKAP_DUMP, '--lang', 'en');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toBe('rekap: "rekap import-sirekap" needs -o <file>.\n');
    const noDump = await run('import-sirekap', '-o', tmp.path('x.json'), '--lang', 'en');
    expect(noDump.code).toBe(2);
    expect(noDump.err).toBe('rekap: "rekap import-sirekap" needs <dump.json>.\n');
  });

  it('writes atomically: replaces an existing file whole and leaves no temporary files', async () => {
    const out = tmp.path('tallies.json');
    await writeFile(out, 'old content');
    const r = await run('import-sirekap', SIREKAP_DUMP, '-o', out);
    expect(r.code).toBe(0);
    expect(await readdir(tmp.dir)).toEqual(['tallies.json']);
    expect(TalliesFileSchema.safeParse(await readJson(out)).success).toBe(true);
  });

  it('reports an output folder that does not exist as bad input', async () => {
    const r = await run('import-sirekap', SIREKAP_DUMP, '-o', tmp.path('no/such/dir/t.json'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rekap: The folder for ${tmp.path('no/such/dir/t.json')} does not exist.\n`);
  });
});
