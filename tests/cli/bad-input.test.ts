import { mkdir, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SETUP, SIREKAP_DUMP, expectOneSentence, run, tempDir, writeJson } from './helpers.ts';

type Case = [label: string, make: (p: (n: string) => string) => Promise<string>, expected: RegExp];

/** Every way an input file can be wrong; each must give exit 2 and one sentence naming the file. */
const CASES: Case[] = [
  ['a missing file', async (p) => p('missing.json'), /^rekap: File .*missing\.json does not exist\.$/],
  ['a directory', async (p) => { await mkdir(p('dir.json')); return p('dir.json'); }, /^rekap: .*dir\.json is a directory, not a file\.$/],
  ['invalid JSON', async (p) => { await writeFile(p('broken.json'), '{"format": "rekap.tallies/v1", '); return p('broken.json'); }, /^rekap: File .*broken\.json is cut short: it ends before it is complete \(line 1, column 32\)\. .+$/],
  ['a file of another format', async (p) => writeJson(p('setup.json'), { format: 'rekap.setup/v1' }), /^rekap: File .*setup\.json is not a rekap\.tallies\/v1 file \(format "rekap\.setup\/v1"\)\.$/],
  ['a file without format', async (p) => writeJson(p('plain.json'), [1, 2]), /^rekap: File .*plain\.json is not a rekap\.tallies\/v1 file \(no "format" field\)\.$/],
  [
    'a schema violation',
    async (p) =>
      writeJson(p('bad.json'), { format: 'rekap.tallies/v1', kecamatan: '350908', tallies: [{ tps: '3509082001001', contest: 'PPWP' }] }),
    /^rekap: File .*bad\.json is not a valid rekap\.tallies\/v1 file: tallies\[0\]\.voters: .+\.$/,
  ],
];

describe('bad input → exit 2, one sentence, no stack', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  for (const command of ['totals', 'check'] as const) {
    it.each(CASES)(`${command}: %s`, async (_label, make, expected) => {
      const r = await run(command, '--tallies', await make(tmp.path), '--lang', 'en');
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const { lines, hasStack } = expectOneSentence(r.err);
      expect(lines).toHaveLength(1);
      expect(hasStack).toBe(false);
      expect(lines[0]).toMatch(expected);
    });
  }

  it.each(CASES.slice(0, 3))('import-sirekap: %s', async (_label, make, expected) => {
    const r = await run('import-sirekap', await make(tmp.path), '-o', tmp.path('out.json'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(expectOneSentence(r.err)).toEqual({ lines: [expect.stringMatching(expected)], hasStack: false });
  });

  it.each(CASES.slice(0, 3))('validate-setup: %s', async (_label, make, expected) => {
    const r = await run('validate-setup', await make(tmp.path), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(expectOneSentence(r.err)).toEqual({ lines: [expect.stringMatching(expected)], hasStack: false });
  });

  it('an invalid --setup is one sentence pointing to validate-setup', async () => {
    const setup = await writeJson(tmp.path('setup.json'), { format: 'rekap.setup/v1' });
    const r = await run('import-sirekap', SIREKAP_DUMP, '--setup', setup, '-o', tmp.path('o.json'), '--lang', 'en');
    expect(r.code).toBe(2);
    const { lines, hasStack } = expectOneSentence(r.err);
    expect(hasStack).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rekap: File .*setup\.json is not a valid setup: \S+: .*; check it with "rekap validate-setup"\.$/);
  });

  it('messages are Indonesian by default', async () => {
    const r = await run('check', '--tallies', tmp.path('hilang.json'), '--setup', DEMO_SETUP);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`rekap: Berkas ${tmp.path('hilang.json')} tidak ditemukan.\n`);
  });
});
