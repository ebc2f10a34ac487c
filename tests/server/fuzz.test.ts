import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, PushResponseSchema, type Op, type OpResult, type UnsignedOp } from '../../src/api/index.ts';
import { sealChanges, type AuditChange } from '../../src/domain/audit/index.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import { signPush } from '../../src/sync/sign.ts';
import { signRequestHeaders } from '../../src/sync/signRequest.ts';
import type { Role } from '../../src/api/index.ts';
import { issueCode } from '../../src/server/admin.ts';
import { enrol, tallyOf, tpsIn, type TestDevice } from './client.ts';
import { junkBodies, mutated, nastyParam, nested, type FuzzBody } from './fuzzInput.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { deviceSummary, paperGroups } from './kabupatenSummaries.ts';
import { STORAGE_CASES } from './storages.ts';

/**
 * The server as an attacker's fuzzer meets it (issue 14): ≥ 10,000 requests on SQLite across every
 * endpoint that reads input, each with junk where a value should be — numbers past every bound
 * (1e308, 2^53 + 1, 1e-320, long digit strings), lone UTF-16 surrogates, nesting 5,000 deep, wrong
 * types, cut-off JSON, random bytes. None may get a 5xx, every refusal is an ApiError in words, and
 * nothing is logged as an error. A tenth of the runs on PostgreSQL.
 */
