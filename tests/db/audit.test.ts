import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain, type AuditEntry } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash, type PublicKeyJwk } from '../../src/domain/crypto/keys.ts';
import { TALLIES_FORMAT, tallyKey } from '../../src/domain/tally/tally.ts';
import {
  acceptWarnings,
  appendAudit,
  AUDIT_TABLES,
  auditHead,
  auditOfRecord,
  BACKUP_RESTORE_REASON,
  decideObjection,
  exportBackup,
  finaliseDesa,
  finaliseKecamatan,
  importBackup,
  importTallies,
  linkCorrections,
  markEntered,
  openRekapDb,
  reopenDesa,
  sealAudit,
  sealedAuditAfter,
  setFigure,
  setFigures,
  TALLIES_IMPORT_REASON,
  unsealedAuditCount,
  verifyReadback,
  type RekapDb,
} from '../../src/db/index.ts';
import { DB_VERSION } from '../../src/db/database.ts';
import { CLEAN_PPWP, dbWithSetup, freshDb, KEY1, P, SETUP, TPS1, TPS2, typeForm } from './fixtures.ts';
import { DESA1, DESA1_TPS, recorded, specialEvent, verified, votesFor } from './plenary-fixtures.ts';

interface Device {
  keyHash: string;
  privateKey: CryptoKey;
  publicKey: PublicKeyJwk;
}

async function newDevice(): Promise<Device> {
  const pair = await generateKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  return { keyHash: await keyHash(publicKey), privateKey: pair.privateKey, publicKey };
}

const V2 = 'votes.2';
const V3 = 'votes.3';

let device: Device;
beforeAll(async () => {
  device = await newDevice();
});

/** Every row of the trail, oldest first, as stored. */
const rows = (db: RekapDb) => db.audit.orderBy(':id').toArray();
const changes = async (db: RekapDb) => (await rows(db)).map((r) => r.change);

async function enrolAs(db: RekapDb, role: string): Promise<void> {
  await db.sync.put({ key: 'enrolment', value: { role, deviceId: 'd1' } });
}

describe('the audit table (schema v3, unchanged since)', () => {
  it('exists with an auto-increment id and a record-key index', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(DB_VERSION);
    expect(db.audit.schema.primKey.auto).toBe(true);
    expect(db.audit.schema.indexes.map((i) => i.name)).toEqual(['key']);
  });
});

