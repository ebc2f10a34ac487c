import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SETUP, readJson, run, tempDir, writeJson } from './helpers.ts';

describe('rekap validate-setup', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    tmp = await tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('accepts the Puger demo setup with a one-line summary', async () => {
    const r = await run('validate-setup', DEMO_SETUP, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      'Setup valid: Kecamatan PUGER (350908), 12 desa, 364 TPS, 5 contests (PPWP, DPR, DPD, DPRD_PROV, DPRD_KAB).\n',
    );
    const id = await run('validate-setup', DEMO_SETUP);
    expect(id.out).toMatch(/^Setup sah: Kecamatan PUGER \(350908\), 12 desa, 364 TPS, 5 jenis pemilihan/);
  });

  it('exits 2 and lists each issue with its path', async () => {
    const setup = await readJson<{ desa: { name: string; tps: unknown[] }[]; kecamatan: { code: string } }>(DEMO_SETUP);
    setup.desa[0]!.name = '';
    setup.desa[1]!.tps[0] = 0;
    const file = await writeJson(tmp.path('bad-setup.json'), setup);
    const r = await run('validate-setup', file, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Setup .*bad-setup\.json is invalid: \d+ issues?\.$/);
    expect(lines.some((l) => l.startsWith('  desa[0].name: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('  desa[1].tps[0]: '))).toBe(true);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it('exits 2 without a file argument or with a missing file', async () => {
    const none = await run('validate-setup');
    expect(none.code).toBe(2);
    expect(none.err).toBe('rekap: "rekap validate-setup" memerlukan <setup.json>.\n');
    const missing = await run('validate-setup', tmp.path('nope.json'), '--lang', 'en');
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(`rekap: File ${tmp.path('nope.json')} does not exist.\n`);
  });
});
