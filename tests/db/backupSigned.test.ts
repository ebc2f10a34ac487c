import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportPublicJwk, generateKeyPair } from '../../src/domain/crypto/keys.ts';
import { auditOfRecord, exportBackup, getSetting, getTally, importBackup, readBackup, setSetting, type SignedBackup } from '../../src/db/index.ts';
import { enrol, server, signedFile } from './backupFixtures.ts';
import { dbWithSetup, freshDb, KEY1, TPS1, typeForm } from './fixtures.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at raw JSON
type Raw = Record<string, any>;
const copy = (file: SignedBackup): Raw => JSON.parse(JSON.stringify(file)) as Raw;

describe('signed backups (rekap.backup/v2)', () => {
  it('carry the device chain and key, and restore on a fresh laptop after the warning that no server vouches for the key', async () => {
    const { file, device } = await signedFile();
    expect(file.format).toBe('rekap.backup/v2');
    expect(file.signer.keyHash).toBe(device.keyHash);
    expect(file.signer.attestation).toBeNull();
    expect(file.audit.length).toBeGreaterThan(30);
    expect(file.audit.every((e) => e.device === device.keyHash)).toBe(true);

    const target = freshDb();
    const checked = await readBackup(target, file);
    if (!checked.ok) throw new Error(checked.error.message.en);
    expect(checked.value.preview).toMatchObject({ format: 'rekap.backup/v2', forms: 2, formsByStatus: { entered: 1, draft: 1 }, operator: 'Ani' });
    expect(checked.value.preview.signed?.trust).toBe('no-attestation');
    expect(checked.value.preview.signed?.warning?.id).toMatch(/tidak pernah didaftarkan ke server kecamatan/);

    // Without the person having seen the warning: nothing.
    const refused = await importBackup(target, file);
    expect(!refused.ok && refused.error.kind).toBe('unattested');
    expect(await target.tallies.count()).toBe(0);

    const restored = await importBackup(target, file, { acceptUnattested: true });
    expect(restored.ok).toBe(true);
    const form = await getTally(target, KEY1);
    expect(form.ok && form.value?.status).toBe('entered');
    const history = await auditOfRecord(target, KEY1);
    expect(history.at(-1)?.change.reason).toMatch(/^Pemulihan cadangan [0-9a-f]{16} dari perangkat [0-9A-F ]{19} .*terverifikasi/);
  });

  it('refuses one figure changed (sums kept consistent) naming the form and the cell, storing nothing', async () => {
    const { file } = await signedFile();
    const edited = copy(file);
    const row = edited.tallies.find((t: Raw) => t.key === KEY1);
    row.tally.votes['1'] = 31;
    row.tally.votes['2'] = 49;
    const target = freshDb();
    const r = await importBackup(target, edited, { acceptUnattested: true });
    if (r.ok || r.error.kind !== 'tampered') throw new Error('expected tampered');
    expect(r.error.message.id).toBe(
      'Cadangan ditolak, tidak ada data yang disimpan: formulir Puger Kulon TPS 001, Presiden, isian votes.1: di berkas 31, padahal riwayat audit bertanda tangan perangkat itu berakhir di 30 (berkas diubah setelah diekspor).',
    );
    expect(r.error.message.en).toMatch(/^Backup refused, nothing was stored: form Puger Kulon TPS 001, President, cell votes\.1/);
    expect(await target.tallies.count()).toBe(0);
    expect(await target.setup.count()).toBe(0);
    expect(await target.audit.count()).toBe(0);
  });

  it('refuses a status raised to verified, a changed history row and a changed chain entry, each in its words', async () => {
    const { file } = await signedFile();
    const target = freshDb();

    const verified = copy(file);
    const row = verified.tallies.find((t: Raw) => t.key === KEY1);
    row.status = 'verified';
    row.tally.status = 'verified';
    const a = await importBackup(target, verified, { acceptUnattested: true });
    expect(!a.ok && a.error.message.id).toMatch(/formulir Puger Kulon TPS 001, Presiden, status: di berkas verified, padahal .* berakhir di entered/);

    const history = copy(file);
    history.revisions[0].by = 'Mallory';
    const b = await importBackup(target, history, { acceptUnattested: true });
    expect(!b.ok && b.error.message.id).toMatch(/tanda tangan perangkat atas berkas tidak sah/);

    const chain = copy(file);
    chain.audit[3].actor = 'Mallory';
    const c = await importBackup(target, chain, { acceptUnattested: true });
    expect(!c.ok && c.error.message.id).toMatch(/riwayat audit bertanda tangan di berkas tidak utuh\. Isi entri audit #4 tidak cocok dengan hash-nya/);

    const cut = copy(file);
    cut.audit.pop();
    const d = await importBackup(target, cut, { acceptUnattested: true });
    expect(d.ok).toBe(false);
    expect(await target.tallies.count()).toBe(0);
  });

  it('restores without a warning when the server this device pinned attested the key, and warns for another server', async () => {
    const { file } = await signedFile({ enrolled: true });
    expect(file.signer.attestation?.statement.deviceName).toBe('Laptop Ani');

    const sameServer = freshDb();
    await enrol(sameServer, server, (await generateKeyPair().then((p) => exportPublicJwk(p.publicKey))));
    const ok = await readBackup(sameServer, file);
    expect(ok.ok && ok.value.preview.signed).toMatchObject({ trust: 'attested', warning: null, deviceName: 'Laptop Ani' });
    expect((await importBackup(sameServer, file)).ok).toBe(true);

    const otherPair = await generateKeyPair();
    const other = { publicKey: await exportPublicJwk(otherPair.publicKey), privateKey: otherPair.privateKey };
    const otherServer = freshDb();
    await enrol(otherServer, other, file.signer.publicKey);
    const warned = await readBackup(otherServer, file);
    expect(warned.ok && warned.value.preview.signed?.trust).toBe('other-server');
    expect(warned.ok && warned.value.preview.signed?.warning?.id).toMatch(/tidak disahkan oleh server kecamatan yang dipercaya perangkat ini/);
  });

  it('keeps the operator typed on the new laptop', async () => {
    const { file } = await signedFile();
    const target = freshDb();
    await setSetting(target, 'operatorName', 'Budi');
    const r = await importBackup(target, file, { acceptUnattested: true });
    expect(r.ok).toBe(true);
    expect(await getSetting(target, 'operatorName')).toBe('Budi');
    const history = await auditOfRecord(target, KEY1);
    expect(history.at(-1)?.change.actor).toBe('Budi');

    // On a laptop where nobody typed a name yet, the backup's operator is taken.
    const blank = freshDb();
    expect((await importBackup(blank, file, { acceptUnattested: true })).ok).toBe(true);
    expect(await getSetting(blank, 'operatorName')).toBe('Ani');
  });

  it('still restores an old unsigned v1 file, marked unverified in the preview and in each form’s history', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    const v1 = JSON.parse(JSON.stringify(await exportBackup(db))) as unknown;
    const target = freshDb();
    const checked = await readBackup(target, v1);
    expect(checked.ok && checked.value.preview).toMatchObject({ format: 'rekap.backup/v1', signed: null, forms: 1 });
    expect((await importBackup(target, v1)).ok).toBe(true);
    const history = await auditOfRecord(target, KEY1);
    expect(history.at(-1)?.change.reason).toMatch(/TIDAK TERVERIFIKASI: berkas lama tanpa tanda tangan/);
  });
});

/** Every leaf of a JSON value with its path (arrays and objects walked). */
function leaves(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k]));
  }
  return [{ path, value }];
}

function changed(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'string') return `${value}x`;
  if (typeof value === 'boolean') return !value;
  return 0; // null
}

describe('property: any single-value edit in a signed backup’s forms, statuses or chain is refused', () => {
  it('refuses it and stores nothing', async () => {
    const { file } = await signedFile();
    const spots = [...leaves(file.tallies, ['tallies']), ...leaves(file.audit, ['audit'])];
    expect(spots.length).toBeGreaterThan(500);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: spots.length - 1 }), async (i) => {
        const spot = spots[i]!;
        const edited = copy(file);
        let node: Raw = edited;
        for (const part of spot.path.slice(0, -1)) node = node[part] as Raw;
        node[spot.path.at(-1)!] = changed(spot.value);
        const target = freshDb();
        const r = await importBackup(target, edited, { acceptUnattested: true });
        expect(r.ok, spot.path.join('.')).toBe(false);
        expect(await target.tallies.count()).toBe(0);
        target.close();
      }),
      { numRuns: 60 },
    );
  });
});