describe('writers append one entry per change, in the change’s transaction', () => {
  it('typing: one tally.changed per changed cell with before → after; role null before enrolment', async () => {
    const db = await dbWithSetup();
    await setFigures(db, { tps: TPS1, contest: 'PPWP', changes: [{ path: P.vote1, value: 30 }, { path: V2, value: 50 }], actor: 'Ani' });
    // Unchanged value: nothing written, nothing audited.
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    await enrolAs(db, 'clerk');
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Ani' });
    const log = await changes(db);
    expect(log).toHaveLength(3);
    expect(log[0]).toMatchObject({
      actor: 'Ani', role: null, action: 'tally.changed', record: { kind: 'tally', key: KEY1 },
      before: { 'votes.1': null, status: 'empty' }, after: { 'votes.1': 30, status: 'draft' }, reason: null,
    });
    expect(log[1]).toMatchObject({ before: { 'votes.2': null }, after: { 'votes.2': 50 } });
    expect(log[2]).toMatchObject({ role: 'clerk', before: { 'votes.1': 30 }, after: { 'votes.1': 31 } });
    expect((await rows(db)).every((r) => r.entry === null && r.key === KEY1)).toBe(true);
  });

  it('a write that is refused leaves neither the change nor an entry', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    // The second cell is unknown: the whole batch aborts, the first cell included.
    const r = await setFigures(db, { tps: TPS1, contest: 'PPWP', changes: [{ path: V2, value: 5 }, { path: 'votes.99', value: 1 }], actor: 'Ani' });
    expect(!r.ok && r.error.kind).toBe('unknown-field');
    expect(await db.audit.count()).toBe(1);
    expect((await db.tallies.get(KEY1))?.tally.votes).toMatchObject({ 2: null });
  });

  it('an entry appended in a transaction that then fails is rolled back with it', async () => {
    const db = await dbWithSetup();
    await expect(
      db.transaction('rw', ['tallies', ...AUDIT_TABLES], async () => {
        await appendAudit(db, { actor: 'Ani', record: { kind: 'tally', key: KEY1 }, action: 'tally.changed', before: null, after: { 'votes.1': 1 }, reason: null });
        throw new Error('disk gone');
      }),
    ).rejects.toThrow('disk gone');
    expect(await db.audit.count()).toBe(0);
  });

  it('workflow: entered, verified, corrected with its reason, warnings accepted (marks)', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    const typed = await db.audit.count();
    expect(typed).toBe(Object.keys(CLEAN_PPWP).length);
    await markEntered(db, KEY1, 'Ani', []);
    await verifyReadback(db, KEY1, 'Budi');
    const log = (await changes(db)).slice(typed);
    expect(log.map((c) => [c.action, c.actor, c.after && (c.after as { status?: string }).status])).toEqual([
      ['tally.status', 'Ani', 'entered'],
      ['tally.status', 'Budi', 'verified'],
    ]);
    expect(log[1]).toMatchObject({ before: { status: 'entered', verifiedBy: null }, after: { status: 'verified', verifiedBy: 'Budi' } });

    // A correction (verified → entered, to be verified again) that raises a warning (W02: received ≠
    // DPT + 2%), then its acceptance.
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.received, value: 210, actor: 'Ani', reason: 'salah baca' });
    const before = await db.audit.count();
    expect((await changes(db)).at(-1)).toMatchObject({
      action: 'tally.changed', reason: 'salah baca',
      before: { 'ballots.received': 204, status: 'verified', verifiedBy: 'Budi' }, after: { 'ballots.received': 210, status: 'entered', verifiedBy: null },
    });
    expect((await acceptWarnings(db, KEY1, 'Ani', [{ code: 'W02', reason: 'tambahan dari PPS' }])).ok).toBe(true);
    const after = await changes(db);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({
      action: 'tally.changed', actor: 'Ani', before: { acceptedWarnings: null }, after: { acceptedWarnings: [{ code: 'W02', reason: 'tambahan dari PPS', by: 'Ani' }] },
    });
  });

  it('objections: recorded, decided (the note is the reason), linked (before → after links)', async () => {
    const db = await dbWithSetup();
    await verified(db, TPS1, votesFor(0));
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 29, actor: 'Ketua', reason: 'hitung ulang' });
    const start = await db.audit.count();
    const objection = await recorded(db, specialEvent(TPS1));
    await decideObjection(db, objection.id, { status: 'recounted', note: 'Diterima setelah hitung ulang' }, 'Ketua PPK');
    const correction = (await db.revisions.where('key').equals(KEY1).toArray()).find((r) => r.kind === 'correction')!;
    await linkCorrections(db, objection.id, [{ key: KEY1, revision: correction.revision }], 'Ketua PPK');
    const log = (await changes(db)).slice(start);
    expect(log.map((c) => c.action)).toEqual(['objection.recorded', 'objection.decided', 'objection.linked']);
    expect(log.every((c) => c.record.kind === 'objection' && c.record.key === objection.id && c.actor === 'Ketua PPK')).toBe(true);
    expect(log[0]).toMatchObject({ before: null, after: { id: objection.id, decision: { status: 'pending' } } });
    expect(log[1]).toMatchObject({ before: { status: 'pending' }, after: { status: 'recounted' }, reason: 'Diterima setelah hitung ulang' });
    expect(log[2]).toMatchObject({ before: [], after: [{ key: KEY1, revision: correction.revision }] });
  });

  it('finalisation: each tally’s status, the desa row, and a reopening with its reason (the kecamatan too)', async () => {
    const db = await dbWithSetup();
    for (const [i, tps] of DESA1_TPS.entries()) await verified(db, tps, votesFor(i));
    const start = await db.audit.count();
    await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
    const finalised = (await changes(db)).slice(start);
    expect(finalised.map((c) => `${c.action}:${c.record.key}`)).toEqual([
      ...DESA1_TPS.map((tps) => `tally.status:${tallyKey({ tps, contest: 'PPWP' })}`),
      `finalisation.finalised:${DESA1}:PPWP`,
    ]);
    expect(finalised.at(-1)).toMatchObject({ before: null, after: { state: 'final', tallies: expect.any(Array) }, actor: 'Ketua' });

    const mid = await db.audit.count();
    await reopenDesa(db, DESA1, 'PPWP', 'Ketua', 'Saksi paslon 2 minta hitung ulang');
    const reopened = (await changes(db)).slice(mid);
    expect(reopened.filter((c) => c.action === 'tally.status')).toHaveLength(3);
    expect(reopened.at(-1)).toMatchObject({
      action: 'finalisation.reopened', record: { kind: 'finalisation', key: `${DESA1}:PPWP` },
      before: { state: 'final' }, after: { state: 'reopened' }, reason: 'Saksi paslon 2 minta hitung ulang',
    });
    expect(reopened.every((c) => c.reason === 'Saksi paslon 2 minta hitung ulang')).toBe(true);
  });

  it('a kecamatan finalisation that is refused writes no entry', async () => {
    const db = await dbWithSetup();
    const r = await finaliseKecamatan(db, 'PPWP', 'Ketua');
    expect(r.ok).toBe(false);
    expect(await db.audit.count()).toBe(0);
  });

  it('import from a file: one tally.changed per imported tally, saying where it came from', async () => {
    const db = await dbWithSetup();
    const source = await dbWithSetup();
    await typeForm(source, TPS1, 'Dewi');
    await typeForm(source, TPS2, 'Dewi');
    const file = { format: TALLIES_FORMAT, kecamatan: SETUP.kecamatan.code, tallies: (await source.tallies.toArray()).map((r) => r.tally) };
    const report = await importTallies(db, file, 'Ani');
    expect(report.ok && report.value.imported).toBe(2);
    const log = await changes(db);
    expect(log).toHaveLength(2);
    expect(log.every((c) => c.action === 'tally.changed' && c.reason === TALLIES_IMPORT_REASON && c.actor === 'Ani')).toBe(true);
    expect(log[0]).toMatchObject({ before: { 'votes.1': null, status: null }, after: { 'votes.1': CLEAN_PPWP['votes.1'], status: 'draft' } });
  });

  it('backup restore: one entry per tally it changed; restoring the same data again adds none', async () => {
    const source = await dbWithSetup();
    await typeForm(source, TPS1, 'Dewi');
    const backup = JSON.parse(JSON.stringify(await exportBackup(source)));
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 9, actor: 'Ani' });
    const start = await db.audit.count();
    const restored = await importBackup(db, backup, { replace: true });
    expect(restored.ok).toBe(true);
    const log = (await changes(db)).slice(start);
    expect(log.map((c) => c.record.key).sort()).toEqual([KEY1, tallyKey({ tps: TPS2, contest: 'PPWP' })].sort());
    expect(log.every((c) => c.action === 'tally.changed' && c.reason!.startsWith(BACKUP_RESTORE_REASON))).toBe(true);
    const removed = log.find((c) => c.record.key !== KEY1)!;
    expect(removed).toMatchObject({ before: { 'votes.1': 9 }, after: { 'votes.1': null } });
    // The trail survives the restore (it is this device's, not the file's).
    expect(await db.audit.count()).toBe(start + 2);
    await importBackup(db, backup, { replace: true });
    expect(await db.audit.count()).toBe(start + 2);
  });
});

