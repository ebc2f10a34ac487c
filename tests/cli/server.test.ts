import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnrolResponseSchema, MeResponseSchema } from '../../src/api/index.ts';
import { exportPublicJwk, generateKeyPair } from '../../src/domain/crypto/keys.ts';
import { createApp } from '../../src/server/app.ts';
import { silentLogger } from '../../src/server/http/log.ts';
import { keySecretSource } from '../../src/server/keys/keySecret.ts';
import { loadServerKey } from '../../src/server/keys/serverKey.ts';
import { openSqliteStorage } from '../../src/server/storage/sqlite.ts';
import { DEMO_SETUP, run, tempDir, writeJson } from './helpers.ts';

/** Enrols a device against the data folder the CLI uses, through the real HTTP app. */
async function enrolIn(dir: string, code: string, name: string) {
  const storage = await openSqliteStorage(join(dir, 'rekap.sqlite'));
  try {
    const app = createApp({ storage, serverKey: await loadServerKey(storage, keySecretSource({ dataDir: dir, env: {} })), log: silentLogger });
    const keys = await generateKeyPair();
    const res = await app.request('/api/enrol', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: name, publicKey: await exportPublicJwk(keys.publicKey) }),
    });
    expect(res.status).toBe(200);
    return { enrolment: EnrolResponseSchema.parse(await res.json()) };
  } finally {
    await storage.close();
  }
}

async function meIn(dir: string, token: string) {
  const storage = await openSqliteStorage(join(dir, 'rekap.sqlite'));
  try {
    const app = createApp({ storage, serverKey: await loadServerKey(storage, keySecretSource({ dataDir: dir, env: {} })), log: silentLogger });
    return MeResponseSchema.parse(await (await app.request('/api/me', { headers: { authorization: `Bearer ${token}` } })).json());
  } finally {
    await storage.close();
  }
}

describe('rekap server init / code / devices / revoke', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  afterEach(async () => tmp?.cleanup());

  it('init creates the kecamatan once and prints the chair code (text and --json)', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const json = await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data);
    expect(json.code).toBe(0);
    expect(json.err).toBe('');
    const out = JSON.parse(json.out) as { kecamatan: string; chairCode: string };
    expect(Object.keys(out).sort()).toEqual(['chairCode', 'kecamatan']);
    expect(out.kecamatan).toBe('350908');
    expect(out.chairCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);

    const again = await run('server', 'init', '--setup', DEMO_SETUP, '--data-dir', data, '--lang', 'en');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);

    const chair = await enrolIn(data, out.chairCode, 'Laptop ketua');
    expect(chair.enrolment.role).toBe('chair');
  });

  it('init prints a readable code in text mode and refuses an invalid setup', async () => {
    tmp = await tempDir();
    const text = await run('server', 'init', '--setup', DEMO_SETUP, '--data-dir', tmp.path('data'));
    expect(text.code).toBe(0);
    expect(text.out).toContain('Kecamatan 350908');
    expect(text.out).toMatch(/\n {2}[0-9A-Z]{5}-[0-9A-Z]{5}\n/);

    const bad = await writeJson(tmp.path('bad.json'), { format: 'rekap.setup/v1' });
    const refused = await run('server', 'init', '--setup', bad, '--data-dir', tmp.path('data2'));
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/bukan setup yang sah/);
    expect((await run('server', 'init', '--data-dir', tmp.path('d'))).err).toMatch(/--setup/);
  });

  it('code issues one-time codes per role, with the panel a clerk needs', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data);
    const clerk = await run('server', 'code', '--kecamatan', '350908', '--role', 'clerk', '--panel', 'panel-1', '--json', '--data-dir', data);
    expect(clerk.code).toBe(0);
    const issued = JSON.parse(clerk.out) as { code: string; role: string; panel: string };
    expect(issued).toMatchObject({ role: 'clerk', panel: 'panel-1' });
    const device = await enrolIn(data, issued.code, 'Panel 1');
    expect(device.enrolment).toMatchObject({ role: 'clerk', panel: 'panel-1' });
    expect(device.enrolment.desa).toContain('3509082004');

    const noPanel = await run('server', 'code', '--kecamatan', '350908', '--role', 'clerk', '--data-dir', data, '--lang', 'en');
    expect(noPanel.code).toBe(2);
    expect(noPanel.err).toMatch(/needs its panel/);
    const badRole = await run('server', 'code', '--kecamatan', '350908', '--role', 'admin', '--data-dir', data);
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/--role chair\|clerk\|witness\|panwas/);
    const unknownKec = await run('server', 'code', '--kecamatan', '999999', '--role', 'witness', '--data-dir', data, '--lang', 'en');
    expect(unknownKec.err).toMatch(/999999 does not exist/);
    // With a single kecamatan on the server, --kecamatan may be left out.
    const implicit = await run('server', 'code', '--role', 'panwas', '--json', '--data-dir', data);
    expect(JSON.parse(implicit.out)).toMatchObject({ role: 'panwas', panel: null });
  });

  it('devices lists enrolled devices and revoke stops a token at once', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    const chair = await enrolIn(data, init.chairCode, 'Laptop ketua');
    const listed = await run('server', 'devices', '--json', '--data-dir', data);
    expect(listed.code).toBe(0);
    const devices = JSON.parse(listed.out) as { deviceId: string; name: string; role: string; revokedAt: string | null }[];
    expect(devices).toEqual([expect.objectContaining({ deviceId: chair.enrolment.deviceId, name: 'Laptop ketua', role: 'chair', revokedAt: null })]);
    const table = await run('server', 'devices', '--data-dir', data);
    expect(table.out).toContain(chair.enrolment.deviceId);
    expect(table.out).toContain('Laptop ketua');

    const revoked = await run('server', 'revoke', chair.enrolment.deviceId, '--data-dir', data);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain('dicabut');
    expect((await meIn(data, chair.enrolment.token)).revoked).toBe(true);
    const after = JSON.parse((await run('server', 'devices', '--json', '--data-dir', data)).out) as { revokedAt: string | null }[];
    expect(after[0]?.revokedAt).not.toBeNull();

    const unknown = await run('server', 'revoke', 'no-such-device', '--data-dir', data, '--lang', 'en');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/Unknown device no-such-device/);
    expect((await run('server', 'revoke', '--data-dir', data)).code).toBe(2);
  });

  it('refuses an unknown subcommand with one sentence', async () => {
    const r = await run('server', 'explode', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.err).toBe('rekap: Unknown server subcommand "explode"; choose one of: start, init, code, devices, revoke, import-summary, verify-audit, attest-devices.\n');
  });
});
