import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssues } from '../../../src/domain/setup/issues.ts';
import { formatPath, validateSetup, type SetupIssue } from '../../../src/domain/setup/validate.ts';
import { demoJson } from './demo.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests poke at raw JSON

function issuesOf(mutate: (setup: Json) => void): SetupIssue[] {
  const setup = demoJson() as Json;
  mutate(setup);
  const result = validateSetup(setup);
  return result.ok ? [] : result.error;
}

const day = (s: Json, d: number): Json => s.schedule.days[d];

/** Each broken setup must yield an issue at this path (other issues may follow from the same edit). */
const broken: [string, (s: Json) => void, string][] = [
  ['wrong format tag', (s) => { s.format = 'rekap.setup/v2'; }, 'format'],
  ['missing election name', (s) => { delete s.election.name; }, 'election.name'],
  ['voting date not in the calendar', (s) => { s.election.votingDate = '2024-02-30'; }, 'election.votingDate'],
  ['voting date badly written', (s) => { s.election.votingDate = '14-02-2024'; }, 'election.votingDate'],
  ['provinsi code of 3 digits', (s) => { s.provinsi.code = '350'; }, 'provinsi.code'],
  ['provinsi code as a number', (s) => { s.provinsi.code = 35; }, 'provinsi.code'],
  ['kecamatan not an object', (s) => { s.kecamatan = '350908'; }, 'kecamatan'],
  ['kabupaten outside the provinsi', (s) => { s.kabupaten.code = '3609'; }, 'kabupaten.code'],
  ['kecamatan outside the kabupaten', (s) => { s.kecamatan.code = '351008'; }, 'kecamatan.code'],
  ['desa outside the kecamatan', (s) => { s.desa[3].code = '3509092004'; }, 'desa[3].code'],
  ['desa code with dots (BPS style)', (s) => { s.desa[3].code = '35.09.08.2004'; }, 'desa[3].code'],
  ['duplicate desa code', (s) => { s.desa[5].code = s.desa[2].code; }, 'desa[5].code'],
  ['blank desa name', (s) => { s.desa[0].name = '  '; }, 'desa[0].name'],
  ['desa without TPS', (s) => { s.desa[0].tps = []; }, 'desa[0].tps'],
  ['TPS listed twice in a desa', (s) => { s.desa[3].tps[5] = 3; }, 'desa[3].tps[5]'],
  ['TPS number 0', (s) => { s.desa[1].tps[0] = 0; }, 'desa[1].tps[0]'],
  ['TPS number 1000', (s) => { s.desa[1].tps[2] = 1000; }, 'desa[1].tps[2]'],
  ['TPS number not whole', (s) => { s.desa[1].tps[2] = 2.5; }, 'desa[1].tps[2]'],
  ['unknown contest id', (s) => { s.contests[0].id = 'PRESIDEN'; }, 'contests[0].id'],
  ['contest listed twice', (s) => { s.contests[2].id = 'PPWP'; }, 'contests[2].id'],
  ['pair number repeated', (s) => { s.contests[0].candidates[2].number = 1; }, 'contests[0].candidates[2].number'],
  ['DPD candidate number repeated', (s) => { s.contests[2].candidates[7].number = 3; }, 'contests[2].candidates[7].number'],
  ['party number repeated', (s) => { s.contests[1].parties[4].number = 1; }, 'contests[1].parties[4].number'],
  ['candidate number repeated within a party', (s) => { s.contests[1].parties[4].candidates[2].number = 1; }, 'contests[1].parties[4].candidates[2].number'],
  ['candidate number 0', (s) => { s.contests[4].parties[0].candidates[0].number = 0; }, 'contests[4].parties[0].candidates[0].number'],
  ['more candidates than seats', (s) => { s.contests[4].parties[17].candidates.push({ number: 8, name: 'Calon Demo 8' }); }, 'contests[4].parties[17].candidates'],
  ['party short name repeated', (s) => { s.contests[3].parties[1].abbreviation = 'PKB'; }, 'contests[3].parties[1].abbreviation'],
  ['party contest without dapil', (s) => { delete s.contests[1].dapil; }, 'contests[1].dapil'],
  ['dapil without seats', (s) => { s.contests[1].dapil.seats = 0; }, 'contests[1].dapil.seats'],
  ['no contests', (s) => { s.contests = []; }, 'contests'],
  ['panel id with capitals and space', (s) => { s.panels[0].id = 'Panel 1'; }, 'panels[0].id'],
  ['panel id repeated', (s) => { s.panels[1].id = 'panel-1'; }, 'panels[1].id'],
  ['schedule names an unknown panel', (s) => { day(s, 0).assignments[1].panel = 'panel-3'; }, 'schedule.days[0].assignments[1].panel'],
  ['schedule names an unknown desa', (s) => { day(s, 1).assignments[0].desa[1] = '3509082099'; }, 'schedule.days[1].assignments[0].desa[1]'],
  ['desa scheduled twice', (s) => { day(s, 2).assignments[1].desa[0] = day(s, 0).assignments[0].desa[0]; }, 'schedule.days[2].assignments[1].desa[0]'],
  ['day ends before it starts', (s) => { day(s, 1).end = '07:00'; }, 'schedule.days[1].end'],
  ['day ends when it starts', (s) => { day(s, 1).end = '08:00'; }, 'schedule.days[1].end'],
  ['start time without leading zero', (s) => { day(s, 0).start = '8:00'; }, 'schedule.days[0].start'],
  ['end time 24:00', (s) => { day(s, 0).end = '24:00'; }, 'schedule.days[0].end'],
  ['date repeated in the schedule', (s) => { day(s, 1).date = day(s, 0).date; }, 'schedule.days[1].date'],
  ['unknown time zone', (s) => { s.schedule.timeZone = 'Asia/Jakartaa'; }, 'schedule.timeZone'],
  ['unknown verification mode', (s) => { s.settings.verification = 'triple'; }, 'settings.verification'],
];