describe('sealing', () => {
  it('chains and signs every row in id order; the device’s public key verifies the chain', async () => {
    const db = await dbWithSetup();
    expect(await sealAudit(db, device)).toBeNull();
    await typeForm(db, TPS1, 'Ani');
    const n = await db.audit.count();
    expect(await unsealedAuditCount(db)).toBe(n);
    const head = await sealAudit(db, device);
    expect(head?.seq).toBe(n);
    expect(await unsealedAuditCount(db)).toBe(0);
    expect(await auditHead(db)).toEqual(head);
    const entries = (await rows(db)).map((r) => r.entry!);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(await verifyChain(entries, device.publicKey, null)).toEqual({ ok: true, value: head });
    // Each entry carries exactly the change that was written.
    for (const row of await rows(db)) expect(row.entry).toMatchObject(row.change);

    // More changes continue the chain from the stored head.
    await markEntered(db, KEY1, 'Ani', []);
    const next = await sealAudit(db, device);
    expect(next?.seq).toBe(n + 1);
    const tail = await sealedAuditAfter(db, head!.seq, 10);
    expect(tail.map((e) => e.seq)).toEqual([n + 1]);
    expect(await verifyChain(tail, device.publicKey, head)).toEqual({ ok: true, value: next });
    expect((await sealedAuditAfter(db, 0, 3)).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await sealedAuditAfter(db, n + 1, 10)).toEqual([]);
  });

  it('another device’s key does not verify it; an edited entry breaks it', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: V2, value: 50, actor: 'Ani' });
    await sealAudit(db, device);
    const entries = (await rows(db)).map((r) => r.entry!);
    const other = await newDevice();
    expect(await verifyChain(entries, other.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'other-device' } });
    const edited: AuditEntry[] = [entries[0]!, { ...entries[1]!, after: { 'votes.2': 5 } }];
    expect(await verifyChain(edited, device.publicKey, null)).toMatchObject({ ok: false, error: { kind: 'hash-mismatch', seq: 2 } });
  });

  it('refuses to continue a chain started with another key (it would not verify)', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    await sealAudit(db, device);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Ani' });
    await expect(sealAudit(db, await newDevice())).rejects.toThrow(/another device key/);
    expect(await unsealedAuditCount(db)).toBe(1);
  });

  it('seals a large backlog in batches, each continuing the last', async () => {
    const db = await dbWithSetup();
    await db.transaction('rw', [...AUDIT_TABLES], async () => {
      for (let i = 0; i < 450; i++) {
        await appendAudit(db, { actor: 'Ani', record: { kind: 'tally', key: KEY1 }, action: 'tally.changed', before: { 'votes.1': i }, after: { 'votes.1': i + 1 }, reason: null });
      }
    });
    const head = await sealAudit(db, device);
    expect(head?.seq).toBe(450);
    const entries = (await rows(db)).map((r) => r.entry);
    expect(await verifyChain(entries, device.publicKey, null)).toEqual({ ok: true, value: head });
  });

  it('concurrent sealAudit calls (two tabs) never give two entries the same seq', async () => {
    const db = await dbWithSetup();
    const tab2 = openRekapDb(db.name);
    await typeForm(db, TPS1, 'Ani');
    const n = await db.audit.count();
    await Promise.all([sealAudit(db, device), sealAudit(tab2, device), sealAudit(db, device), sealAudit(tab2, device)]);
    await sealAudit(db, device);
    const entries = (await rows(db)).map((r) => r.entry!);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect((await verifyChain(entries, device.publicKey, null)).ok).toBe(true);
    tab2.close();
  });

  it('history of one record: sealed and unsealed rows, oldest first', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    await setFigure(db, { tps: TPS2, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    await sealAudit(db, device);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 31, actor: 'Budi' });
    const history = await auditOfRecord(db, KEY1);
    expect(history.map((h) => [h.change.actor, h.entry?.seq ?? null])).toEqual([
      ['Ani', 1],
      ['Budi', null],
    ]);
    expect(await auditOfRecord(db, 'nothing')).toEqual([]);
  });
});

