import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObjectionsFileSchema } from '../../src/domain/objections/file.ts';
import { issueCode } from '../../src/server/admin.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { readJson, run, tempDir } from './helpers.ts';

let server: TestServer;
let url: string;
let dir: Awaited<ReturnType<typeof tempDir>>;

async function code(role: 'witness' | 'panwas' | 'clerk', panel: string | null = null): Promise<string> {
  const issued = await issueCode({ storage: server.storage, now: server.clock.now }, { kecamatan: server.kecamatan, role, panel, createdBy: 'test' });
  if (!issued.ok) throw new Error(issued.error.en);
  return issued.value.code;
}

beforeEach(async () => {
  server = await startTestServer();
  url = (await server.listen()).url;
  dir = await tempDir();
});
afterEach(async () => {
  await server.close();
  await dir.cleanup();
});

const tpsOf = (s: TestServer) => `${s.setup.desa[0]!.code}${String(s.setup.desa[0]!.tps[1]).padStart(3, '0')}`;

describe('rekap sync objection (headless client)', () => {
  it("a witness's objection reaches the chair's pull, and the chair's decision reaches the witness", async () => {
    const tps = tpsOf(server);
    const filed = await run(
      'sync', '--server', url, '--state', dir.path('saksi'), '--code', await code('witness'), '--name', 'Saksi Paslon 02',
      'objection', 'add', '--tps', tps, '--contest', 'PPWP', '--text', 'Suara paslon 02 di C.Hasil 120, dibacakan 102', '--of', 'pair:2', '--json',
    );
    expect(filed.err).toBe('');
    expect(filed.code).toBe(0);
    const { id } = JSON.parse(filed.out) as { id: string };

    const chairOut = dir.path('chair-objections.json');
    const chairPull = await run('sync', '--server', url, '--state', dir.path('ketua'), '--code', server.chairCode, '--name', 'Ketua PPK', 'pull', '-o', dir.path('t.json'), '--objections-out', chairOut);
    expect(chairPull.code).toBe(0);
    const atChair = ObjectionsFileSchema.parse(await readJson(chairOut));
    expect(atChair.objections).toEqual([
      expect.objectContaining({ id, scope: 'tps', code: tps, contest: 'PPWP', kind: 'objection', filedBy: { name: 'Saksi Paslon 02', role: 'witness' }, status: 'pending', decision: null }),
    ]);

    // The witness may not decide it: refused on the device before anything is sent.
    const self = await run('sync', '--state', dir.path('saksi'), 'objection', 'decide', id, '--decision', 'rejected', '--text', 'x', '--lang', 'en');
    expect(self.code).toBe(1);
    expect(self.err).toMatch(/only the PPK chair/);

    const decided = await run('sync', '--state', dir.path('ketua'), '--name', 'Ketua PPK', 'objection', 'decide', id, '--decision', 'recounted', '--text', 'Dihitung ulang: 120 benar');
    expect(decided.code).toBe(0);

    const witnessOut = dir.path('witness-objections.json');
    expect((await run('sync', '--state', dir.path('saksi'), 'pull', '-o', dir.path('w.json'), '--objections-out', witnessOut)).code).toBe(0);
    const atWitness = ObjectionsFileSchema.parse(await readJson(witnessOut));
    expect(atWitness.objections[0]).toMatchObject({ id, status: 'decided', decision: { outcome: 'recounted', note: 'Dihitung ulang: 120 benar', by: 'Ketua PPK' } });
  });

  it('Panwascam files a special event about a desa; bad input changes nothing', async () => {
    const panwas = dir.path('panwas');
    const enrolled = await run('sync', '--server', url, '--state', panwas, '--code', await code('panwas'), 'pull', '-o', dir.path('p.json'));
    expect(enrolled.code).toBe(0);
    const bad = await run('sync', '--state', panwas, 'objection', 'add', '--tps', '3509082001999', '--text', 'x', '--lang', 'en');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not in the setup/);
    const ok = await run('sync', '--state', panwas, '--name', 'Panwascam Puger', 'objection', 'add', '--desa', server.setup.desa[1]!.code, '--kind', 'event', '--text', 'Kotak suara tiba tanpa segel', '--json');
    expect(ok.code).toBe(0);
    const out = dir.path('o.json');
    await run('sync', '--state', panwas, 'pull', '-o', dir.path('p.json'), '--objections-out', out);
    const file = ObjectionsFileSchema.parse(await readJson(out));
    expect(file.objections.map((o) => [o.scope, o.kind, o.filedBy.role])).toEqual([['desa', 'event', 'panwas']]);
  });
});
