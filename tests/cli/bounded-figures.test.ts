import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SummaryFile } from '../../src/domain/summary/index.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import { writePugerTallies } from '../domain/summary/helpers.ts';
import { DEMO_SETUP, expectOneSentence, readJson, run, SIREKAP_DUMP, tempDir, writeJson } from './helpers.ts';

const withVote = (t: Tally, value: number): Tally => ({ ...t, votes: { ...t.votes, 1: value } }) as Tally;

/**
 * The attack as found (issue 14): 1e308 as a figure in two TPS made the kecamatan total Infinity,
 * after which `rekap sign-summary` exited 70. Now every command refuses such a file as bad input
 * (exit 2), in one sentence naming the place, and takes the largest allowed figure.
 */
describe('figures past 0–999,999 in the CLI input', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let key: string;
  beforeEach(async () => {
    tmp = await tempDir();
    key = tmp.path('key.jwk');
    expect((await run('keygen', '-o', key)).code).toBe(0);
  });
  afterEach(() => tmp.cleanup());

  /** A tallies file with `value` as the first vote of the first two PPWP forms. */
  const talliesWith = (value: number) =>
    writePugerTallies(tmp.path(`tallies-${value}.json`), 1, (tallies) => {
      let n = 0;
      return tallies.map((t) => (t.contest === 'PPWP' && n++ < 2 ? withVote(t, value) : t));
    });

  it.each([1e308, -1e308, 2 ** 53 + 1, 1_000_000, -1, 1.5, 1e-320])('totals, check and sign-summary refuse %s with exit 2 and the place', async (value) => {
    const tallies = await talliesWith(value);
    for (const argv of [
      ['totals', '--tallies', tallies],
      ['check', '--tallies', tallies],
      ['sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '--key', key, '-o', tmp.path('s.json')],
    ]) {
      const r = await run(...argv, '--lang', 'en');
      expect(r.code, argv[0]).toBe(2);
      const { lines, hasStack } = expectOneSentence(r.err);
      expect(hasStack).toBe(false);
      expect(lines).toEqual([expect.stringMatching(/^rekap: File .* is not a valid rekap\.tallies\/v1 file: tallies\[\d+\]\.votes\["?1"?\]: A form figure must be a whole number 0–999,999 \(or empty\)\.$/)]);
    }
  });

  it('signs, verifies and totals a file whose figures reach 999,999 (E11 still reports them)', async () => {
    const tallies = await talliesWith(999_999);
    const signed = await run('sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '--key', key, '--contest', 'PPWP', '--signer-name', 'Siti', '-o', tmp.path('s.json'));
    expect(signed.code).toBe(0);
    // The errors the figures make (E11 above 999, E08 sums) are signed in, with a warning.
    expect(signed.err).toMatch(/^Peringatan: \d+ temuan kesalahan/);
    const verified = await run('verify', tmp.path('s.json'), '--setup', DEMO_SETUP, '--lang', 'en');
    expect(verified.code).toBe(0);
    const totals = await run('totals', '--tallies', tallies, '--contest', 'PPWP', '--format', 'table');
    expect(totals.code).toBe(0);
    expect(totals.out).toMatch(/\b999[.,]999\b/);
    const check = await run('check', '--tallies', tallies, '--lang', 'en');
    expect(check.code).toBe(1);
    expect(check.out).toContain('E11');
  });

  it('verify refuses a summary whose TPS figure is past the bound as unreadable (exit 2), naming the place', async () => {
    const tallies = await talliesWith(7);
    expect((await run('sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '--key', key, '--contest', 'PPWP', '--signer-name', 'Siti', '-o', tmp.path('s.json'))).code).toBe(0);
    const file = await readJson<SummaryFile>(tmp.path('s.json'));
    const entry = file.contests[0]!.desa[0]!.tps[0]!;
    (entry.figures as { votes: Record<string, unknown> }).votes['1'] = 1e308;
    await writeJson(tmp.path('bad.json'), file);
    const r = await run('verify', tmp.path('bad.json'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(expectOneSentence(r.err)).toEqual({ lines: [expect.stringMatching(/contests.*desa.*tps.*figures.*votes.*0–999,999/)], hasStack: false });
  });

  it('import-sirekap refuses a dump with a figure past the bound as bad input, naming the place', async () => {
    const dump = JSON.parse(await readFile(SIREKAP_DUMP, 'utf8')) as { files: Record<string, { administrasi?: Record<string, unknown> | null }> };
    const [tps, first] = Object.entries(dump.files).find(([, f]) => f.administrasi)!;
    first.administrasi!.suara_sah = 1e308;
    await writeFile(tmp.path('dump.json'), JSON.stringify(dump));
    const r = await run('import-sirekap', tmp.path('dump.json'), '-o', tmp.path('out.json'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(expectOneSentence(r.err)).toEqual({ lines: [expect.stringContaining(`${tps}`)], hasStack: false });
    expect(r.err).toContain('0–999,999');
  });
});
