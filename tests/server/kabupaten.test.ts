import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, KabupatenTotalsResponseSchema, SummaryImportResponseSchema, SummaryListResponseSchema } from '../../src/api/index.ts';
import { sealChanges } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import { summaryHash, type SummaryFile } from '../../src/domain/summary/index.ts';
import { initKecamatan } from '../../src/server/admin.ts';
import { attest } from '../domain/summary/helpers.ts';
import { enrol, issueCodeAs, type TestDevice } from './client.ts';
import { otherKecamatan, startTestServer, type TestServer } from './harness.ts';
import { deviceSummary, finalTallies, paperGroups } from './kabupatenSummaries.ts';
import { STORAGE_CASES } from './storages.ts';

describe.each(STORAGE_CASES)('kabupaten view: importing kecamatan summaries ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  const post = async (device: TestDevice | null, summary: unknown, groups: unknown, replace = false) =>
    server.request('/api/kabupaten/summaries', {
      method: 'POST',
      headers: { ...(device ? device.auth : {}), 'content-type': 'application/json' },
      body: JSON.stringify({ summary, groups, replace }),
    });
  const refusal = async (res: Response) => ApiErrorSchema.parse(await res.json()).error;
  const start = async () => {
    server = await startTestServer({ storage: storageCase });
    return enrol(server, server.chairCode, 'Laptop ketua');
  };

  it('imports a final summary signed by a chair device it attested; lists it and sums it into the totals', async () => {
    const chair = await start();
    const file = await deviceSummary(chair, server.setup);
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(200);
    const body = SummaryImportResponseSchema.parse(await res.json());
    expect(body.status).toBe('imported');
    expect(body.summary).toMatchObject({ hash: await summaryHash(file), kecamatan: { code: '350908' }, contests: ['PPWP', 'DPD'], signerName: 'Siti Aminah', fingerprint: file.signer.fingerprint, serverFingerprint: server.serverKey.fingerprint, importedBy: chair.enrolment.deviceId });

    const list = SummaryListResponseSchema.parse(await (await server.request('/api/kabupaten/summaries', { headers: chair.auth })).json());
    expect(list.kabupaten.code).toBe('3509');
    expect(list.summaries.map((s) => [s.hash, s.importedAt])).toEqual([[body.summary.hash, server.clock.now().toISOString()]]);

    const totals = KabupatenTotalsResponseSchema.parse(await (await server.request('/api/kabupaten/totals', { headers: chair.auth })).json());
    const ppwp = totals.contests.find((c) => c.contest === 'PPWP')!;
    expect(ppwp.groups).toHaveLength(1);
    expect(ppwp.groups[0]!.figures).toEqual(file.contests[0]!.kecamatan.figures);
    expect(ppwp.groups[0]!.tpsIncluded).toBe(364);
    expect(ppwp.missing).toEqual([]);
    // DPR was not in the file: the kecamatan is listed as missing there.
    expect(totals.contests.find((c) => c.contest === 'DPR')!.missing.map((m) => m.code)).toEqual(['350908']);

    // The same file again (a retried upload) changes nothing.
    const again = SummaryImportResponseSchema.parse(await (await post(chair, file, await paperGroups(file, [1, 16]))).json());
    expect(again.status).toBe('unchanged');
  });

  it('refuses a summary whose signer’s audit history (its audit head) is not on the server; takes it once the chain is pushed', async () => {
    const chair = await start();
    const device = { keyHash: await keyHash(await exportPublicJwk(chair.keys.publicKey)), privateKey: chair.keys.privateKey };
    const at = '2024-02-20T21:00:00+07:00';
    const chain = await sealChanges(
      [{ at, actor: 'Siti Aminah', role: 'chair', record: { kind: 'finalisation', key: '350908:PPWP' }, action: 'finalisation.finalised', before: null, after: { scope: 'kecamatan' }, reason: null }],
      null,
      device,
    );
    const file = await deviceSummary(chair, server.setup, { auditHead: chain[0]!.hash });

    const early = await post(chair, file, await paperGroups(file));
    expect(early.status).toBe(400);
    expect((await refusal(early)).message.en).toMatch(/^The audit history this summary names \(chain head [0-9a-f]{16}…\) is not on this server\. Sync the laptop/);

    const pushed = await server.request('/api/audit', { method: 'POST', headers: { ...chair.auth, 'content-type': 'application/json' }, body: JSON.stringify({ entries: chain }) });
    expect(pushed.status).toBe(200);
    const later = await post(chair, file, await paperGroups(file));
    expect(later.status).toBe(200);
  });

  it('refuses a broken signature', async () => {
    const chair = await start();
    const file = await deviceSummary(chair, server.setup);
    const forged = { ...file, signature: file.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    const res = await post(chair, forged, await paperGroups(forged));
    expect(res.status).toBe(400);
    expect((await refusal(res)).message.en).toMatch(/^The summary fails verification: The signature does not match the file/);
  });

  it('refuses a tampered figure, naming the TPS', async () => {
    const chair = await start();
    const file = await deviceSummary(chair, server.setup);
    const entry = file.contests[0]!.desa[2]!.tps[4]!;
    (entry.figures.votes as Record<string, number>)['3']! += 1;
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(400);
    const message = (await refusal(res)).message;
    expect(message.en).toContain(`Check TPS ${entry.tps}`);
    expect(message.id).toContain(`Periksa TPS ${entry.tps}`);
    expect(await server.storage.summaryImports('3509')).toEqual([]);
  });

  it('refuses hash groups that are not the file’s (binds the file to the signed paper)', async () => {
    const chair = await start();
    const file = await deviceSummary(chair, server.setup);
    const [right, wrong] = await paperGroups(file, [5, 9]);
    const typo = { group: wrong!.group, typed: wrong!.typed === 'FFFF' ? 'EEEE' : 'FFFF' };
    const res = await post(chair, file, [right, typo]);
    expect(res.status).toBe(400);
    expect((await refusal(res)).message.id).toMatch(/^Kelompok ke-9 \("(FFFF|EEEE)"\) tidak sama dengan hash berkas ini/);
    // The request must name two different groups.
    expect((await post(chair, file, [right, right])).status).toBe(400);
  });

  it('refuses a summary that is not final, listing the TPS', async () => {
    const chair = await start();
    const tallies = finalTallies(server.setup).map((t, i) => (i === 0 ? { ...t, status: 'verified' as const } : t));
    const file = await deviceSummary(chair, server.setup, { tallies, contests: ['PPWP'] });
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(400);
    expect((await refusal(res)).message.en).toBe(`President: the summary is not final — 1 TPS not final (${tallies[0]!.tps}: verified). Only results the PPK has finalised are summed.`);
  });

  it('refuses a summary of another kabupaten', async () => {
    const chair = await start();
    const foreign = JSON.parse(JSON.stringify(server.setup).replaceAll('3509', '3510')) as typeof server.setup;
    const file = await deviceSummary(chair, foreign);
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(400);
    expect((await refusal(res)).message.en).toBe('This summary is for kabupaten 3510, not kabupaten 3509.');
  });

  it('refuses a summary attested by another server (no foreign trust)', async () => {
    const chair = await start();
    const stranger = await generateKeyPair(true);
    const attestation = await attest(stranger, await exportPublicJwk(chair.keys.publicKey), { kecamatan: server.setup.kecamatan.code });
    const file = await deviceSummary(chair, server.setup, { attestation });
    const res = await post(chair, file, await paperGroups(file));
    expect(res.status).toBe(400);
    expect((await refusal(res)).message.en).toContain(`not by the trusted server ${server.serverKey.fingerprint}`);
  });

  it('lets only a chair import, and only its own kecamatan; everyone enrolled reads the totals', async () => {
    const chair = await start();
    const file = await deviceSummary(chair, server.setup);
    const groups = await paperGroups(file);
    expect((await post(null, file, groups)).status).toBe(401);
    const witness = await enrol(server, await issueCodeAs(server, chair, 'witness'), 'Saksi');
    const forbidden = await post(witness, file, groups);
    expect(forbidden.status).toBe(403);
    expect((await refusal(forbidden)).message.en).toMatch(/^Role witness may not do this/);
    const other = await initKecamatan({ storage: server.storage, now: server.clock.now }, otherKecamatan(server.setup));
    if (!other.ok) throw new Error(other.error.en);
    const otherChair = await enrol(server, other.value.chairCode.code, 'Ketua lain');
    const foreignChair = await post(otherChair, file, groups);
    expect(foreignChair.status).toBe(403);
    expect((await refusal(foreignChair)).message.en).toContain('imports only their own kecamatan');
    expect((await server.request('/api/kabupaten/totals', { headers: witness.auth })).status).toBe(200);
    expect((await server.request('/api/kabupaten/totals')).status).toBe(401);
  });

  it('refuses a second summary of the same kecamatan × contest unless replacing; the old one stays in the history', async () => {
    const chair = await start();
    const first = await deviceSummary(chair, server.setup, { contests: ['PPWP', 'DPD'] });
    expect((await post(chair, first, await paperGroups(first))).status).toBe(200);
    server.clock.advance(3_600_000);
    const corrected = await deviceSummary(chair, server.setup, { contests: ['PPWP'], tallies: finalTallies(server.setup, 9), createdAt: '2024-02-21T10:00:00+07:00' });
    const refused = await post(chair, corrected, await paperGroups(corrected));
    expect(refused.status).toBe(409);
    expect((await refusal(refused)).message.en).toContain('Kecamatan 350908, President: another summary is already counted');

    const replaced = await post(chair, corrected, await paperGroups(corrected), true);
    expect(replaced.status).toBe(200);
    const body = SummaryImportResponseSchema.parse(await replaced.json());
    expect(body.replaced).toEqual([{ contest: 'PPWP', hash: await summaryHash(first) }]);

    const list = SummaryListResponseSchema.parse(await (await server.request('/api/kabupaten/summaries', { headers: chair.auth })).json());
    expect(list.summaries.map((s) => s.hash)).toEqual([await summaryHash(corrected), await summaryHash(first)]);
    expect(list.summaries[1]!.slots).toEqual([
      { contest: 'PPWP', counted: false, replacedAt: server.clock.now().toISOString(), replacedBy: await summaryHash(corrected) },
      { contest: 'DPD', counted: true, replacedAt: null, replacedBy: null },
    ]);
    const totals = KabupatenTotalsResponseSchema.parse(await (await server.request('/api/kabupaten/totals', { headers: chair.auth })).json());
    expect(totals.contests.find((c) => c.contest === 'PPWP')!.groups[0]!.figures).toEqual((corrected as SummaryFile).contests[0]!.kecamatan.figures);
    expect(totals.contests.find((c) => c.contest === 'DPD')!.groups[0]!.kecamatan[0]!.hash).toBe(await summaryHash(first));
    const actions = (await server.storage.audit('350908')).map((a) => a.action).filter((a) => a.startsWith('summary-'));
    expect(actions).toEqual(['summary-imported', 'summary-replaced', 'summary-imported']);
  });

  it('sums two kecamatan of the kabupaten into one PPWP total', async () => {
    const chair = await start();
    const setupB = otherKecamatan(server.setup);
    const other = await initKecamatan({ storage: server.storage, now: server.clock.now }, setupB);
    if (!other.ok) throw new Error(other.error.en);
    const chairB = await enrol(server, other.value.chairCode.code, 'Ketua B');
    const a = await deviceSummary(chair, server.setup, { contests: ['PPWP'] });
    const b = await deviceSummary(chairB, setupB, { contests: ['PPWP'], tallies: finalTallies(setupB, 5) });
    expect((await post(chair, a, await paperGroups(a))).status).toBe(200);
    let totals = KabupatenTotalsResponseSchema.parse(await (await server.request('/api/kabupaten/totals', { headers: chairB.auth })).json());
    expect(totals.contests.find((c) => c.contest === 'PPWP')!.missing.map((m) => m.code)).toEqual(['350909']);
    expect((await post(chairB, b, await paperGroups(b))).status).toBe(200);
    totals = KabupatenTotalsResponseSchema.parse(await (await server.request('/api/kabupaten/totals', { headers: chair.auth })).json());
    const ppwp = totals.contests.find((c) => c.contest === 'PPWP')!;
    expect(ppwp.missing).toEqual([]);
    expect(ppwp.groups[0]!.kecamatan.map((k) => k.code)).toEqual(['350908', '350909']);
    expect(ppwp.groups[0]!.tpsIncluded).toBe(728);
    expect(ppwp.groups[0]!.figures.valid).toBe(a.contests[0]!.kecamatan.figures.valid! + b.contests[0]!.kecamatan.figures.valid!);
  });
});
