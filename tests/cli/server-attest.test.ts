import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ATTESTATION_DOMAIN, AttestationSchema } from '../../src/api/index.ts';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { verifyText } from '../../src/domain/crypto/keys.ts';
import { withEnrolledDevice } from './enrolled.ts';
import { DEMO_SETUP, run, tempDir } from './helpers.ts';

describe('rekap server attest-devices', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  afterEach(async () => tmp?.cleanup());

  it('attests, on purpose, only the devices that have no kept attestation, with the server key; nothing else changes', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    const enrolment = await withEnrolledDevice(data, init.chairCode, async ({ enrolment }) => enrolment);
    const none = await run('server', 'attest-devices', '--data-dir', data, '--lang', 'en');
    expect(none.out).toBe('Every active device already has a key attestation; nothing changed.\n');

    // As a device enrolled before the server kept attestations.
    const db = new Database(join(data, 'rekap.sqlite'));
    db.prepare('UPDATE devices SET attestation = NULL').run();
    db.close();
    const done = await run('server', 'attest-devices', '--data-dir', data, '--json');
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toEqual({ attested: [{ deviceId: enrolment.deviceId, name: 'Laptop ketua', kecamatan: '350908' }] });
    const after = new Database(join(data, 'rekap.sqlite'));
    const row = after.prepare('SELECT attestation FROM devices WHERE id = ?').get(enrolment.deviceId) as { attestation: string };
    after.close();
    const { signature, ...attested } = AttestationSchema.parse(JSON.parse(row.attestation));
    expect(attested).toMatchObject({ deviceId: enrolment.deviceId, role: 'chair', kecamatan: '350908', publicKey: enrolment.attestation.publicKey });
    expect(await verifyText(enrolment.serverKey, ATTESTATION_DOMAIN, canonicalJson(attested), signature)).toBe(true);
  });
});
