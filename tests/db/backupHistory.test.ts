import { describe, expect, it } from 'vitest';
import { exportPublicJwk, fingerprintOfKeyHash, generateKeyPair } from '../../src/domain/crypto/keys.ts';
import { tallyKey } from '../../src/domain/tally/tally.ts';
import { auditOfRecord, exportSignedBackup, importBackup, readBackup, restoredHistoryOf, setSetting, type SignedBackup } from '../../src/db/index.ts';
import { deviceFor, enrol, server, signedFile } from './backupFixtures.ts';
import { freshDb, KEY1, TPS2, typeForm } from './fixtures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at raw JSON
type Raw = Record<string, any>;

const KEY2 = tallyKey({ tps: TPS2, contest: 'PPWP' });

describe('a restored form keeps its original signed history (issue 15)', () => {
  it('shows the entries the backup’s device signed, with who, when and why, beside the restore entry', async () => {
    const { file, device } = await signedFile();
    const target = freshDb();
    expect((await importBackup(target, file, { acceptUnattested: true })).ok).toBe(true);

    const restored = await restoredHistoryOf(target, KEY1);
    const original = file.audit.filter((e) => e.record.key === KEY1);
    expect(original.length).toBeGreaterThan(5);
    expect(restored.entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(original.map((e) => e.seq));
    expect(restored.entries.every((e) => e.device === device.keyHash && e.actor === 'Ani')).toBe(true);
    expect(new Set(restored.entries.map((e) => e.action))).toEqual(new Set(original.map((e) => e.action)));
    const signer = restored.signers.get(device.keyHash);
    expect(signer?.backup).toMatch(/^[0-9a-f]{64}$/);
    // Never attested by a server this laptop trusts: its name is not taken from the file.
    expect(signer?.attested).toBe(false);

    // The restoring device's own entry names the backup and the device it came from.
    const own = await auditOfRecord(target, KEY1);
    expect(own.at(-1)?.change.reason).toContain(signer?.backup.slice(0, 16));
    expect(own.at(-1)?.change.reason).toContain(fingerprintOfKeyHash(device.keyHash));

    // A restored form of another TPS has its own entries only.
    const other = await restoredHistoryOf(target, KEY2);
    expect(other.entries.length).toBeGreaterThan(0);
    expect(other.entries.every((e) => e.record.key === KEY2)).toBe(true);
  });

  it('marks the signer attested when the server this laptop is enrolled with vouched for its key', async () => {
    const { file, device } = await signedFile({ enrolled: true });
    const target = freshDb();
    await enrol(target, server, await generateKeyPair().then((p) => exportPublicJwk(p.publicKey)), '350908', 'Laptop Budi');
    expect((await importBackup(target, file)).ok).toBe(true);
    const signer = (await restoredHistoryOf(target, KEY1)).signers.get(device.keyHash);
    expect(signer).toMatchObject({ attested: true, signer: { attestation: { statement: { deviceName: 'Laptop Ani' } } } });
  });

  it('carries the history on through a second laptop: A → B → C shows A’s and B’s signed entries', async () => {
    const { file: fromA, device: a } = await signedFile();

    const b = freshDb();
    const deviceB = await deviceFor(b);
    await setSetting(b, 'operatorName', 'Budi');
    expect((await importBackup(b, fromA, { acceptUnattested: true })).ok).toBe(true);
    await typeForm(b, TPS2, 'Budi', { 'votes.1': 30, valid: 115, total: 120 });
    const fromB = JSON.parse(JSON.stringify(await exportSignedBackup(b, deviceB))) as SignedBackup;
    expect(fromB.signer.keyHash).toBe(deviceB.keyHash);
    expect(fromB.earlierChains?.map((c) => c.signer.keyHash)).toEqual([a.keyHash]);
    expect(fromB.earlierChains?.[0]?.audit).toHaveLength(fromA.audit.length);

    const c = freshDb();
    const checked = await readBackup(c, fromB);
    expect(checked.ok && checked.value.preview.signed?.earlierDevices).toEqual([fingerprintOfKeyHash(a.keyHash)]);
    expect((await importBackup(c, fromB, { acceptUnattested: true })).ok).toBe(true);
    const history = await restoredHistoryOf(c, KEY2);
    const devices = new Set(history.entries.map((e) => e.device));
    expect(devices).toEqual(new Set([a.keyHash, deviceB.keyHash]));
    // B's restore entry and B's correction are there, each as B signed it.
    const byB = history.entries.filter((e) => e.device === deviceB.keyHash);
    expect(byB.some((e) => /^Pemulihan cadangan/.test(e.reason ?? ''))).toBe(true);
    expect(byB.some((e) => e.actor === 'Budi' && JSON.stringify(e.after).includes('"votes.1":30'))).toBe(true);
    // A's entries are named by the backup that first brought them (A's), B's by B's.
    expect(history.signers.get(a.keyHash)?.backup).not.toBe(history.signers.get(deviceB.keyHash)?.backup);

    // C's backup carries both earlier devices on (C's own chain is its `audit`).
    const deviceC = await deviceFor(c);
    const fromC = JSON.parse(JSON.stringify(await exportSignedBackup(c, deviceC))) as SignedBackup;
    expect(new Set(fromC.earlierChains?.map((x) => x.signer.keyHash))).toEqual(new Set([a.keyHash, deviceB.keyHash]));
  });

  it('refuses a backup whose earlier device’s entry was edited, naming that device, and stores nothing', async () => {
    const { file: fromA, device: a } = await signedFile();
    const b = freshDb();
    const deviceB = await deviceFor(b);
    expect((await importBackup(b, fromA, { acceptUnattested: true })).ok).toBe(true);
    const fromB = JSON.parse(JSON.stringify(await exportSignedBackup(b, deviceB))) as Raw;
    fromB.earlierChains[0].audit[2].actor = 'Mallory';

    const c = freshDb();
    const r = await importBackup(c, fromB, { acceptUnattested: true });
    if (r.ok || r.error.kind !== 'tampered') throw new Error('expected tampered');
    expect(r.error.message.id).toContain(fingerprintOfKeyHash(a.keyHash));
    expect(r.error.message.id).toMatch(/^Cadangan ditolak, tidak ada data yang disimpan/);
    expect(await c.tallies.count()).toBe(0);
    expect(await c.backupAudit.count()).toBe(0);

    // Dropping an entry from the middle of the earlier chain is refused too.
    const cut = JSON.parse(JSON.stringify(await exportSignedBackup(b, deviceB))) as Raw;
    cut.earlierChains[0].audit.splice(3, 1);
    const r2 = await importBackup(c, cut, { acceptUnattested: true });
    expect(r2.ok).toBe(false);
    expect(await c.backupAudit.count()).toBe(0);
  });
});
