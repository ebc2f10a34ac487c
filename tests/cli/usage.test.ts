import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.ts';

describe('rekap usage', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']], [['totals', '--help']]])('prints bilingual usage for %j', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Penggunaan / Usage');
    expect(r.out).toContain('Perintah (Bahasa Indonesia)');
    expect(r.out).toContain('Commands (English)');
    for (const cmd of ['validate-setup', 'import-sirekap', 'totals', 'check']) expect(r.out).toContain(`rekap ${cmd}`);
    expect(r.err).toBe('');
  });

  it('refuses an unknown command with exit 2 and one sentence', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('rekap: Perintah "frobnicate" tidak dikenal; lihat "rekap --help".\n');
    expect((await run('frobnicate', '--lang', 'en')).err).toBe('rekap: Unknown command "frobnicate"; see "rekap --help".\n');
  });

  it('refuses unknown options and a bad --lang with exit 2', async () => {
    const unknown = await run('check', '--tallies', 'x.json', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^rekap: Argumen untuk "rekap check" salah: .*--bogus/);
    const lang = await run('check', '--tallies', 'x.json', '--lang', 'fr');
    expect(lang.code).toBe(2);
    expect(lang.err).toContain('--lang "fr"');
  });

  it('runs as a real process through bin/rekap.mjs', () => {
    const root = join(import.meta.dirname, '..', '..');
    const result = spawnSync(process.execPath, [join(root, 'bin', 'rekap.mjs'), '--help'], { encoding: 'utf8', cwd: root });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Penggunaan / Usage');
    expect(result.stderr).toBe('');
  });
});
