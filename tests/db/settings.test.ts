import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSetting, getSettings, getVerificationMode, requestPersistence, saveSetup, setSetting, storageEstimate } from '../../src/db/index.ts';
import { SetupSchema } from '../../src/domain/setup/schema.ts';
import { dbWithSetup, freshDb, P, SETUP, TPS1 } from './fixtures.ts';
import { setFigure } from '../../src/db/index.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('settings and setup', () => {
  it('returns defaults, stores typed values, ignores unreadable ones', async () => {
    const db = freshDb();
    expect(await getSetting(db, 'language')).toBe('id');
    expect(await getSettings(db)).toMatchObject({ language: 'id', operatorName: null, lastExportAt: null });
    await setSetting(db, 'language', 'en');
    await setSetting(db, 'panel', 'panel-1');
    expect(await getSetting(db, 'language')).toBe('en');
    expect((await getSettings(db)).panel).toBe('panel-1');
    await db.settings.put({ key: 'language', value: 'fr' });
    expect(await getSetting(db, 'language')).toBe('id');
  });

  it('verification mode: device setting, else the setup, else read-back', async () => {
    const db = freshDb();
    expect(await getVerificationMode(db)).toBe('readback');
    await saveSetup(db, SetupSchema.parse({ ...SETUP, settings: { verification: 'double-entry' } }));
    expect(await getVerificationMode(db)).toBe('double-entry');
    await setSetting(db, 'verificationMode', 'readback');
    expect(await getVerificationMode(db)).toBe('readback');
  });

  it('refuses another kecamatan setup once tallies are stored, allows updating the same one', async () => {
    const db = await dbWithSetup();
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani' });
    const same = await saveSetup(db, { ...SETUP, election: { ...SETUP.election, name: 'Pemilu 2024 (ralat)' } });
    expect(same.ok).toBe(true);
    const foreign = SetupSchema.parse({ ...SETUP, kecamatan: { code: '350901', name: 'Kencong' } });
    const r = await saveSetup(db, foreign);
    expect(!r.ok && r.error.kind).toBe('setup-mismatch');
  });
});

describe('storage', () => {
  it('asks for persistence once and remembers the answer', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist, persisted: async () => false, estimate: async () => ({ usage: 1000, quota: 5000 }) } });
    const db = freshDb();
    expect(await requestPersistence(db)).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    expect(await getSetting(db, 'storagePersisted')).toBe(true);
    expect(await getSetting(db, 'persistenceRequested')).toBe(true);
    expect(await storageEstimate()).toEqual({ usage: 1000, quota: 5000, persisted: false });
  });

  it('copes without the Storage API (old browser, insecure context)', async () => {
    vi.stubGlobal('navigator', {});
    const db = freshDb();
    expect(await requestPersistence(db)).toBeNull();
    expect(await getSetting(db, 'persistenceRequested')).toBe(true);
    expect(await storageEstimate()).toEqual({ usage: null, quota: null, persisted: null });
  });
});
