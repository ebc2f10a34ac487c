import { beforeAll, expect } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { exportPublicJwk, generateKeyPair, keyHash, signText, type PublicKeyJwk } from '../../src/domain/crypto/keys.ts';
import { ATTESTATION_DOMAIN } from '../../src/domain/summary/attestation.ts';
import { exportSignedBackup, markEntered, sealAudit, setSetting, type BackupDevice, type RekapDb, type SignedBackup } from '../../src/db/index.ts';
import { dbWithSetup, KEY1, TPS1, TPS2, typeForm } from './fixtures.ts';

/** Signed backups' test fixtures: a device key, a server that attests it, one device's work exported. */

export interface Device extends BackupDevice {
  keyHash: string;
}

export async function deviceFor(db: RekapDb): Promise<Device> {
  const pair = await generateKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  const hash = await keyHash(publicKey);
  return { privateKey: pair.privateKey, publicKey, keyHash: hash, seal: () => sealAudit(db, { keyHash: hash, privateKey: pair.privateKey }) };
}

export let server: { publicKey: PublicKeyJwk; privateKey: CryptoKey };
beforeAll(async () => {
  const pair = await generateKeyPair();
  server = { publicKey: await exportPublicJwk(pair.publicKey), privateKey: pair.privateKey };
});

/** Enrols `db` as the sync engine would, with a real attestation by `by` of `device` (null: none of it). */
export async function enrol(db: RekapDb, by: typeof server, device: PublicKeyJwk, kecamatan = '350908', deviceName = 'Laptop Ani'): Promise<void> {
  const statement = { deviceId: 'device-1', deviceName, kecamatan, role: 'chair', panel: null, publicKey: device, issuedAt: '2024-02-18T01:00:00.000Z' };
  const signature = await signText(by.privateKey, ATTESTATION_DOMAIN, canonicalJson(statement));
  await db.sync.put({
    key: 'enrolment',
    value: { serverUrl: 'https://rekap.example', token: 't', deviceId: 'device-1', deviceName, role: 'chair', kecamatan, panel: null, desa: null, serverKey: by.publicKey, attestation: { ...statement, signature }, enrolledAt: '2024-02-18T01:00:00.000Z' },
  });
}

/** One device's work: a form entered, another typed; exported signed, through JSON as a file goes. */
export async function signedFile(opts: { enrolled?: boolean } = {}): Promise<{ file: SignedBackup; device: Device }> {
  const db = await dbWithSetup();
  const device = await deviceFor(db);
  if (opts.enrolled) await enrol(db, server, device.publicKey);
  await setSetting(db, 'operatorName', 'Ani');
  await typeForm(db, TPS1, 'Ani');
  const entered = await markEntered(db, KEY1, 'Ani', []);
  expect(entered.ok).toBe(true);
  await typeForm(db, TPS2, 'Ani', { 'votes.1': 31, valid: 116, total: 121 });
  const file = JSON.parse(JSON.stringify(await exportSignedBackup(db, device))) as SignedBackup;
  return { file, device };
}

