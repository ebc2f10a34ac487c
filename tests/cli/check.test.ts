import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SETUP, run, tempDir, writeJson } from './helpers.ts';

/** TPS 3509082001001 of the real data: consistent, so no check fires. */
const clean = {
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
  status: 'entered',
};

describe('rekap check', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  const file = (...tallies: unknown[]) =>
    writeJson(tmp.path('tallies.json'), { format: 'rekap.tallies/v1', kecamatan: '350908', tallies });

  it('exits 0 with no findings on a consistent tally', async () => {
    const r = await run('check', '--tallies', await file(clean), '--setup', DEMO_SETUP);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(JSON.parse(r.out)).toEqual({ format: 'rekap.findings/v1', findings: [] });
    const table = await run('check', '--tallies', await file(clean), '--format', 'table');
    expect(table.out).toBe('0 kesalahan, 0 peringatan.\n');
  });

  it('exits 1 with the contract shape and messages in the chosen language', async () => {
    const broken = { ...clean, valid: 180, total: 185 };
    const tallies = await file(broken);
    const id = await run('check', '--tallies', tallies);
    expect(id.code).toBe(1);
    const json = JSON.parse(id.out);
    expect(json.format).toBe('rekap.findings/v1');
    const e08 = json.findings.find((f: { code: string }) => f.code === 'E08');
    expect(Object.keys(e08)).toEqual(['tps', 'contest', 'code', 'severity', 'message', 'fields']);
    expect(e08).toMatchObject({ tps: '3509082001001', contest: 'PPWP', severity: 'error' });
    expect(e08.fields).toContain('valid');
    expect(e08.message).toContain('180');
    expect(e08.message).toMatch(/suara sah/i);
    const en = JSON.parse((await run('check', '--tallies', tallies, '--lang', 'en')).out);
    const e08en = en.findings.find((f: { code: string }) => f.code === 'E08');
    expect(e08en.message).not.toBe(e08.message);
    expect(e08en.message).toContain('180');
  });

  it('exits 0 when there are only warnings', async () => {
    // 30 invalid of 184: W03 (≥ 10% invalid) without breaking any arithmetic.
    const warned = { ...clean, votes: { '1': 13, '2': 98, '3': 43 }, valid: 154, invalid: 30 };
    const r = await run('check', '--tallies', await file(warned), '--lang', 'en');
    const codes = JSON.parse(r.out).findings.map((f: { code: string }) => f.code);
    expect(codes).toEqual(['W03']);
    expect(r.code).toBe(0);
  });

  it('prints a table with a summary line', async () => {
    const r = await run('check', '--tallies', await file({ ...clean, valid: 180, total: 185 }), '--format', 'table', '--lang', 'en');
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TPS\s+Contest\s+Code\s+Severity\s+Message$/);
    expect(lines.some((l) => /^3509082001001\s+President\s+E08\s+error\s+/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d+ errors?, 0 warnings\.$/);
  });

  it('needs --tallies', async () => {
    const r = await run('check');
    expect(r.code).toBe(2);
    expect(r.err).toBe('rekap: "rekap check" memerlukan --tallies <berkas>.\n');
  });
});
