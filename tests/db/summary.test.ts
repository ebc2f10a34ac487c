import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/canonical/json.ts';
import { sha256Hex } from '../../src/domain/canonical/hash.ts';
import { exportPublicJwk, generateKeyPair } from '../../src/domain/crypto/keys.ts';
import { buildSummary, signSummary } from '../../src/domain/summary/index.ts';
import { saveSetup, setFigure, type RekapDb } from '../../src/db/index.ts';
import {
  checkSignedSummary,
  loadSignedSummary,
  saveSignedSummary,
  signedSummaryKey,
  signedSummaryRecord,
  summarySource,
} from '../../src/db/summary.ts';
import { dbWithSetup, SETUP, TPS1 } from './fixtures.ts';
import { verified } from './plenary-fixtures.ts';

/** Signs the PPWP summary of what `db` holds now and stores its record, as the app does on export. */
async function signNow(db: RekapDb) {
  const source = await summarySource(db, ['PPWP']);
  if (!source.ok) throw new Error(JSON.stringify(source.error));
  const keys = await generateKeyPair();
  const built = await buildSummary(source.value.setup, source.value.tallies, ['PPWP'], { name: 'Ketua', role: 'chair', publicKey: await exportPublicJwk(keys.publicKey) }, { createdAt: '2024-02-20T10:00:00+07:00' });
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  const file = await signSummary(built.value, keys.privateKey);
  const record = await signedSummaryRecord(file, await sha256Hex(canonicalJson(file)), 'f.json', source.value.final);
  expect((await saveSignedSummary(db, record)).ok).toBe(true);
  return record;
}

async function stateNow(db: RekapDb) {
  const source = await summarySource(db, ['PPWP']);
  if (!source.ok) throw new Error(JSON.stringify(source.error));
  return checkSignedSummary(source.value, await loadSignedSummary(db, 'PPWP'), 'PPWP');
}

describe('signed summary record', () => {
  it('is current while the data is what was signed, and stale after a correction or a new setup', async () => {
    const db = await dbWithSetup();
    await verified(db, TPS1);
    expect(await stateNow(db)).toEqual({ kind: 'none' });
    const record = await signNow(db);
    expect(await stateNow(db)).toEqual({ kind: 'current', record, final: false });

    expect((await setFigure(db, { tps: TPS1, contest: 'PPWP', path: 'invalid', value: 99, actor: 'Ani', reason: 'salah baca' })).ok).toBe(true);
    expect(await stateNow(db)).toMatchObject({ kind: 'stale', reason: 'figures' });

    await signNow(db);
    expect((await stateNow(db)).kind).toBe('current');
    const renamed = { ...SETUP, election: { ...SETUP.election, name: 'Pemilu (diubah)' } };
    expect((await saveSetup(db, renamed)).ok).toBe(true);
    expect(await stateNow(db)).toMatchObject({ kind: 'stale', reason: 'setup' });
  });

  it('counts a damaged stored record as none, and refuses to read damaged tallies for a summary', async () => {
    const db = await dbWithSetup();
    await db.settings.put({ key: signedSummaryKey('PPWP'), value: { hash: 'nope' } });
    expect(await loadSignedSummary(db, 'PPWP')).toBeNull();
    await db.tallies.put({ key: `${TPS1}:PPWP`, tps: TPS1, contest: 'PPWP', tally: { broken: true } } as never);
    const source = await summarySource(db, ['PPWP']);
    expect(source.ok).toBe(false);
    expect(!source.ok && source.error.kind).toBe('corrupt-tallies');
  });
});