describe('property: writes and seals from two tabs', () => {
  it('end in one valid chain with exactly one entry per stored change', async () => {
    const cells = [P.vote1, V2, V3, 'invalid', 'valid'];
    const step = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), tab: fc.integer({ min: 0, max: 1 }), cell: fc.constantFrom(...cells), value: fc.option(fc.integer({ min: 0, max: 3 })) }),
      fc.record({ kind: fc.constant('seal' as const), tab: fc.integer({ min: 0, max: 1 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const db = await dbWithSetup();
        const tabs = [db, openRekapDb(db.name)];
        const seals: Promise<unknown>[] = [];
        let written = 0;
        for (const s of steps) {
          const tab = tabs[s.tab]!;
          if (s.kind === 'seal') {
            // Not awaited: sealing runs alongside the next writes, as in two tabs.
            seals.push(sealAudit(tab, device));
            continue;
          }
          const r = await setFigure(tab, { tps: TPS1, contest: 'PPWP', path: s.cell, value: s.value, actor: `tab${s.tab}` });
          if (!r.ok) throw new Error(r.error.kind);
          if (r.value.changed) written += 1;
        }
        await Promise.all(seals);
        const head = await sealAudit(tabs[1]!, device);
        const all = await rows(db);
        expect(all).toHaveLength(written);
        expect(all.every((r) => r.entry !== null)).toBe(true);
        const verdict = await verifyChain(all.map((r) => r.entry), device.publicKey, null);
        expect(verdict).toEqual({ ok: true, value: head });
        tabs[1]!.close();
        db.close();
      }),
      { numRuns: 25 },
    );
  });
});
