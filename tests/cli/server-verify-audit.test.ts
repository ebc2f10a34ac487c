import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sealChanges, type AuditChange } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash, signText } from '../../src/domain/crypto/keys.ts';
import { DEMO_SETUP, run, tempDir } from './helpers.ts';
import { withEnrolledDevice } from './enrolled.ts';
import { PUSH_MANIFEST_DOMAIN, type UnsignedOp } from '../../src/api/index.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';
import { signPush } from '../../src/sync/sign.ts';
import { signedOp, tallyOf } from '../server/client.ts';
import { pugerSetup } from '../server/harness.ts';

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

/** A chair device enrolled through the real app in the CLI's data folder, which pushes a chain of three entries; the answer's checkpoint is its receipt. */
async function chairWithChain(dir: string, code: string): Promise<unknown> {
  return withEnrolledDevice(dir, code, async ({ app, enrolment, keys, publicKey }) => {
    const entries = await sealChanges([change(1), change(2), change(3)], null, { keyHash: await keyHash(publicKey), privateKey: keys.privateKey });
    const pushed = await app.request('/api/audit', { method: 'POST', headers: { authorization: `Bearer ${enrolment.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ entries }) });
    expect(pushed.status).toBe(200);
    return ((await pushed.json()) as { checkpoint: unknown }).checkpoint;
  });
}

describe('rekap server verify-audit', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  afterEach(async () => tmp?.cleanup());

  it('re-verifies every stored chain: exit 0 as stored, exit 1 naming the entry once a row is edited in the database', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    await chairWithChain(data, init.chairCode);

    const valid = await run('server', 'verify-audit', '--data-dir', data, '--lang', 'en');
    expect(valid.err).toBe('');
    expect(valid.code).toBe(0);
    expect(valid.out).toMatch(/350908 .*\(Laptop ketua\) .*chair .* 3 +#3 [0-9a-f]{16}… +valid/);
    expect(valid.out).toMatch(/Every audit chain verifies\.\n$/);

    // Someone with access to the database changes the figure an entry records.
    const db = new Database(join(data, 'rekap.sqlite'));
    const row = db.prepare('SELECT entry FROM audit_chain WHERE seq = 2').get() as { entry: string };
    const edited = { ...(JSON.parse(row.entry) as Record<string, unknown>), after: { 'votes.1': 20 } };
    db.prepare('UPDATE audit_chain SET entry = ? WHERE seq = 2').run(JSON.stringify(edited));
    db.close();

    const broken = await run('server', 'verify-audit', '--data-dir', data, '--json');
    expect(broken.code).toBe(1);
    const report = JSON.parse(broken.out) as { valid: boolean; kecamatan: { kecamatan: string; chains: { entries: number; failure: { en: string } | null }[] }[] };
    expect(report.valid).toBe(false);
    expect(report.kecamatan[0]!.chains.map((c) => [c.entries, c.failure?.en])).toEqual([[3, 'Audit entry #2 does not match its hash (it was changed).']]);
  });

  it('finds a figure edited in the database even with its hash recomputed: the record no longer matches the manifest its device signed', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    await withEnrolledDevice(data, init.chairCode, async ({ app, enrolment, keys, publicKey }) => {
      const setup = (await pugerSetup());
      const ops = await Promise.all(
        ['3509082004001', '3509082004002'].map(async (tps) => {
          const { signature: _alone, ...op } = await signedOp(keys.privateKey, tallyOf(setup, tps as TpsCode), 0);
          return op as UnsignedOp;
        }),
      );
      const push = await signPush(ops, { privateKey: keys.privateKey, keyHash: await keyHash(publicKey), kecamatan: enrolment.kecamatan });
      const res = await app.request('/api/push', { method: 'POST', headers: { authorization: `Bearer ${enrolment.token}`, 'content-type': 'application/json' }, body: JSON.stringify(push) });
      expect(res.status).toBe(200);
    });
    const valid = await run('server', 'verify-audit', '--data-dir', data, '--lang', 'en');
    expect(valid.code).toBe(0);
    expect(valid.out).toContain('350908: 2 records and 2 changes checked; 2 ops proven by 1 signed manifests; 0 ops without a manifest');

    // Someone with the database changes a vote and recomputes the record's hash (and the feed's copy).
    const db = new Database(join(data, 'rekap.sqlite'));
    const row = db.prepare("SELECT record FROM records WHERE key = '3509082004001:PPWP'").get() as { record: string };
    const record = JSON.parse(row.record) as { votes: Record<string, number> };
    const edited = { ...record, votes: { ...record.votes, '1': record.votes['1']! + 50 } };
    const hash = await sha256Hex(canonicalJson(edited));
    db.prepare("UPDATE records SET record = ?, hash = ? WHERE key = '3509082004001:PPWP'").run(JSON.stringify(edited), hash);
    db.prepare("UPDATE changes SET record = ?, hash = ? WHERE key = '3509082004001:PPWP'").run(JSON.stringify(edited), hash);
    const once = await run('server', 'verify-audit', '--data-dir', data, '--lang', 'en');
    expect(once.code).toBe(1);
    expect(once.out).toContain('Record 3509082004001:PPWP version 1 (table records): not what the op that wrote it carried (changed in the database).');
    expect(once.out).toMatch(/Change #\d+, 3509082004001:PPWP version 1 \(table changes\): not what the op that wrote it carried \(changed in the database\)\./);

    // ... and the op's hash too: the manifest the device signed still names the old one.
    db.prepare("UPDATE ops SET hash = ? WHERE key = '3509082004001:PPWP'").run(hash);
    db.close();
    const twice = await run('server', 'verify-audit', '--data-dir', data, '--lang', 'en');
    expect(twice.code).toBe(1);
    expect(twice.out).toMatch(/Op [0-9a-f-]+ \(3509082004001:PPWP\) differs from the manifest its device signed\./);
    expect(twice.out).toContain('figures on this server were changed after they were received');
  });

  it('names a device key swapped in the database and its manifests re-signed with the new key: not the key attested at enrolment', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    let deviceId = '';
    await withEnrolledDevice(data, init.chairCode, async ({ app, enrolment, keys, publicKey }) => {
      deviceId = enrolment.deviceId;
      const { signature: _alone, ...op } = await signedOp(keys.privateKey, tallyOf(await pugerSetup(), '3509082004001' as TpsCode), 0);
      const push = await signPush([op as UnsignedOp], { privateKey: keys.privateKey, keyHash: await keyHash(publicKey), kecamatan: enrolment.kecamatan });
      const res = await app.request('/api/push', { method: 'POST', headers: { authorization: `Bearer ${enrolment.token}`, 'content-type': 'application/json' }, body: JSON.stringify(push) });
      expect(res.status).toBe(200);
    });
    expect((await run('server', 'verify-audit', '--data-dir', data, '--lang', 'en')).code).toBe(0);

    // The tamperer's own key replaces the device's, and the stored manifest is re-signed with it.
    const forger = await generateKeyPair();
    const forgerJwk = await exportPublicJwk(forger.publicKey);
    const db = new Database(join(data, 'rekap.sqlite'));
    const batch = db.prepare('SELECT id, manifest FROM push_batches').get() as { id: string; manifest: string };
    const manifest = canonicalJson({ ...(JSON.parse(batch.manifest) as Record<string, unknown>), device: await keyHash(forgerJwk) });
    const id = await sha256Hex(manifest);
    db.prepare('UPDATE push_batches SET id = ?, manifest = ?, signature = ? WHERE id = ?').run(id, manifest, await signText(forger.privateKey, PUSH_MANIFEST_DOMAIN, manifest), batch.id);
    db.prepare('UPDATE ops SET batch = ? WHERE batch = ?').run(id, batch.id);
    db.prepare('UPDATE devices SET public_key = ?, key_hash = ? WHERE id = ?').run(JSON.stringify(forgerJwk), await keyHash(forgerJwk), deviceId);
    db.close();
    const swapped = await run('server', 'verify-audit', '--data-dir', data, '--lang', 'en');
    expect(swapped.code).toBe(1);
    expect(swapped.out).toContain(`Device ${deviceId} (Laptop ketua): its key in the database is not the key attested at enrolment (column devices.public_key was swapped).`);
    expect(swapped.out).toMatch(/Manifest [0-9a-f]{16}…: names another device's key\./);
  });

  it('anchored chains: a cut tail, a deleted chain, a swapped key and an edited column each exit 1 by name; --receipts adds what the devices kept', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    const receipt = await chairWithChain(data, init.chairCode);
    const receipts = tmp.path('receipts');
    await mkdir(receipts);
    await writeFile(join(receipts, 'ketua.json'), JSON.stringify(receipt));
    const ok = await run('server', 'verify-audit', '--data-dir', data, '--receipts', receipts, '--lang', 'en');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('350908: 1 audit checkpoints checked, 1 device receipts; 0 chains without a checkpoint');

    let copies = 0;
    // Each change on a copy of the data folder, as someone with the database file would make it.
    const tamper = async (sql: string, expected: RegExp) => {
      const copy = tmp.path(`copy-${++copies}`);
      await cp(data, copy, { recursive: true });
      const db = new Database(join(copy, 'rekap.sqlite'));
      db.exec(sql);
      db.close();
      const out = await run('server', 'verify-audit', '--data-dir', copy, '--receipts', receipts, '--lang', 'en');
      expect({ sql, code: out.code }).toEqual({ sql, code: 1 });
      expect(out.out).toMatch(expected);
      expect(out.out).toContain('the audit chains on this server do NOT match the checkpoints or receipts the server signed');
      expect(out.out).not.toContain('Every audit chain verifies.');
    };
    await tamper('DELETE FROM audit_chain WHERE seq = 3', /The audit chain of Laptop ketua \([0-9A-F ]+\) was truncated: receipt ketua\.json covers up to entry #3, the server holds only up to #2\./);
    await tamper('DELETE FROM audit_chain', /The audit chain of Laptop ketua .* is gone from the server, although checkpoint #1 covers it up to entry #3/);
    await tamper("UPDATE devices SET key_hash = '" + 'f'.repeat(64) + "'", /The key of device Laptop ketua \(.*\) was swapped: audit checkpoint #1 names key [0-9A-F ]+, the devices table now FFFF FFFF FFFF FFFF\./);
    await tamper("UPDATE audit_chain SET record_key = '3509082004002:PPWP' WHERE seq = 1", /audit_chain row [0-9A-F ]+ #1: column record_key holds 3509082004002:PPWP, but the signed entry says 3509082004001:PPWP/);
  });

  it('refuses an unknown --kecamatan (exit 2)', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data);
    const out = await run('server', 'verify-audit', '--kecamatan', '999999', '--data-dir', data, '--lang', 'en');
    expect(out.code).toBe(2);
    expect(out.err).toContain('Kecamatan 999999 is not on this server (known: 350908).');
  });
});