describe('validateSetup on broken setups', () => {
  it.each(broken)('%s → issue at %s', (_name, mutate, path) => {
    const issues = issuesOf(mutate);
    const hit = issues.find((i) => i.path === path);
    expect(hit, `issues: ${JSON.stringify(issues)}`).toBeDefined();
    expect(hit!.message.id.trim()).not.toBe('');
    expect(hit!.message.en.trim()).not.toBe('');
    // Indonesian is written, not English copied over.
    expect(hit!.message.id).not.toBe(hit!.message.en);
  });

  it('reports every broken rule of one setup, not only the first', () => {
    const issues = issuesOf((s) => {
      s.desa[0].tps[1] = 1;
      s.contests[0].candidates[1].number = 1;
      day(s, 0).end = '06:00';
    });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['desa[0].tps[1]', 'contests[0].candidates[1].number', 'schedule.days[0].end']));
  });

  it('says a missing field is required, in both languages', () => {
    const [hit] = issuesOf((s) => { delete s.election.name; });
    expect(hit?.message.id).toMatch(/Wajib diisi/);
    expect(hit?.message.en).toMatch(/Required/);
  });

  it('quotes the offending codes in cross-reference messages', () => {
    const hit = issuesOf((s) => { s.desa[3].code = '3509092004'; }).find((i) => i.path === 'desa[3].code');
    expect(hit?.message.id).toContain('3509092004');
    expect(hit?.message.id).toContain('350908');
  });

  it('refuses what is not a setup at all', () => {
    for (const input of [null, 42, 'rekap', [], {}]) {
      const result = validateSetup(input);
      expect(result.ok).toBe(false);
    }
    const result = validateSetup(null);
    expect(!result.ok && result.error[0]?.path).toBe('');
  });
});

describe('validateSetup accepts real-world shapes', () => {
  it('accepts TPS numbers with gaps and 9xx ranges', () => {
    const setup = demoJson() as Json;
    setup.desa[0].tps = [1, 2, 5, 7, 901, 902];
    const result = validateSetup(setup);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.desa[0]!.tps).toEqual([1, 2, 5, 7, 901, 902]);
  });

  it('accepts a party with fewer candidates than seats and an empty schedule', () => {
    const setup = demoJson() as Json;
    setup.contests[1].parties[0].candidates = setup.contests[1].parties[0].candidates.slice(0, 3);
    setup.schedule.days = [];
    expect(validateSetup(setup).ok).toBe(true);
  });

  it('fills defaults for time zone and verification mode', () => {
    const setup = demoJson() as Json;
    delete setup.schedule.timeZone;
    delete setup.settings;
    const result = validateSetup(setup);
    expect(result.ok && [result.value.schedule.timeZone, result.value.settings.verification]).toEqual(['Asia/Jakarta', 'readback']);
  });
});

describe('zod issues in Indonesian and English', () => {
  const cases: [string, z.ZodType, unknown, RegExp][] = [
    ['invalid_type', z.object({ a: z.string() }), { a: 5 }, /diharapkan teks, tertulis angka/],
    ['missing field', z.object({ a: z.string() }), {}, /Wajib diisi/],
    ['too_small string', z.object({ a: z.string().min(1) }), { a: '' }, /Tidak boleh kosong/],
    ['too_small number', z.object({ a: z.number().min(3) }), { a: 1 }, /Nilai minimal 3/],
    ['too_big number', z.object({ a: z.number().max(9) }), { a: 10 }, /Nilai maksimal 9/],
    ['too_big array', z.object({ a: z.array(z.number()).max(1) }), { a: [1, 2] }, /paling banyak 1 butir/],
    ['regex', z.object({ a: z.string().regex(/^\d{6}$/) }), { a: '35.09.08' }, /tepat 6 angka/],
    ['invalid_value', z.object({ a: z.enum(['x', 'y']) }), { a: 'z' }, /salah satu dari: "x", "y"/],
    ['unrecognized_keys', z.strictObject({ a: z.number() }), { a: 1, tpss: 2 }, /Bagian tidak dikenal: "tpss"/],
    ['int', z.object({ a: z.number().int() }), { a: 1.5 }, /bilangan bulat/],
  ];
  it.each(cases)('%s', (_code, schema, input, idPattern) => {
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    const [issue] = zodIssues(parsed.error!, input);
    expect(issue?.message.id).toMatch(idPattern);
    expect(issue?.message.en).not.toBe('');
    expect(issue?.message.en).not.toBe(issue?.message.id);
  });

  it('formats paths as desa[3].tps[5]', () => {
    expect(formatPath(['desa', 3, 'tps', 5])).toBe('desa[3].tps[5]');
    expect(formatPath(['contests', 1, 'parties', 4, 'candidates', 2, 'number'])).toBe('contests[1].parties[4].candidates[2].number');
    expect(formatPath([])).toBe('');
  });
});