describe.each(STORAGE_CASES)('fuzzed requests ($name)', (storageCase) => {
  const runs = (n: number) => (storageCase.name === 'sqlite' ? n : Math.ceil(n / 10));
  let server: TestServer;
  let chair: TestDevice;
  let clerk: TestDevice;
  let sent = 0;
  let logMark = 0;

  beforeAll(async () => {
    server = await startTestServer({ storage: storageCase });
    chair = await enrol(server, server.chairCode, 'Laptop ketua');
    clerk = await enrol(server, await adminCode('clerk', 'panel-1'), 'Laptop panitera');
  }, 120_000);
  afterAll(async () => server?.close());
  beforeEach(() => {
    logMark = server.logs.length;
  });

  /** Sends one request and checks what every answer must hold; returns the status and the parsed body. */
  async function send(method: string, path: string, fuzz: FuzzBody | null, auth: Record<string, string> = chair.auth): Promise<{ status: number; body: unknown }> {
    sent += 1;
    const headers: Record<string, string> = { ...auth, ...(fuzz?.json ? { 'content-type': 'application/json' } : {}) };
    const res = await server.request(path, { method, headers, ...(fuzz ? { body: fuzz.body } : {}) });
    const text = await res.text();
    const shown = typeof fuzz?.body === 'string' ? fuzz.body.slice(0, 300) : `${fuzz?.body.length ?? 0} bytes`;
    expect(res.status, `${method} ${path.slice(0, 200)} ${shown}`).toBeLessThan(500);
    const body: unknown = text === '' ? null : JSON.parse(text);
    if (res.status >= 400) {
      const parsed = ApiErrorSchema.safeParse(body);
      expect(parsed.success, `${method} ${path.slice(0, 200)}: ${text.slice(0, 300)}`).toBe(true);
      if (parsed.success) expect(parsed.data.error.message.id.length * parsed.data.error.message.en.length).toBeGreaterThan(0);
    }
    return { status: res.status, body };
  }

  /** A code as `rekap server code` issues it (the API's own route is fuzzed, not relied on). */
  async function adminCode(role: Role, panel: string | null): Promise<string> {
    const issued = await issueCode({ storage: server.storage, now: server.clock.now }, { kecamatan: server.kecamatan, role, panel, createdBy: 'admin' });
    if (!issued.ok) throw new Error(issued.error.en);
    return issued.value.code;
  }
  const errorLines = () => server.logs.slice(logMark).filter((l) => l.level === 'error');
  const firstTps = (): TpsCode => tpsIn(server.setup, server.setup.desa[0]!.code);
  const signer = async (device: TestDevice) => ({
    privateKey: device.keys.privateKey,
    keyHash: await keyHash(await exportPublicJwk(device.keys.publicKey)),
    kecamatan: device.enrolment.kecamatan,
  });
  const unsigned = async (device: TestDevice, tps: TpsCode, votes: number[], base = 0): Promise<UnsignedOp> => {
    const { signature: _alone, ...op } = await device.op(tallyOf(server.setup, tps, 'PPWP', votes), base);
    return op as UnsignedOp;
  };
  const json = (body: string): FuzzBody => ({ body, json: true });

  it('never answers 5xx to a push of mutated ops signed one by one', { timeout: 300_000 }, async () => {
    const template = { ops: [await chair.op(tallyOf(server.setup, firstTps()), 0)] };
    await fc.assert(
      fc.asyncProperty(junkBodies(template), async (fuzz) => void (await send('POST', '/api/push', fuzz))),
      { numRuns: runs(1500) },
    );
    expect(errorLines()).toEqual([]);
  });

  it('never answers 5xx to a push whose manifest, signature or ops are mutated', { timeout: 300_000 }, async () => {
    const desa = server.setup.desa[1]!.code;
    const ops = [await unsigned(chair, tpsIn(server.setup, desa, 0), [1, 2, 3]), await unsigned(chair, tpsIn(server.setup, desa, 1), [4, 5, 6])];
    const template = await signPush(ops, await signer(chair));
    await fc.assert(
      fc.asyncProperty(mutated(template), async (body) => void (await send('POST', '/api/push', json(body)))),
      { numRuns: runs(1500) },
    );
    expect(errorLines()).toEqual([]);
  });

  it('never answers 5xx to an audit segment with mutated entries, 5,000-deep nesting included', { timeout: 300_000 }, async () => {
    const change = (n: number): AuditChange => ({
      at: `2024-02-18T0${n}:00:00.000+07:00`,
      actor: 'Siti',
      role: 'chair',
      record: { kind: 'tally', key: `${firstTps()}:PPWP` },
      action: 'tally.changed',
      before: { 'votes.1': n },
      after: { 'votes.1': n + 1 },
      reason: null,
    });
    const template = { entries: await sealChanges([change(1), change(2)], null, await signer(chair)) };
    // The attack as found: entries nested 5,000 deep, on their own.
    const deep = { entries: [{ ...template.entries[0], after: '\u0001deep\u0001' }] };
    await send('POST', '/api/audit', json(JSON.stringify(deep).replace('"\\u0001deep\\u0001"', nested(5000, 'object'))));
    // A lone surrogate has no canonical JSON, so no hash: the entry is malformed (it was a 500).
    const lone = await send('POST', '/api/audit', json(JSON.stringify({ entries: [{ ...template.entries[0], before: 'x\ud800' }] })));
    expect(lone).toMatchObject({ status: 422, body: { error: { refusal: { kind: 'malformed', index: 0 } } } });
    await fc.assert(
      fc.asyncProperty(junkBodies(template), async (fuzz) => void (await send('POST', '/api/audit', fuzz))),
      { numRuns: runs(1500) },
    );
    expect(errorLines()).toEqual([]);
  });

  it('never answers 5xx to enrolment, codes or revocation with junk', { timeout: 300_000 }, async () => {
    const enrolment = {
      code: await adminCode('witness', null),
      deviceName: 'Laptop saksi',
      publicKey: await exportPublicJwk((await generateKeyPair()).publicKey),
    };
    // A name with a lone surrogate is refused before the code is used (it was a 500 after it).
    const lone = await send('POST', '/api/enrol', json(JSON.stringify({ ...enrolment, deviceName: 'Laptop \ud800' })), {});
    expect(lone).toMatchObject({ status: 400, body: { error: { issues: [{ path: 'deviceName' }] } } });
    expect((await send('POST', '/api/enrol', json(JSON.stringify(enrolment)), {})).status).toBe(200);
    const request = fc.oneof(
      junkBodies(enrolment).map((fuzz) => ['/api/enrol', fuzz, {}] as const),
      junkBodies({ role: 'clerk', panel: 'panel-1' }).map((fuzz) => ['/api/codes', fuzz, chair.auth] as const),
      junkBodies({ role: 'witness', panel: null }).map((fuzz) => ['/api/codes', fuzz, clerk.auth] as const),
      fc.tuple(nastyParam, junkBodies({})).map(([id, fuzz]) => [`/api/devices/${id}/revoke`, fuzz, chair.auth] as const),
    );
    await fc.assert(
      fc.asyncProperty(request, async ([path, fuzz, auth]) => void (await send('POST', path, fuzz, auth))),
      { numRuns: runs(2000) },
    );
    expect(errorLines()).toEqual([]);
  });

  it('never answers 5xx to signed privileged requests (codes, revocation) with junk bodies or ids', { timeout: 300_000 }, async () => {
    const requestSigner = await signer(chair);
    /** Headers signed over `body` at `path` when they can be (a valid signature gets the junk past the check), else over a sane request. */
    const signedFor = async (path: string, text: string | null) => {
      let body: unknown;
      try {
        body = text === null ? undefined : JSON.parse(text);
        return await signRequestHeaders(requestSigner, { method: 'POST', path, body }, server.clock.now());
      } catch {
        return signRequestHeaders(requestSigner, { method: 'POST', path: '/api/codes', body: { role: 'clerk', panel: 'panel-1' } }, server.clock.now());
      }
    };
    const request = fc.oneof(
      mutated({ role: 'witness', panel: null }).map((body) => ['/api/codes', body] as const),
      fc.tuple(nastyParam, fc.option(mutated({}), { nil: null })).map(([id, body]) => [`/api/devices/${id}/revoke`, body] as const),
    );
    await fc.assert(
      fc.asyncProperty(request, async ([path, body]) => {
        // A revocation has no body to sign (the server reads none): its signature covers the path alone.
        const headers = { ...chair.auth, ...(await signedFor(path, path.endsWith('/revoke') ? null : body)) };
        void (await send('POST', path, body === null ? null : json(body), headers));
      }),
      { numRuns: runs(1000) },
    );
    expect(errorLines()).toEqual([]);
  });

  it('never answers 5xx to pulls and other reads with nasty queries or tokens', { timeout: 300_000 }, async () => {
    const token = fc.oneof(
      fc.constant(chair.auth),
      fc.constant(clerk.auth),
      fc.constant({}),
      fc.stringMatching(/^[\x21-\x7e]{0,300}$/).map((t) => ({ authorization: `Bearer ${t}` })),
      fc.constantFrom('Bearer', 'Basic abc', `Bearer ${chair.token} x`, `bearer ${'9'.repeat(5000)}`).map((authorization) => ({ authorization })),
    );
    const path = fc.oneof(
      fc.tuple(nastyParam, nastyParam).map(([since, limit]) => `/api/pull?since=${since}&limit=${limit}`),
      nastyParam.map((since) => `/api/pull?since=${since}`),
      fc.tuple(nastyParam, nastyParam).map(([record, kind]) => `/api/audit?record=${record}&kind=${kind}`),
      fc.tuple(nastyParam, nastyParam).map(([prefix, limit]) => `/api/audit/recent?prefix=${prefix}&limit=${limit}`),
      fc.constantFrom('/api/audit/head', '/api/kabupaten/totals', '/api/kabupaten/summaries', '/api/me', '/api/devices', '/api/server-key'),
      nastyParam.map((p) => `/api/${p}`),
    );
    await fc.assert(
      fc.asyncProperty(path, token, async (p, auth) => void (await send('GET', p, null, auth))),
      { numRuns: runs(1500) },
    );
    expect(errorLines()).toEqual([]);
  });

  it('never answers 5xx to any junk body on any endpoint, as any device or none', { timeout: 300_000 }, async () => {
    const paths = ['/api/push', '/api/audit', '/api/enrol', '/api/codes', '/api/kabupaten/summaries', `/api/devices/${clerk.enrolment.deviceId}x/revoke`, '/api/pull', '/api/nothing'];
    const template = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        template.chain((t) => junkBodies(t)),
        fc.constantFrom(chair.auth, clerk.auth, {}),
        async (path, fuzz, auth) => void (await send('POST', path, fuzz, auth)),
      ),
      { numRuns: runs(2000) },
    );
    expect(errorLines()).toEqual([]);
  });

  it('never answers 5xx to a kabupaten summary import with any value mutated', { timeout: 300_000 }, async () => {
    const summary = await deviceSummary(chair, server.setup, { contests: ['PPWP'] });
    const template = { summary, groups: await paperGroups(summary), replace: false };
    // A lone surrogate has no canonical JSON, so no hash: the file is refused in words (it was a 500).
    const lone = await send('POST', '/api/kabupaten/summaries', json(JSON.stringify({ ...template, summary: { ...summary, election: { ...summary.election, id: '\udfff' } } })));
    expect(lone.status).toBe(400);
    expect(JSON.stringify(lone.body)).toContain('election.id');
    await fc.assert(
      fc.asyncProperty(junkBodies(template), async (fuzz) => void (await send('POST', '/api/kabupaten/summaries', fuzz))),
      { numRuns: runs(200) },
    );
    expect(errorLines()).toEqual([]);
  });

  /** Bad values one op may carry, with where they go: in the record (any push) or in the op's own fields (manifest-less only). */
  const BAD_OPS: Record<string, { inManifest: boolean; spoil: (op: UnsignedOp) => UnsignedOp }> = {
    'figure 1e308': { inManifest: true, spoil: (op) => withVote(op, 1e308) },
    'figure -1e308': { inManifest: true, spoil: (op) => withVote(op, -1e308) },
    'figure 2^53 + 1': { inManifest: true, spoil: (op) => withVote(op, 2 ** 53 + 1) },
    'figure 1,000,000': { inManifest: true, spoil: (op) => withVote(op, 1_000_000) },
    'figure 1e-320': { inManifest: true, spoil: (op) => withVote(op, 1e-320) },
    'figure -1': { inManifest: true, spoil: (op) => withVote(op, -1) },
    'figure 1.5': { inManifest: true, spoil: (op) => withVote(op, 1.5) },
    'figure as a digit string': { inManifest: true, spoil: (op) => withVote(op, '123456789012345678901234567890') },
    'lone surrogate in the record': { inManifest: true, spoil: (op) => ({ ...op, record: { ...op.record, enteredBy: 'Ani \ud800' } }) as UnsignedOp },
    'nesting in the record': { inManifest: true, spoil: (op) => ({ ...op, record: { ...op.record, enteredBy: JSON.parse(nested(40, 'array')) } }) as UnsignedOp },
    'a cell the setup does not have': { inManifest: true, spoil: (op) => withVote(op, 5, '99') },
    'record of another type': { inManifest: true, spoil: (op) => ({ ...op, record: 'x' }) as unknown as UnsignedOp },
    'lone surrogate in the actor': { inManifest: false, spoil: (op) => ({ ...op, actor: 'Siti \udfff' }) },
    'base version 1e308': { inManifest: false, spoil: (op) => ({ ...op, baseVersion: 1e308 }) },
    'base version 2^31': { inManifest: false, spoil: (op) => ({ ...op, baseVersion: 2 ** 31 }) },
  };

  it('answers a bad op among good ones rejected, in words, and applies the good ones', { timeout: 300_000 }, async () => {
    // The versions the fuzzing above left behind (a mutated op may well have been applied).
    const versions = new Map<string, number>();
    for (let since = 0, more = true; more; ) {
      const page = await chair.pull(since, 1000);
      for (const change of page.changes) versions.set(change.key, change.version);
      ({ more } = page);
      since = page.lastSeq;
    }
    const allTps = server.setup.desa.flatMap((d) => d.tps.map((_, i) => tpsIn(server.setup, d.code, i)));
    let next = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        fc.constantFrom(...Object.keys(BAD_OPS)),
        fc.boolean(),
        fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 3, maxLength: 3 }),
        async (good, at, badKind, manifest, votes) => {
          const bad = BAD_OPS[badKind]!;
          const useManifest = manifest && bad.inManifest;
          const keys = Array.from({ length: good + 1 }, () => allTps[next++ % allTps.length]!);
          const ops = await Promise.all(keys.map((tps) => unsigned(chair, tps, votes, versions.get(`${tps}:PPWP`) ?? 0)));
          const badAt = at % ops.length;
          ops[badAt] = bad.spoil(ops[badAt]!);
          const body = useManifest ? await signPush(ops, await signer(chair)) : { ops: await Promise.all(ops.map((op) => signedAlone(op))) };
          const { status, body: answer } = await send('POST', '/api/push', json(JSON.stringify(body)));
          expect(status, badKind).toBe(200);
          const results: OpResult[] = PushResponseSchema.parse(answer).results;
          results.forEach((r, i) => {
            if (i === badAt) {
              expect(r, badKind).toMatchObject({ status: 'rejected' });
              if (r.status === 'rejected') expect(r.reason.id.length * r.reason.en.length, badKind).toBeGreaterThan(0);
            } else {
              expect(r, `${badKind}: good op ${i}`).toMatchObject({ status: 'applied' });
              if (r.status === 'applied') versions.set(ops[i]!.key, r.version);
            }
          });
        },
      ),
      { numRuns: runs(300) },
    );
    expect(errorLines()).toEqual([]);
  });

  it('sent at least 10,000 requests (SQLite)', () => {
    if (storageCase.name === 'sqlite') expect(sent).toBeGreaterThanOrEqual(10_000);
  });

  /** An op signed on its own (a push without manifest); an op that cannot be signed keeps a junk signature. */
  async function signedAlone(op: UnsignedOp): Promise<Op> {
    try {
      return (await chair.op(op.record as Parameters<TestDevice['op']>[0], op.baseVersion, { ...op, signature: undefined })) as Op;
    } catch {
      return { ...op, signature: 'AAAA' } as Op;
    }
  }
});

function withVote(op: UnsignedOp, value: unknown, ballot = '1'): UnsignedOp {
  const record = op.record as { votes: Record<string, unknown> };
  return { ...op, record: { ...record, votes: { ...record.votes, [ballot]: value } } } as UnsignedOp;
}
