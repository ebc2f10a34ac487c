import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnrolResponseSchema } from '../../src/api/index.ts';
import { sealChanges, type AuditChange } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/server/http/log.ts';
import { keySecretSource } from '../../src/server/keys/keySecret.ts';
import { loadServerKey } from '../../src/server/keys/serverKey.ts';
import { openPostgresStorage } from '../../src/server/storage/postgres.ts';
import { DEMO_SETUP, run, tempDir } from './helpers.ts';

/**
 * Issue 14, "anchored chains", on PostgreSQL through the command line itself (tests/cli/
 * server-verify-audit.test.ts does the same on SQLite): each tampering done directly in the
 * database makes `rekap server verify-audit --database-url … --receipts <dir>` exit 1 naming it.
 * Runs when DATABASE_URL is set, in a schema of its own.
 */
const URL = process.env.DATABASE_URL;

const change = (n: number): AuditChange => ({
  at: `2024-02-20T10:0${n}:00+07:00`,
  actor: 'Siti Aminah',
  role: 'chair',
  record: { kind: 'tally', key: '3509082004001:PPWP' },
  action: 'tally.changed',
  before: { 'votes.1': n - 1 },
  after: { 'votes.1': n },
  reason: null,
});

describe.runIf(URL)('rekap server verify-audit on PostgreSQL', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const schema = `rekap_cli_${process.pid}_${randomBytes(4).toString('hex')}`;
  afterEach(async () => {
    vi.unstubAllEnvs();
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
    await tmp?.cleanup();
  });

  it('a cut tail, an edited column, a swapped key and a deleted chain each exit 1 by name', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    await mkdir(data);
    // The server key's secret lives in the data folder, for PostgreSQL too (docs/deployment.md).
    vi.stubEnv('DATA_DIR', data);
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    await client.query(`create schema ${schema}`);
    const dbUrl = `${URL}${URL!.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
    const init = await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--database-url', dbUrl);
    expect(init.err).toBe('');
    const { chairCode } = JSON.parse(init.out) as { chairCode: string };

    // The chair's laptop enrols and pushes three entries; the answer's checkpoint is its receipt.
    const storage = await openPostgresStorage(URL!, { schema });
    let receipt: unknown;
    try {
      const app = createApp({ storage, serverKey: await loadServerKey(storage, keySecretSource({ dataDir: data, env: {} })), log: silentLogger });
      const keys = await generateKeyPair();
      const publicKey = await exportPublicJwk(keys.publicKey);
      const enrolled = await app.request('/api/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: chairCode, deviceName: 'Laptop ketua', publicKey }) });
      const { token } = EnrolResponseSchema.parse(await enrolled.json());
      const entries = await sealChanges([change(1), change(2), change(3)], null, { keyHash: await keyHash(publicKey), privateKey: keys.privateKey });
      const pushed = await app.request('/api/audit', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ entries }) });
      expect(pushed.status).toBe(200);
      receipt = ((await pushed.json()) as { checkpoint: unknown }).checkpoint;
    } finally {
      await storage.close();
    }
    const receipts = tmp.path('receipts');
    await mkdir(receipts);
    await writeFile(join(receipts, 'ketua.json'), JSON.stringify(receipt));
    const verify = () => run('server', 'verify-audit', '--database-url', dbUrl, '--receipts', receipts, '--lang', 'en');
    const ok = await verify();
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('350908: 1 audit checkpoints checked, 1 device receipts');

    // Each change adds to the ones before: every one is named.
    const steps: [string, RegExp][] = [
      [`update ${schema}.audit_chain set record_key = '3509082004002:PPWP' where seq = 1`, /audit_chain row [0-9A-F ]+ #1: column record_key holds 3509082004002:PPWP, but the signed entry says 3509082004001:PPWP/],
      [`delete from ${schema}.audit_chain where seq = 3`, /The audit chain of Laptop ketua \([0-9A-F ]+\) was truncated: receipt ketua\.json covers up to entry #3, the server holds only up to #2\./],
      [`update ${schema}.devices set key_hash = '${'f'.repeat(64)}'`, /The key of device Laptop ketua \(.*\) was swapped: audit checkpoint #1 names key [0-9A-F ]+, the devices table now FFFF FFFF FFFF FFFF\./],
      [`delete from ${schema}.audit_chain`, /The audit chain of .* is gone from the server, although checkpoint #1 covers it up to entry #3/],
    ];
    try {
      for (const [sql, expected] of steps) {
        await client.query(sql);
        const out = await verify();
        expect({ sql, code: out.code, err: out.err }).toEqual({ sql, code: 1, err: '' });
        expect(out.out).toMatch(expected);
      }
    } finally {
      await client.end();
    }
  });
});
