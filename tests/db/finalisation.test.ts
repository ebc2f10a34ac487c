import { describe, expect, it } from 'vitest';
import { TALLIES_FORMAT, tallyKey } from '../../src/domain/tally/tally.ts';
import {
  decideObjection,
  verifyReadback,
  desaFinalisationState,
  finaliseDesa,
  finaliseKecamatan,
  getHistory,
  getTally,
  importTallies,
  kecamatanFinalisationState,
  listTallies,
  reopenDesa,
  reopenKecamatan,
  setFigure,
  type RekapDb,
} from '../../src/db/index.ts';
import { CLEAN_PPWP, dbWithSetup, P, SETUP, TPS1 } from './fixtures.ts';
import { DESA1, DESA1_TPS, DESA2, DESA2_TPS, recorded, specialEvent, verified, votesFor } from './plenary-fixtures.ts';
import { emptyTally, setFigure as setTallyFigure } from '../../src/domain/tally/fields.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import type { TpsCode } from '../../src/domain/codes/codes.ts';

async function verifyAll(db: RekapDb, tps: readonly TpsCode[]) {
  for (const [i, code] of tps.entries()) await verified(db, code, votesFor(i));
}

const statuses = async (db: RekapDb, desa: typeof DESA1 | typeof DESA2) =>
  (await listTallies(db, { desa, contest: 'PPWP' })).rows.map((r) => `${r.tps.slice(10)}:${r.status}`).sort();

/** A verified tally that arrives by import (another device) with an error on it: valid + 1 (E06, E08). */
function importedWithError(tps: TpsCode): Tally {
  let t: Tally = emptyTally(tps, SETUP.contests[0]!);
  for (const [path, value] of Object.entries(CLEAN_PPWP)) t = setTallyFigure(t, path, value);
  t = setTallyFigure(t, 'valid', CLEAN_PPWP.valid! + 1);
  return { ...t, status: 'entered', enteredBy: 'Dewi', verifiedBy: null };
}

describe('finaliseDesa', () => {
  it('refuses while a TPS is missing or unverified, naming them, and writes nothing', async () => {
    const db = await dbWithSetup();
    await verified(db, DESA1_TPS[0]!, votesFor(0));
    await setFigure(db, { tps: DESA1_TPS[1]!, contest: 'PPWP', path: P.vote1, value: 3, actor: 'Ani' });
    const before = await statuses(db, DESA1);
    const r = await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
    expect(!r.ok && r.error.kind).toBe('desa-blocked');
    expect(!r.ok && r.error.kind === 'desa-blocked' && r.error.blockers).toEqual([
      { kind: 'not-verified', tps: DESA1_TPS[1], status: 'draft' },
      { kind: 'missing', tps: DESA1_TPS[2] },
    ]);
    expect(await statuses(db, DESA1)).toEqual(before);
    expect(await db.finalisations.count()).toBe(0);
  });

  it('makes every tally final (locked, with a status revision) and records who and which revisions', async () => {
    const db = await dbWithSetup();
    await verifyAll(db, DESA1_TPS);
    const r = await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ key: `${DESA1}:PPWP`, level: 'desa', state: 'final', revision: 1, updatedBy: 'Ketua' });
    expect(await statuses(db, DESA1)).toEqual(['001:final', '002:final', '901:final']);
    const key = tallyKey({ tps: TPS1, contest: 'PPWP' });
    const row = await getTally(db, key);
    const last = (await getHistory(db, key)).at(-1)!;
    expect(last).toMatchObject({ kind: 'status', statusBefore: 'verified', statusAfter: 'final', by: 'Ketua' });
    expect(r.value.history[0]!.tallies).toContainEqual({ key, revision: row.ok ? row.value!.revision : -1 });

    // The finalisation travels to the server like any other write: the record's pending op is final.
    const ops = await db.outbox.where('key').equals(key).toArray();
    expect((ops.at(-1) as { record?: { status?: string } } | undefined)?.record?.status).toBe('final');

    const edit = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 1, actor: 'Ani', reason: 'coba' });
    expect(!edit.ok && edit.error).toMatchObject({ kind: 'workflow-refused', refusal: { code: 'desa-final' } });

    // Again: nothing changes.
    const again = await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
    expect(again.ok && again.value.revision).toBe(1);
    const state = await desaFinalisationState(db, DESA1, 'PPWP');
    expect(state.ok && state.value.final).toBe(true);
  });

  it('lets a decided special event of the TPS cover an error that remains on its figures', async () => {
    const db = await dbWithSetup();
    await verifyAll(db, DESA1_TPS.slice(0, 2));
    // The paper form itself breaks its arithmetic: entered as it is (errors do not stop "entered").
    const tps = DESA1_TPS[2]!;
    const key = tallyKey({ tps, contest: 'PPWP' });
    const imported = await importTallies(db, { format: TALLIES_FORMAT, kecamatan: '350908', tallies: [importedWithError(tps)] }, 'Ketua');
    expect(imported.ok && imported.value.imported).toBe(1);
    const blocked = await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
    expect(!blocked.ok && blocked.error.kind === 'desa-blocked' && blocked.error.blockers).toEqual([
      { kind: 'not-verified', tps, status: 'entered' },
      { kind: 'uncovered', tps, codes: ['E06', 'E08'] },
    ]);
    expect(await verifyReadback(db, key, 'Eko')).toMatchObject({ ok: false, error: { kind: 'has-errors' } });

    const event = await recorded(db, specialEvent(tps));
    // Still pending: it covers nothing yet.
    expect(await verifyReadback(db, key, 'Eko')).toMatchObject({ ok: false, error: { kind: 'has-errors' } });
    await decideObjection(db, event.id, { status: 'noted', note: 'Kesalahan pada plano; dicatat' }, 'Ketua');
    expect((await verifyReadback(db, key, 'Eko')).ok).toBe(true);
    const state = await desaFinalisationState(db, DESA1, 'PPWP');
    expect(state.ok && state.value.readiness).toEqual({ ok: true, value: { tps: DESA1_TPS, covered: [{ tps, codes: ['E06', 'E08'] }] } });
    expect((await finaliseDesa(db, DESA1, 'PPWP', 'Ketua')).ok).toBe(true);
  });

  it('refuses an unknown desa and a blank actor', async () => {
    const db = await dbWithSetup();
    const unknown = await finaliseDesa(db, '3509082099' as never, 'PPWP', 'Ketua');
    expect(!unknown.ok && unknown.error.kind).toBe('unknown-tally');
    const dpd = await finaliseDesa(db, DESA1, 'DPD', 'Ketua');
    expect(!dpd.ok && dpd.error.kind).toBe('unknown-tally');
    const blank = await finaliseDesa(db, DESA1, 'PPWP', ' ');
    expect(!blank.ok && blank.error.kind).toBe('actor-required');
  });
});

