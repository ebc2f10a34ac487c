import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../src/api/index.ts';
import { sealChanges, type AuditChange } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, keyHash } from '../../src/domain/crypto/keys.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/server/http/jsonDepth.ts';
import { enrol, tallyOf, tpsIn } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { deviceSummary, paperGroups } from './kabupatenSummaries.ts';
import { STORAGE_CASES } from './storages.ts';
import { decided, desaFinalisation, objectionAbout } from './workflowFixtures.ts';

/** Depth as JSON.parse sees it: a scalar 0, `[]` and `{}` 1, each level of nesting one more. */
const depthOf = (v: unknown): number =>
  v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0;

const nested = (levels: number, inner = '0') => '['.repeat(levels) + inner + ']'.repeat(levels);

describe('nestsDeeperThan: one scan, strings skipped', () => {
  it('agrees with the parsed depth for any JSON, compact or indented', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), fc.boolean(), (value, max, indent) => {
        const text = indent ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        expect(nestsDeeperThan(text, max)).toBe(depthOf(JSON.parse(text)) > max);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts no bracket, quote or backslash inside a string', () => {
    const tricky = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', '\u2028', '\ud800') });
    fc.assert(
      fc.property(fc.array(tricky, { maxLength: 8 }), fc.integer({ min: 0, max: 3 }), (strings, extra) => {
        const text = JSON.stringify(JSON.parse(nested(extra, JSON.stringify({ s: strings }))));
        // {s: [...]} is 2 levels under the `extra` arrays, whatever the strings hold.
        expect(nestsDeeperThan(text, extra + 2)).toBe(false);
        expect(nestsDeeperThan(text, extra + 1)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('stops at the limit and takes the text as it is (JSON.parse judges it afterwards)', () => {
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
    expect(nestsDeeperThan(`${'['.repeat(100_000)}`, 64)).toBe(true);
    expect(nestsDeeperThan('"\\"[[["', 1)).toBe(false);
    expect(nestsDeeperThan('["\\\\", [[]]]', 2)).toBe(true);
    expect(nestsDeeperThan(']]]]][[', 1)).toBe(false);
  });
});

describe.each(STORAGE_CASES)('request bodies nested too deeply ($name)', (storageCase) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('answers an audit segment, a push and an enrolment nested 5,000 deep with 400 in words, never 500', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const deep = nested(5000, '{}');
    const bodies: [string, string, Record<string, string>][] = [
      ['/api/audit', `{"entries":[{"before":${deep}}]}`, chair.auth],
      ['/api/push', `{"ops":[{"record":${deep}}]}`, chair.auth],
      ['/api/enrol', `{"code":${deep}}`, {}],
    ];
    for (const [path, body, auth] of bodies) {
      const res = await server.request(path, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
      expect(res.status, path).toBe(400);
      expect(ApiErrorSchema.parse(await res.json()).error.message).toEqual({
        id: 'Isi permintaan bersarang terlalu dalam (lebih dari 64 tingkat objek dan daftar).',
        en: 'The request body is nested too deeply (more than 64 levels of objects and arrays).',
      });
    }
    // At the limit the body is parsed and judged by its schema as usual.
    const atLimit = await server.request('/api/audit', { method: 'POST', headers: { ...chair.auth, 'content-type': 'application/json' }, body: `{"entries":[{"before":${nested(61)}}]}` });
    expect(atLimit.status).toBe(400);
    expect(ApiErrorSchema.parse(await atLimit.json()).error.message.en).not.toMatch(/nested too deeply/);
  });

  it('leaves the deepest legitimate bodies (a DPR push, an audit segment carrying a record, a summary import) far below the limit', async () => {
    server = await startTestServer({ storage: storageCase });
    const chair = await enrol(server, server.chairCode);
    const tps = tpsIn(server.setup, server.setup.desa[0]!.code);
    const push = { ops: [await chair.op(tallyOf(server.setup, tps, 'DPR'), 0)] };
    const signer = { keyHash: await keyHash(await exportPublicJwk(chair.keys.publicKey)), privateKey: chair.keys.privateKey };
    const objection = decided(objectionAbout('o-1', tps, { name: 'Siti', role: 'chair' }), 'Siti');
    const changes: AuditChange[] = [
      { at: '2024-02-18T10:00:00.000+07:00', actor: 'Siti', role: 'chair', record: { kind: 'objection', key: 'objection:o-1' }, action: 'objection.recorded', before: null, after: objection, reason: null },
      { at: '2024-02-18T10:01:00.000+07:00', actor: 'Siti', role: 'chair', record: { kind: 'finalisation', key: 'f' }, action: 'finalisation.finalised', before: null, after: desaFinalisation(server.setup.desa[0]!.code, 'Siti'), reason: null },
      { at: '2024-02-18T10:02:00.000+07:00', actor: 'Siti', role: 'chair', record: { kind: 'tally', key: `${tps}:DPR` }, action: 'tally.changed', before: null, after: tallyOf(server.setup, tps, 'DPR'), reason: null },
    ];
    const audit = { entries: await sealChanges(changes, null, signer) };
    const summary = await deviceSummary(chair, server.setup);
    const summaryImport = { summary, groups: await paperGroups(summary), replace: false };
    const depths = [push, audit, summaryImport, server.setup].map(depthOf);
    expect(Math.max(...depths), `depths ${depths.join(', ')}`).toBeLessThanOrEqual(MAX_JSON_DEPTH / 4);
  });
});
