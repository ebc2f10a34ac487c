import { access } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySummary, type SummaryFile } from '../../src/domain/summary/index.ts';
import { TALLIES_FORMAT } from '../../src/domain/tally/tally.ts';
import { importSummaryFile } from '../../src/server/kabupaten/service.ts';
import { startTestServer, type TestServer } from '../server/harness.ts';
import { finalTallies, paperGroups } from '../server/kabupatenSummaries.ts';
import { DEMO_SETUP, readJson, run, tempDir, writeJson } from './helpers.ts';

/**
 * Scripted signing with a server-attested chair key (issue 15): a `rekap sync --state <dir>` folder
 * enrolled with the chair's code signs with `rekap sign-summary --state <dir>`, and the kabupaten
 * import of the same server takes the file, with no key or attestation file copied by hand.
 */
describe('rekap sign-summary --state <dir>', () => {
  let server: TestServer;
  let url: string;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    server = await startTestServer();
    url = (await server.listen()).url;
    tmp = await tempDir();
  });
  afterEach(async () => {
    await server.close();
    await tmp.cleanup();
  });

  const tallies = () =>
    writeJson(tmp.path('tallies.json'), { format: TALLIES_FORMAT, kecamatan: server.kecamatan, tallies: finalTallies(server.setup).filter((t) => t.contest === 'PPWP') });

  it('signs with the key and attestation of the chair device the folder enrolled as; the kabupaten import accepts it', async () => {
    const state = tmp.path('ketua');
    const enrolled = await run('sync', '--server', url, '--state', state, '--code', server.chairCode, 'pull', '-o', tmp.path('pulled.json'));
    expect(enrolled.code).toBe(0);
    const r = await run('sign-summary', '--state', state, '--tallies', await tallies(), '--signer-name', 'Siti Aminah', '-o', tmp.path('summary.json'), '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Signer: Siti Aminah (chair)');
    expect(r.out).toContain('with server attestation');

    const file = await readJson<SummaryFile>(tmp.path('summary.json'));
    expect(file.attestation?.statement.role).toBe('chair');
    const verified = await verifySummary(file, { trust: server.serverKey.publicJwk, setup: server.setup });
    expect(verified.ok && verified.value.failures).toEqual([]);
    const imported = await importSummaryFile(
      { storage: server.storage, serverKey: server.serverKey, now: server.clock.now },
      { value: file, groups: await paperGroups(file), replace: false, importedBy: 'admin', kabupaten: null },
    );
    expect(imported.ok && imported.value.status).toBe('imported');
  });

  it('refuses --key, --attestation or --role beside --state, and a folder that holds no state (without making one)', async () => {
    const input = await tallies();
    const clash = await run('sign-summary', '--state', tmp.path('x'), '--key', tmp.path('k.jwk'), '--tallies', input, '-o', tmp.path('s.json'), '--lang', 'en');
    expect(clash.code).toBe(2);
    expect(clash.err).toContain('do not also give --key');

    const missing = await run('sign-summary', '--state', tmp.path('typo'), '--tallies', input, '--setup', DEMO_SETUP, '-o', tmp.path('s.json'), '--lang', 'en');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('is not a "rekap sync" state folder');
    await expect(access(tmp.path('typo'))).rejects.toThrow();
    await expect(access(tmp.path('s.json'))).rejects.toThrow();
  });
});