describe('reopenDesa', () => {
  it('needs a reason, reverts the tallies to verified (editable as corrections) and keeps everything in history', async () => {
    const db = await dbWithSetup();
    await verifyAll(db, DESA1_TPS);
    await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
    const noReason = await reopenDesa(db, DESA1, 'PPWP', 'Ketua', '  ');
    expect(!noReason.ok && noReason.error.kind).toBe('reason-required');
    expect(await statuses(db, DESA1)).toEqual(['001:final', '002:final', '901:final']);

    const r = await reopenDesa(db, DESA1, 'PPWP', 'Ketua', 'Keberatan saksi PDIP: hitung ulang TPS 001');
    expect(r.ok && r.value).toMatchObject({ state: 'reopened', revision: 2 });
    expect(r.ok && r.value.history.map((e) => [e.action, e.reason])).toEqual([
      ['finalised', null],
      ['reopened', 'Keberatan saksi PDIP: hitung ulang TPS 001'],
    ]);
    expect(await statuses(db, DESA1)).toEqual(['001:verified', '002:verified', '901:verified']);
    const key = tallyKey({ tps: TPS1, contest: 'PPWP' });
    expect((await getHistory(db, key)).at(-1)).toMatchObject({ statusBefore: 'final', statusAfter: 'verified', reason: 'Keberatan saksi PDIP: hitung ulang TPS 001' });
    const fix = await setFigure(db, { tps: TPS1, contest: 'PPWP', path: P.vote1, value: 32, actor: 'Ani', reason: 'Hasil hitung ulang' });
    expect(fix.ok && fix.value.row.status).toBe('entered');

    const notFinal = await reopenDesa(db, DESA1, 'PPWP', 'Ketua', 'lagi');
    expect(!notFinal.ok && notFinal.error.kind).toBe('not-final');
  });
});

describe('kecamatan finalisation', () => {
  it('finalises when all desa have; reopening a desa reopens it with the reason', async () => {
    const db = await dbWithSetup();
    await verifyAll(db, DESA1_TPS);
    await verifyAll(db, DESA2_TPS);
    await finaliseDesa(db, DESA1, 'PPWP', 'Ketua');
    const early = await finaliseKecamatan(db, 'PPWP', 'Ketua');
    expect(!early.ok && early.error.kind === 'kecamatan-blocked' && early.error.blockers).toEqual([{ kind: 'desa-not-final', desa: DESA2 }]);
    await finaliseDesa(db, DESA2, 'PPWP', 'Ketua');
    const kec = await finaliseKecamatan(db, 'PPWP', 'Ketua');
    expect(kec.ok && kec.value).toMatchObject({ key: '350908:PPWP', level: 'kecamatan', state: 'final' });

    await reopenDesa(db, DESA2, 'PPWP', 'Ketua', 'Salah baca TPS 003');
    const state = await kecamatanFinalisationState(db, 'PPWP');
    expect(state.ok && state.value.final).toBe(false);
    expect(state.ok && state.value.row?.history.at(-1)).toMatchObject({ action: 'reopened', reason: 'Puger Wetan: Salah baca TPS 003' });
    expect(state.ok && state.value.readiness).toEqual({ ok: false, error: [{ kind: 'desa-not-final', desa: DESA2 }] });

    await finaliseDesa(db, DESA2, 'PPWP', 'Ketua');
    expect((await finaliseKecamatan(db, 'PPWP', 'Ketua')).ok).toBe(true);
    const noReason = await reopenKecamatan(db, 'PPWP', 'Ketua', '');
    expect(!noReason.ok && noReason.error.kind).toBe('reason-required');
    const reopened = await reopenKecamatan(db, 'PPWP', 'Ketua', 'Koreksi KPU Kabupaten');
    expect(reopened.ok && reopened.value.history.map((e) => e.action)).toEqual(['finalised', 'reopened', 'finalised', 'reopened']);
    // The desa stay final.
    expect(await statuses(db, DESA1)).toEqual(['001:final', '002:final', '901:final']);
  });
});
