import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, KabupatenTotalsResponseSchema, SummaryImportResponseSchema } from '../../src/api/index.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import { enrol, signOffs, type TestDevice } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { deviceSummary, finalTallies, paperGroups } from './kabupatenSummaries.ts';
import { STORAGE_CASES } from './storages.ts';

/**
 * A kabupaten server that also holds the kecamatan's synced forms: the import compares every TPS
 * figure of the summary with the server's own form, and the coverage is what the server holds as
 * final (issue 15: a hand-made "final" summary had been counted as 364/364 TPS).
 */
describe.each(STORAGE_CASES)('kabupaten import checked against the synced forms ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  const start = async () => {
    server = await startTestServer({ storage: storageCase });
    return enrol(server, server.chairCode, 'Laptop ketua');
  };
  const post = async (device: TestDevice, summary: unknown, groups: unknown) =>
    server.request('/api/kabupaten/summaries', {
      method: 'POST',
      headers: { ...device.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ summary, groups, replace: false }),
    });
  const refusal = async (res: Response) => ApiErrorSchema.parse(await res.json()).error;
  const totals = async (device: TestDevice) => KabupatenTotalsResponseSchema.parse(await (await server.request('/api/kabupaten/totals', { headers: device.auth })).json());
  /** The PPWP forms as the hall's laptops would sync them (final, or as given). */
  const ppwp = (seed = 3) => finalTallies(server.setup, seed).filter((t) => t.contest === 'PPWP');
  const sync = async (device: TestDevice, forms: readonly Tally[]) => {
    for (let i = 0; i < forms.length; i += 200) {
      const ops = await Promise.all(forms.slice(i, i + 200).map((t) => device.op({ ...t, ...signOffs(t.status) }, 0)));
      const pushed = await device.push(ops);
      expect(pushed.status).toBe(200);
      expect(pushed.results.filter((r) => r.status !== 'applied')).toEqual([]);
    }
  };

  it('refuses a summary whose TPS figure differs from the form synced here, naming the TPS, contest and figure; nothing is stored', async () => {
    const chair = await start();
    const forms = ppwp();
    await sync(chair, forms);
    const edited = forms.map((t, i) => (i === 17 ? ({ ...t, votes: { ...t.votes, 2: (t.votes as Record<string, number>)['2']! + 5 } } as Tally) : t));
    const target = edited[17]!;
    const file = await deviceSummary(chair, server.setup, { contests: ['PPWP'], tallies: edited });
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(400);
    const message = (await refusal(res)).message;
    const was = (forms[17]!.votes as Record<string, number>)['2']!;
    expect(message.en).toContain(`(1 form differs), so nothing is stored: TPS ${target.tps}, President, `);
    expect(message.en).toContain(`(votes.2): summary ${was + 5}, this server ${was}.`);
    expect(message.id).toContain(`TPS ${target.tps}, Presiden, `);
    expect(message.id).toContain(`(votes.2): ringkasan ${was + 5}, server ${was}.`);
    expect(await server.storage.summaryImports('3509')).toEqual([]);
    expect((await totals(chair)).contests.find((c) => c.contest === 'PPWP')!.groups).toEqual([]);
  });

  it('refuses a summary with a TPS whose form was never synced here', async () => {
    const chair = await start();
    const forms = ppwp();
    await sync(chair, forms.filter((_, i) => i !== 40));
    const file = await deviceSummary(chair, server.setup, { contests: ['PPWP'], tallies: forms });
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(400);
    expect((await refusal(res)).message.en).toContain(`TPS ${forms[40]!.tps}, President: this server holds no figures of this form`);
    expect(await server.storage.summaryImports('3509')).toEqual([]);
  });

  it('a summary claiming every TPS final shows the coverage this server holds as final, not the file’s', async () => {
    const chair = await start();
    const forms = ppwp();
    // The same figures, but ten forms are still only verified on the server.
    await sync(chair, forms.map((t, i) => (i % 30 === 0 ? { ...t, status: 'verified' as const } : t)));
    const notFinal = forms.filter((_, i) => i % 30 === 0).length;
    const file = await deviceSummary(chair, server.setup, { contests: ['PPWP'], tallies: forms });
    expect(file.contests[0]!.kecamatan.tpsIncluded).toBe(364);
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(200);
    const body = SummaryImportResponseSchema.parse(await res.json());
    expect(body.coverage).toEqual([{ contest: 'PPWP', source: 'server', final: 364 - notFinal, expected: 364 }]);
    const group = (await totals(chair)).contests.find((c) => c.contest === 'PPWP')!.groups[0]!;
    expect(group.kecamatan.map((k) => [k.code, k.coverage])).toEqual([['350908', { source: 'server', final: 364 - notFinal, expected: 364 }]]);

    // Finalised later on the server: the coverage follows the server, not the file.
    const stored = await chair.pull(0, 1000);
    const verified = stored.changes.filter((c) => c.kind === 'tally' && c.record.status === 'verified');
    expect(verified).toHaveLength(notFinal);
    const ops = await Promise.all(verified.map((c) => chair.op({ ...(c.record as Tally), status: 'final' }, c.version)));
    expect((await chair.push(ops)).results.every((r) => r.status === 'applied')).toBe(true);
    const after = (await totals(chair)).contests.find((c) => c.contest === 'PPWP')!.groups[0]!;
    expect(after.kecamatan[0]!.coverage).toEqual({ source: 'server', final: 364, expected: 364 });
  });

  it('a kabupaten server with no synced forms takes the summary as before and says its coverage is as the file claims', async () => {
    const chair = await start();
    const file = await deviceSummary(chair, server.setup, { contests: ['PPWP', 'DPD'] });
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(200);
    const body = SummaryImportResponseSchema.parse(await res.json());
    expect(body.coverage).toEqual([
      { contest: 'PPWP', source: 'file', final: 364, expected: 364 },
      { contest: 'DPD', source: 'file', final: 364, expected: 364 },
    ]);
    const group = (await totals(chair)).contests.find((c) => c.contest === 'DPD')!.groups[0]!;
    expect(group.kecamatan[0]!.coverage).toEqual({ source: 'file', final: 364, expected: 364 });
  });
});
