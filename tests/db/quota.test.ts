import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { exportBackup, getHistory, getTally, importBackup, isQuotaError, markEntered, setFigure, QUOTA_MESSAGE } from '../../src/db/index.ts';
import { dbWithSetup, freshDb, KEY1, P, TPS1, typeForm } from './fixtures.ts';

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storage quota', () => {
  it('recognises QuotaExceededError directly and wrapped by Dexie', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', quotaError()))).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(Object.assign(new Error('bulk'), { name: 'BulkError', failures: [quotaError()] }))).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('a quota failure on the revision write leaves the tally row unwritten too', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 30, actor: 'Ani' });
    const before = await db.tallies.get(KEY1);

    db.revisions.add = (() => Promise.reject(quotaError())) as unknown as typeof db.revisions.add;
    const r = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.2', value: 50, actor: 'Budi' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe('quota');
      expect(r.error.message).toEqual(QUOTA_MESSAGE);
      expect(r.error.message.id).toMatch(/TIDAK tersimpan/);
    }
    expect(await db.tallies.get(KEY1)).toEqual(before);
    expect(await getHistory(db, KEY1)).toHaveLength(1);
  });

  it('a quota failure wrapped by Dexie (AbortError with inner) during a status change writes nothing', async () => {
    const db = await dbWithSetup();
    await typeForm(db, TPS1, 'Ani');
    const before = await db.tallies.get(KEY1);
    const count = await db.revisions.count();
    db.revisions.add = (() => Promise.reject(new Dexie.AbortError('Transaction aborted', quotaError()))) as unknown as typeof db.revisions.add;
    const r = await markEntered(db, KEY1, 'Ani', []);
    expect(!r.ok && r.error.kind).toBe('quota');
    const after = await getTally(db, KEY1);
    expect(after.ok && after.value?.status).toBe('draft');
    expect(await db.tallies.get(KEY1)).toEqual(before);
    expect(await db.revisions.count()).toBe(count);
  });

  it('a quota failure while restoring a backup keeps the database as it was', async () => {
    const source = await dbWithSetup();
    await typeForm(source, TPS1, 'Ani');
    const backup = await exportBackup(source);

    const target = freshDb();
    target.revisions.bulkPut = (() => Promise.reject(quotaError())) as unknown as typeof target.revisions.bulkPut;
    const r = await importBackup(target, backup);
    expect(!r.ok && r.error.kind).toBe('quota');
    expect(await target.tallies.count()).toBe(0);
    expect(await target.setup.count()).toBe(0);
  });

  it('other failures are not disguised as quota errors', async () => {
    const db = await dbWithSetup();
    db.revisions.add = (() => Promise.reject(new Error('disk on fire'))) as unknown as typeof db.revisions.add;
    await expect(setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' })).rejects.toThrow('disk on fire');
    expect(await db.tallies.count()).toBe(0);
  });
});
