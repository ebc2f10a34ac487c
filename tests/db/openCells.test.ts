import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/domain/audit/index.ts';
import { exportPublicJwk, generateKeyPair, keyHash } from '../../src/domain/crypto/keys.ts';
import {
  auditOfRecord,
  commitOpenCells,
  exportBackup,
  getTally,
  importBackup,
  markEntered,
  openCellCount,
  sealAudit,
  setFigures,
  type RekapDb,
} from '../../src/db/index.ts';
import { dbWithSetup, KEY1, P, TPS1, typeForm } from './fixtures.ts';

/** Autosave as the entry form does it: every keystroke's value, the cell kept open. */
async function typeKeys(db: RekapDb, path: string, values: readonly (number | null)[], actor = 'Ani'): Promise<void> {
  for (const value of values) {
    const r = await setFigures(db, { tps: TPS1, contest: 'PPWP', changes: [{ path: path as never, value }], actor, open: true });
    if (!r.ok) throw new Error(r.error.kind);
  }
}

type Maps = Record<string, unknown>;
const tallyChanges = async (db: RekapDb) =>
  (await auditOfRecord(db, KEY1)).map((r) => ({ actor: r.change.actor, before: r.change.before as Maps, after: r.change.after as Maps }));

describe('one audit entry per committed cell (issue 12)', () => {
  it('typing "190" keystroke by keystroke stores every value but leaves one entry once the cell is committed', async () => {
    const db = await dbWithSetup();
    await typeKeys(db, P.vote1, [1, 19, 190]);
    const stored = await getTally(db, KEY1);
    expect(stored.ok && stored.value?.tally.votes[1]).toBe(190);
    // Autosaved but not committed: nothing in the trail yet.
    expect(await tallyChanges(db)).toEqual([]);
    expect(await openCellCount(db)).toBe(1);

    expect(await commitOpenCells(db, KEY1, [P.vote1])).toBe(1);
    expect(await tallyChanges(db)).toEqual([{ actor: 'Ani', before: { [P.vote1]: null, status: 'empty' }, after: { [P.vote1]: 190, status: 'draft' } }]);
    expect(await openCellCount(db)).toBe(0);
    // Committing again adds nothing.
    expect(await commitOpenCells(db, KEY1)).toBe(0);
    expect(await auditOfRecord(db, KEY1)).toHaveLength(1);
  });

  it('retyping a cell back to its value before leaves no entry; a later edit of the committed cell is one more', async () => {
    const db = await dbWithSetup();
    await typeKeys(db, P.vote1, [6, 60]);
    await commitOpenCells(db, KEY1);
    await typeKeys(db, P.vote1, [1, 19, 190, 6, 60]);
    await commitOpenCells(db, KEY1);
    expect(await auditOfRecord(db, KEY1)).toHaveLength(1);
    await typeKeys(db, P.vote1, [6, 61]);
    await commitOpenCells(db, KEY1);
    const trail = await tallyChanges(db);
    expect(trail.at(-1)).toEqual({ actor: 'Ani', before: { [P.vote1]: 60 }, after: { [P.vote1]: 61 } });
  });

  it('commits only the cells asked for; other open cells wait', async () => {
    const db = await dbWithSetup();
    await typeKeys(db, P.vote1, [5]);
    await typeKeys(db, P.valid, [7]);
    expect(await commitOpenCells(db, KEY1, [P.valid])).toBe(1);
    expect(await openCellCount(db)).toBe(1);
    expect((await tallyChanges(db)).map((c) => Object.keys(c.after))).toEqual([[P.valid]]);
  });

  it('another person typing into a cell left open commits the first person’s figure under their name', async () => {
    const db = await dbWithSetup();
    await typeKeys(db, P.vote1, [50], 'Ani');
    await typeKeys(db, P.vote1, [55], 'Budi');
    await commitOpenCells(db);
    expect((await tallyChanges(db)).map((c) => [c.actor, c.after[P.vote1]])).toEqual([
      ['Ani', 50],
      ['Budi', 55],
    ]);
  });

  it('any other audited change of the form commits its open cells first, so the trail keeps the order of decisions', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    await typeKeys(db, P.vote1, [121]);
    await typeKeys(db, P.vote1, [120]);
    const entered = await markEntered(db, KEY1, 'Ani', []);
    expect(entered.ok).toBe(true);
    const trail = (await auditOfRecord(db, KEY1)).map((r) => r.change);
    const last = trail.slice(-2);
    expect(last[0]!.after).toMatchObject({ [P.vote1]: 120 });
    expect(last[1]!.after).toMatchObject({ status: 'entered' });
    expect(await openCellCount(db)).toBe(0);
  });

  it('a cell left open by a crash is committed on the next start, and the sealed chain verifies', async () => {
    const db = await dbWithSetup();
    await typeKeys(db, P.vote1, [3, 30]);
    // "Next start": a fresh handle on the same database commits everything left open.
    const reopened = new (db.constructor as new (name: string) => RekapDb)(db.name);
    expect(await commitOpenCells(reopened, 'all')).toBe(1);
    const pair = await generateKeyPair();
    const publicKey = await exportPublicJwk(pair.publicKey);
    const device = { keyHash: await keyHash(publicKey), privateKey: pair.privateKey };
    await sealAudit(reopened, device);
    const entries = (await auditOfRecord(reopened, KEY1)).map((r) => r.entry!);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.after).toMatchObject({ [P.vote1]: 30 });
    expect((await verifyChain(entries, publicKey, null)).ok).toBe(true);
    reopened.close();
  });

  it('a restore commits the cells typed before it: the trail keeps them', async () => {
    const db = await dbWithSetup();
    const backup = await exportBackup(db);
    await typeKeys(db, P.vote1, [9]);
    const restored = await importBackup(db, JSON.parse(JSON.stringify(backup)), { replace: true });
    expect(restored.ok).toBe(true);
    expect(await openCellCount(db)).toBe(0);
    expect((await auditOfRecord(db, KEY1)).some((r) => (r.change.after as Record<string, unknown>)[P.vote1] === 9)).toBe(true);
  });
});
