// @vitest-environment jsdom
import { act, render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/domain/audit/index.ts';
import { exportPublicJwk } from '../../src/domain/crypto/keys.ts';
import { saveSetup, setFigure, unsealedAuditCount } from '../../src/db/index.ts';
import { DexieSyncStore } from '../../src/sync/index.ts';
import { AuditSealer, sealNow } from '../../src/ui/common/useAuditSealer.ts';
import { SETUP, TPS1 } from '../db/fixtures.ts';
import { freshApp } from './helpers.ts';

describe('the app seals its audit trail', () => {
  it('shortly after a change, with the device key: the chain verifies with its public key', async () => {
    const db = await freshApp();
    await saveSetup(db, SETUP);
    render(<AuditSealer />);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.1', value: 30, actor: 'Ani' });
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.2', value: 50, actor: 'Ani' });
    expect(await unsealedAuditCount(db)).toBe(2);
    await waitFor(async () => expect(await unsealedAuditCount(db)).toBe(0), { timeout: 5_000 });
    const publicKey = await exportPublicJwk((await new DexieSyncStore(db).deviceKey()).publicKey);
    const entries = (await db.audit.orderBy(':id').toArray()).map((r) => r.entry);
    expect(await verifyChain(entries, publicKey, null)).toMatchObject({ ok: true, value: { seq: 2 } });
  });

  it('sealNow() seals at once (what the summary export awaits), also when the page is hidden', async () => {
    const db = await freshApp();
    await saveSetup(db, SETUP);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.1', value: 30, actor: 'Ani' });
    expect(await sealNow(db)).toMatchObject({ seq: 1 });
    expect(await unsealedAuditCount(db)).toBe(0);

    render(<AuditSealer />);
    await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'votes.1', value: 31, actor: 'Ani' });
    await act(async () => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await waitFor(async () => expect(await unsealedAuditCount(db)).toBe(0), { timeout: 900 });
  });
});
