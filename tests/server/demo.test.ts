import { afterEach, describe, expect, it } from 'vitest';
import { ensureDemo } from '../../src/server/demo.ts';
import { sqliteCase, type OpenedStorage } from './storages.ts';

let opened: OpenedStorage | undefined;
afterEach(async () => {
  await opened?.cleanup();
  opened = undefined;
});

describe('the server demo (rekap server start --demo)', () => {
  it('plans its recap from the WIB day it is created, and keeps that plan on later starts', async () => {
    opened = await sqliteCase.open();
    // 18.00 UTC on 1 May is already 2 May in Jakarta.
    const created = await ensureDemo(opened.storage, () => new Date('2025-05-01T18:00:00Z'));
    expect(created.created).toBe(true);
    const dates = async () => (await opened!.storage.kecamatan(created.kecamatan))!.setup.schedule.days.map((d) => d.date);
    expect(await dates()).toEqual(['2025-05-02', '2025-05-03', '2025-05-04']);

    const again = await ensureDemo(opened.storage, () => new Date('2025-05-09T03:00:00Z'));
    expect(again.created).toBe(false);
    expect(await dates()).toEqual(['2025-05-02', '2025-05-03', '2025-05-04']);
  });
});
