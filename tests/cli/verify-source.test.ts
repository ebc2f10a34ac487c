import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePugerTallies } from '../domain/summary/helpers.ts';
import { DEMO_SETUP, run, tempDir } from './helpers.ts';

/** `rekap verify` hashes a canonical file as it is read; any other layout of the same file must report the same. */
describe('rekap verify, canonical file or not', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let summary: string;
  beforeAll(async () => {
    tmp = await tempDir();
    const key = tmp.path('key.jwk');
    await run('keygen', '-o', key);
    const tallies = await writePugerTallies(tmp.path('tallies.json'), 2);
    summary = tmp.path('summary.json');
    const signed = await run('sign-summary', '--tallies', tallies, '--setup', DEMO_SETUP, '--key', key, '--signer-name', 'Siti Aminah', '-o', summary);
    expect(signed.code).toBe(0);
  });
  afterAll(() => tmp.cleanup());

  it('reports the same for the canonical file, the file re-indented and the file with a BOM', async () => {
    const canonical = await readFile(summary, 'utf8');
    await writeFile(tmp.path('s.json'), canonical);
    await writeFile(tmp.path('pretty.json'), JSON.stringify(JSON.parse(canonical), null, 2));
    await writeFile(tmp.path('bom.json'), `\uFEFF${canonical}`);
    const reports = await Promise.all(['s.json', 'pretty.json', 'bom.json'].map((name) => run('verify', tmp.path(name), '--setup', DEMO_SETUP, '--json')));
    for (const r of reports) expect(r.code).toBe(0);
    expect(reports[1]!.out).toBe(reports[0]!.out);
    expect(reports[2]!.out).toBe(reports[0]!.out);
    const texts = await Promise.all(['s.json', 'pretty.json'].map((name) => run('verify', tmp.path(name), '--setup', DEMO_SETUP)));
    expect(texts[1]!.out.replace('pretty.json', 's.json')).toBe(texts[0]!.out);
  });

  it('exits 1 when a digit of the canonical file is changed in place', async () => {
    const canonical = await readFile(summary, 'utf8');
    const at = canonical.indexOf('"valid":') + '"valid":'.length;
    const digit = canonical[at]!;
    await writeFile(tmp.path('edited.json'), `${canonical.slice(0, at)}${digit === '9' ? '8' : String(Number(digit) + 1)}${canonical.slice(at + 1)}`);
    const r = await run('verify', tmp.path('edited.json'), '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toContain('The signature does not match the file');
  });
});
